/**
 * What one unit of liquidity in a range holds and is worth at the current price, in floats for
 * estimates (never for pool arithmetic: the executor mints with the exact bigint libraries). Token0
 * is the numeraire (≈ $1, PoolSpec), so USD = token0 value / 10^decimals0. With P the raw price
 * (token1 base units per token0 base unit) and s = √P clamped into [√Pa, √Pb]:
 *   amount0 = L·(1/s − 1/√Pb),  amount1 = L·(s − √Pa),  value in token0 = amount0 + amount1 / P.
 */
import { Q96 } from '../clmm/constants.ts';
import type { RangeSpec } from './types.ts';
import { LN_TICK } from '../clmm/price.ts';

export function sqrtPriceOfX96(sqrtPriceX96: bigint): number {
  return Number(sqrtPriceX96) / Number(Q96);
}

export function sqrtPriceAtTickFloat(tick: number): number {
  return Math.exp((tick / 2) * LN_TICK);
}

export interface RangeAmounts {
  /** Raw base units per unit of liquidity. */
  amount0: number;
  amount1: number;
}

export function amountsPerLiquidity(range: RangeSpec, sqrtPrice: number): RangeAmounts {
  const sa = sqrtPriceAtTickFloat(range.tickLower);
  const sb = sqrtPriceAtTickFloat(range.tickUpper);
  const s = Math.min(sb, Math.max(sa, sqrtPrice));
  return { amount0: 1 / s - 1 / sb, amount1: s - sa };
}

export interface ValuePerLiquidityParams {
  range: RangeSpec;
  /** √P as a float (see sqrtPriceOfX96). */
  sqrtPrice: number;
  decimals0: number;
}

/** USD value of one unit of liquidity in the range at the price. */
export function valuePerLiquidityUsd(p: ValuePerLiquidityParams): number {
  const { amount0, amount1 } = amountsPerLiquidity(p.range, p.sqrtPrice);
  const price = p.sqrtPrice * p.sqrtPrice;
  return (amount0 + amount1 / price) / 10 ** p.decimals0;
}

/** Liquidity that `valueUsd` buys in the range when swapped to its ratio first. */
export function liquidityForValueUsd(valueUsd: number, p: ValuePerLiquidityParams): number {
  const perL = valuePerLiquidityUsd(p);
  return perL > 0 && valueUsd > 0 ? valueUsd / perL : 0;
}
