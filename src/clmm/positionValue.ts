/**
 * What a position is worth: the tokens its liquidity would return if burned now (LiquidityAmounts,
 * rounded down as a burn would be), plus its uncollected fees — tokensOwed and the fees accrued since
 * its last update, computed exactly as a zero-liquidity poke would credit them, without changing the pool.
 */
import { mulDiv } from './FullMath.ts';
import { getAmountsForLiquidity } from './LiquidityAmounts.ts';
import { MAX_UINT128, MAX_UINT256, Q128 } from './constants.ts';
import type { Pool } from './Pool.ts';
import { getSqrtRatioAtTick } from './TickMath.ts';

export interface PositionValue {
  /** Principal: what burning all liquidity at the price would return. */
  amount0: bigint;
  amount1: bigint;
  /** Uncollected fees (owed plus pending). */
  fees0: bigint;
  fees1: bigint;
}

export interface PositionValueParams {
  pool: Pool;
  owner: string;
  tickLower: number;
  tickUpper: number;
  /** Price to value the principal at; the pool's current price by default. */
  sqrtPriceX96?: bigint;
}

export function positionValue(p: PositionValueParams): PositionValue {
  const info = p.pool.getPosition(p.owner, p.tickLower, p.tickUpper);
  const principal = getAmountsForLiquidity({
    sqrtPriceX96: p.sqrtPriceX96 ?? p.pool.slot0.sqrtPriceX96,
    sqrtPriceAX96: getSqrtRatioAtTick(p.tickLower),
    sqrtPriceBX96: getSqrtRatioAtTick(p.tickUpper),
    liquidity: info.liquidity,
  });
  let fees0 = info.tokensOwed0;
  let fees1 = info.tokensOwed1;
  if (info.liquidity > 0n) {
    const inside = p.pool.getFeeGrowthInside(p.tickLower, p.tickUpper);
    fees0 += mulDiv((inside.feeGrowthInside0X128 - info.feeGrowthInside0LastX128) & MAX_UINT256, info.liquidity, Q128) & MAX_UINT128;
    fees1 += mulDiv((inside.feeGrowthInside1X128 - info.feeGrowthInside1LastX128) & MAX_UINT256, info.liquidity, Q128) & MAX_UINT128;
  }
  return { amount0: principal.amount0, amount1: principal.amount1, fees0, fees1 };
}
