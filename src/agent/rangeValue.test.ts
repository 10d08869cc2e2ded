import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getAmountsForLiquidity } from '../clmm/LiquidityAmounts.ts';
import { getSqrtRatioAtTick } from '../clmm/TickMath.ts';
import { amountsPerLiquidity, liquidityForValueUsd, sqrtPriceOfX96, valuePerLiquidityUsd } from './rangeValue.ts';

test('float amounts per liquidity match the exact v3 amounts', () => {
  const tick = 200_311;
  const sqrtPriceX96 = getSqrtRatioAtTick(tick);
  for (const range of [{ tickLower: 199_700, tickUpper: 200_900 }, { tickLower: 200_400, tickUpper: 201_000 }, { tickLower: 199_000, tickUpper: 200_000 }]) {
    const L = 10n ** 18n;
    const exact = getAmountsForLiquidity({ sqrtPriceX96, sqrtPriceAX96: getSqrtRatioAtTick(range.tickLower), sqrtPriceBX96: getSqrtRatioAtTick(range.tickUpper), liquidity: L });
    const approx = amountsPerLiquidity(range, sqrtPriceOfX96(sqrtPriceX96));
    const rel = (a: number, b: bigint) => (b === 0n ? Math.abs(a) : Math.abs(a * 1e18 - Number(b)) / Number(b));
    assert.ok(rel(approx.amount0, exact.amount0) < 1e-9, `amount0 ${range.tickLower}`);
    assert.ok(rel(approx.amount1, exact.amount1) < 1e-9, `amount1 ${range.tickLower}`);
  }
});

test('liquidity for a value inverts the value per liquidity; narrower ranges need less value per L', () => {
  const s = sqrtPriceOfX96(getSqrtRatioAtTick(200_311));
  const wide = { range: { tickLower: 199_000, tickUpper: 201_600 }, sqrtPrice: s, decimals0: 6 };
  const narrow = { range: { tickLower: 200_000, tickUpper: 200_600 }, sqrtPrice: s, decimals0: 6 };
  const L = liquidityForValueUsd(10_000, wide);
  assert.ok(Math.abs(L * valuePerLiquidityUsd(wide) - 10_000) < 1e-6);
  assert.ok(liquidityForValueUsd(10_000, narrow) > L);
  assert.equal(liquidityForValueUsd(0, wide), 0);
});
