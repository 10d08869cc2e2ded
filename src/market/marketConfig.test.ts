import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig, MarketConfigError, parseMarketConfig, plusMinusPctToWidthTicks } from './marketConfig.ts';
import { REGIMES } from './types.ts';

test('the defaults validate, and an empty override gives them back', () => {
  assert.deepEqual(parseMarketConfig({}), defaultMarketConfig());
  assert.deepEqual(parseMarketConfig(undefined), defaultMarketConfig());
  assert.deepEqual(defaultMarketConfig(), DEFAULT_MARKET_CONFIG);
  assert.ok(Object.isFrozen(DEFAULT_MARKET_CONFIG.regimes.mid));
});

test('defaults carry the market-facts figures', () => {
  const c = DEFAULT_MARKET_CONFIG;
  assert.equal(c.pool.address, '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640');
  assert.deepEqual([c.pool.fee, c.pool.tickSpacing, c.pool.decimals0, c.pool.decimals1], [500, 10, 6, 18]);
  assert.deepEqual(REGIMES.map((r) => c.regimes[r].volAnnual), [0.15, 0.45, 0.9, 0.45, 0.45, 0.7, 0.7]);
  assert.equal(c.regimes.mean_revert.meanReversionHalfLifeHours, 2);
  assert.equal(c.gasUnits.mint, 480_000);
  assert.equal(c.gasUnits.exit, 230_000);
  assert.equal(c.gas.medianGwei, 12);
  assert.equal(c.backgroundLiquidity.activeLiquidity, 1.2e19);
  assert.equal(plusMinusPctToWidthTicks(5), 976); // ±5% = [P/1.05, 1.05P]: 2 × 487.9 ticks
});

test('a partial override merges onto the defaults; arrays replace', () => {
  const c = parseMarketConfig({ regimes: { mid: { volAnnual: 0.5 } }, noise: { sizes: [{ weight: 1, medianUsd: 1000, sigmaLog: 1 }] }, gas: { maxChangePerBlock: null } });
  assert.equal(c.regimes.mid.volAnnual, 0.5);
  assert.equal(c.regimes.mid.driftPerDay, 0);
  assert.equal(c.regimes.low.volAnnual, 0.15);
  assert.equal(c.noise.sizes.length, 1);
  assert.equal(c.gas.maxChangePerBlock, null);
  assert.equal(c.gas.medianGwei, 12);
});

function rejects(json: unknown, field: string, expected: RegExp): void {
  assert.throws(
    () => parseMarketConfig(json),
    (error: unknown) => {
      assert.ok(error instanceof MarketConfigError, String(error));
      assert.equal(error.code, 'BAD_CONFIG');
      assert.equal(error.field, field);
      assert.match(error.message, expected);
      assert.ok(error.message.includes(field));
      return true;
    },
  );
}

test('errors name the field path and the expected form', () => {
  rejects([], '(root)', /a JSON object/);
  rejects('x', '(root)', /a JSON object/);
  rejects({ regimes: { mid: { volAnnual: 'high' } } }, 'regimes.mid.volAnnual', /expected number, got "high"/);
  rejects({ regimes: { mid: { volAnnual: -0.1 } } }, 'regimes.mid.volAnnual', />=0/);
  rejects({ regimes: { calm: { volAnnual: 0.1 } } }, 'regimes.calm', /no such field.*low, mid, high/);
  rejects({ regimes: { mid: { vol: 0.1 } } }, 'regimes.mid.vol', /no such field/);
  rejects({ startPrice: 2000 }, 'startPrice', /no such field/);
  rejects({ pool: { fee: 500.5 } }, 'pool.fee', /int/);
  rejects({ pool: { address: '0x12' } }, 'pool.address', /0x-prefixed 20-byte hex address/);
  rejects({ noise: { sizes: [{ weight: 0.5, medianUsd: 1000, sigmaLog: 1 }] } }, 'noise.sizes', /weights summing to 1/);
  rejects({ noise: { sizes: [{ weight: 1, medianUsd: 0, sigmaLog: 1 }] } }, 'noise.sizes[0].medianUsd', />0/);
  rejects({ noise: { sizes: [] } }, 'noise.sizes', />=1/);
  rejects({ noise: { token0InShare: 1.5 } }, 'noise.token0InShare', /<=1/);
  rejects({ backgroundLiquidity: { fullRangeShare: 0.5 } }, 'backgroundLiquidity', /summing to 1/);
  rejects({ jit: { liquidityMultipleMin: 40 } }, 'jit.liquidityMultipleMax', />= jit.liquidityMultipleMin/);
  rejects({ gasUnits: { mint: 0 } }, 'gasUnits.mint', />0/);
  rejects({ gas: { spike: { multiplierMin: 0.5 } } }, 'gas.spike.multiplierMin', />=1/);
  rejects({ regimes: { mean_revert: { meanReversionHalfLifeHours: 0 } } }, 'regimes.mean_revert.meanReversionHalfLifeHours', />0/);
});
