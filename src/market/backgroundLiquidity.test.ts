import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from '../clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../clmm/price.ts';
import { getSqrtRatioAtTick } from '../clmm/TickMath.ts';
import { backgroundLiquidityShape, findBackgroundCenter, FULL_RANGE_OWNER, recenterBackgroundLiquidity, seedBackgroundLiquidity } from './backgroundLiquidity.ts';
import { DEFAULT_MARKET_CONFIG } from './marketConfig.ts';

const config = DEFAULT_MARKET_CONFIG;

function seeded(): Pool {
  const pool = new Pool({ fee: 500, tickSpacing: 10 });
  pool.initialize(rawPriceToSqrtPriceX96(1e12 / 2300));
  seedBackgroundLiquidity({ pool, config, centerTick: pool.slot0.tick });
  return pool;
}

/** Active liquidity if the price sat in tick `tick` (sum of liquidityNet of initialized ticks ≤ tick). */
function liquidityAt(pool: Pool, tick: number): bigint {
  let l = 0n;
  for (const t of pool.initializedTicks()) if (t <= tick) l += pool.getTick(t).liquidityNet;
  return l;
}

test('seeding puts the configured active liquidity at the price (MF §5.1: ≈1.2e19)', () => {
  const pool = seeded();
  const target = config.backgroundLiquidity.activeLiquidity;
  assert.ok(Math.abs(Number(pool.liquidity) / target - 1) < 1e-9, `active L ${pool.liquidity}`);
  const shape = backgroundLiquidityShape(config, 10);
  assert.equal(shape.length, 12);
  for (const p of shape) {
    assert.ok(p.owner.startsWith('bg:'));
    assert.ok(p.lowerOffset % 10 === 0 && p.upperOffset % 10 === 0);
    assert.ok(p.lowerOffset <= 0 && p.upperOffset >= 10, `${p.owner} contains the centre spacing`);
  }
  assert.ok(pool.getPosition(FULL_RANGE_OWNER, -887270, 887270).liquidity > 0n);
});

test('the profile is flat near the price and thins out beyond the bands (MF §5.1)', () => {
  const pool = seeded();
  const tick = pool.slot0.tick;
  const at = (offset: number) => Number(liquidityAt(pool, tick + offset)) / Number(pool.liquidity);
  assert.equal(at(0), 1);
  for (const offset of [-150, -60, 60, 150]) assert.ok(at(offset) > 0.75 && at(offset) <= 1, `±1.5%: ${offset} → ${at(offset)}`);
  assert.ok(at(1000) < 0.5 && at(-1000) < 0.5, 'beyond ±10% most band liquidity is out of range');
  assert.ok(at(5000) > 0 && at(5000) <= config.backgroundLiquidity.fullRangeShare + 1e-9, 'far away only the full-range base remains');
});

test('recentring moves every band position to the new centre, keeps the shape, and is deterministic', () => {
  const a = seeded();
  const b = a.clone();
  const oldCenter = findBackgroundCenter(a, config)!;
  assert.equal(oldCenter, Math.floor(a.slot0.tick / 10) * 10);
  // price moves up 1%, then the executor recentres on the external tick
  a.swap({ zeroForOne: false, amountSpecified: 1n << 100n, sqrtPriceLimitX96: getSqrtRatioAtTick(a.slot0.tick + 100) });
  b.swap({ zeroForOne: false, amountSpecified: 1n << 100n, sqrtPriceLimitX96: getSqrtRatioAtTick(b.slot0.tick + 100) });
  const center = a.slot0.tick + 3;
  assert.equal(recenterBackgroundLiquidity({ pool: a, centerTick: center, config }), true);
  assert.equal(recenterBackgroundLiquidity({ pool: b, centerTick: center, config }), true);
  const newCenter = Math.floor(center / 10) * 10;
  assert.equal(findBackgroundCenter(a, config), newCenter);
  for (const p of backgroundLiquidityShape(config, 10)) {
    assert.equal(a.getPosition(p.owner, oldCenter + p.lowerOffset, oldCenter + p.upperOffset).liquidity, 0n);
    assert.equal(a.getPosition(p.owner, newCenter + p.lowerOffset, newCenter + p.upperOffset).liquidity, p.liquidity);
  }
  assert.ok(Math.abs(Number(a.liquidity) / config.backgroundLiquidity.activeLiquidity - 1) < 1e-9, 'full active L at the new centre');
  // identical on every copy: same ticks, same liquidity, same balances
  assert.deepEqual(a.initializedTicks(), b.initializedTicks());
  assert.equal(a.liquidity, b.liquidity);
  assert.equal(a.balance0, b.balance0);
  // a second call at the same centre does nothing
  assert.equal(recenterBackgroundLiquidity({ pool: a, centerTick: newCenter + 5, config }), false);
});

test('recentring a pool without background LPs seeds the bands', () => {
  const pool = new Pool({ fee: 500, tickSpacing: 10 });
  pool.initialize(rawPriceToSqrtPriceX96(1e12 / 2300));
  assert.equal(findBackgroundCenter(pool, config), null);
  assert.equal(recenterBackgroundLiquidity({ pool, centerTick: pool.slot0.tick, config }), true);
  const bands = 1 - config.backgroundLiquidity.fullRangeShare;
  assert.ok(Math.abs(Number(pool.liquidity) / (config.backgroundLiquidity.activeLiquidity * bands) - 1) < 1e-9);
});
