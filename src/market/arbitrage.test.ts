/**
 * The arbitrageur keeps the pool within the fee band of the external price, widened only by what its
 * gas makes unprofitable to close; at zero gas the pool ends every block's arbitrage inside the band.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from '../clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../clmm/price.ts';
import { applyBlock } from './applyBlock.ts';
import { arbitrage, arbitrageBand } from './arbitrage.ts';
import { seedBackgroundLiquidity } from './backgroundLiquidity.ts';
import { initialGasState } from './gasModel.ts';
import { generateEpisodeMarket } from './generateEpisodeMarket.ts';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig } from './marketConfig.ts';
import { createRng } from './Rng.ts';
import type { RegimeName } from './types.ts';

const START = 1e12 / 2300;

function setup(regime: RegimeName, seed: number, blocks: number) {
  const config = DEFAULT_MARKET_CONFIG;
  const pool = new Pool({ fee: config.pool.fee, tickSpacing: config.pool.tickSpacing });
  pool.initialize(rawPriceToSqrtPriceX96(START));
  seedBackgroundLiquidity({ pool, config, centerTick: pool.slot0.tick });
  const { market } = generateEpisodeMarket({ config, rng: createRng(seed), regime, startRawPrice: START, gasState: initialGasState(config), blocks });
  return { config, pool, market };
}

const noArbitrage = (() => {
  const c = defaultMarketConfig();
  c.arbitrage.enabled = false;
  return c;
})();

test('after each block’s arbitrage the pool is within the fee band plus the gas-equivalent slack', (t) => {
  const { config, pool, market } = setup('high', 21, 600);
  const feeBand = -Math.log(1 - config.pool.fee / 1e6);
  let arbs = 0;
  let maxGap = 0;
  let cursor = 0;
  for (let b = 0; b < market.blocks; b++) {
    const ext = market.externalSqrtPriceX96[b]!;
    const ethUsd = market.ethUsd[b]!;
    const gasGwei = market.gasGwei[b]!;
    const result = arbitrage({ pool, externalSqrtPriceX96: ext, externalRawPrice: market.externalRawPrice[b]!, ethUsd, gasGwei, config });
    const sqrtNow = pool.slot0.sqrtPriceX96;
    const band = arbitrageBand(ext, pool.fee);
    const gap = Math.abs(2 * Math.log(Number(sqrtNow) / Number(ext)));
    maxGap = Math.max(maxGap, gap);
    if (result.swapped) {
      arbs++;
      // the engine stops exactly at the band edge it was given as the price limit
      assert.ok(sqrtNow === band.lowerSqrtPriceX96 || sqrtNow === band.upperSqrtPriceX96, `block ${b}: stopped at the edge`);
      assert.ok(result.amount0 !== 0n && result.amount1 !== 0n && (result.amount0 > 0n) !== (result.amount1 > 0n));
    } else {
      // not worth it: profit L·√S·d²/4 (token1 units) ≤ gas, i.e. d ≤ 2·√(gas / (L·√S·ETH/1e18))
      const gasUsd = config.arbitrage.gasUnits * gasGwei * 1e-9 * ethUsd;
      const slack = 2 * Math.sqrt((gasUsd * 1e18) / (Number(pool.liquidity) * Math.sqrt(market.externalRawPrice[b]!) * ethUsd));
      assert.ok(gap <= (feeBand + slack) * 1.001, `block ${b}: gap ${gap} > band ${feeBand} + slack ${slack}`);
    }
    cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config: noArbitrage });
  }
  t.diagnostic(`arbitrage in ${((100 * arbs) / market.blocks).toFixed(1)}% of blocks (σ 90%, gas ≈12 gwei); max gap ${(maxGap * 1e4).toFixed(1)} bp after arbitrage`);
  assert.ok(arbs > 0.05 * market.blocks);
});

test('with zero gas the pool ends every arbitrage inside [S(1−f), S/(1−f)] exactly', () => {
  const { config, pool, market } = setup('mid', 5, 400);
  let cursor = 0;
  for (let b = 0; b < market.blocks; b++) {
    const ext = market.externalSqrtPriceX96[b]!;
    arbitrage({ pool, externalSqrtPriceX96: ext, externalRawPrice: market.externalRawPrice[b]!, ethUsd: market.ethUsd[b]!, gasGwei: 0, config });
    const band = arbitrageBand(ext, pool.fee);
    const p = pool.slot0.sqrtPriceX96;
    assert.ok(p >= band.lowerSqrtPriceX96 && p <= band.upperSqrtPriceX96, `block ${b}`);
    cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config: noArbitrage });
  }
});

test('no trade inside the band, nor when the gap does not pay the gas', () => {
  const { config, pool } = setup('mid', 1, 1);
  const s = pool.slot0.sqrtPriceX96;
  const ethUsd = 2300;
  const inside = arbitrage({ pool, externalSqrtPriceX96: s, externalRawPrice: START, ethUsd, gasGwei: 0, config });
  assert.deepEqual(inside, { swapped: false, amount0: 0n, amount1: 0n });
  // external 6 bp above the pool: 1 bp beyond the 5-bp band, worth ≈ L·√S·(1e-4)²/4 ≈ $0.14 < gas at 12 gwei ($3.6)
  const ext = rawPriceToSqrtPriceX96(START * Math.exp(6e-4));
  const before = pool.slot0.sqrtPriceX96;
  assert.equal(arbitrage({ pool, externalSqrtPriceX96: ext, externalRawPrice: START * Math.exp(6e-4), ethUsd, gasGwei: 12, config }).swapped, false);
  assert.equal(pool.slot0.sqrtPriceX96, before);
  // …but at zero gas it trades, buying token0 from the pool (token1 in), up to the lower band edge
  const r = arbitrage({ pool, externalSqrtPriceX96: ext, externalRawPrice: START * Math.exp(6e-4), ethUsd, gasGwei: 0, config });
  assert.equal(r.swapped, true);
  assert.ok(r.amount1 > 0n && r.amount0 < 0n);
  assert.equal(pool.slot0.sqrtPriceX96, arbitrageBand(ext, pool.fee).lowerSqrtPriceX96);
});
