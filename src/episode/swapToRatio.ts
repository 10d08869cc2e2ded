/**
 * How much to swap before minting so that the mint leaves little idle: the share of value the range
 * wants in token0 at the current price against the share the wallet holds, computed in floats (a
 * sizing decision; the swap itself is exact). Dust, less than 0.1% of the wallet, is not worth a swap.
 */
import { getAmountsForLiquidity } from '../clmm/LiquidityAmounts.ts';
import { getSqrtRatioAtTick } from '../clmm/TickMath.ts';
import type { RangeSpec } from '../agent/types.ts';
import type { SwapParams } from '../exec/ExecutorPort.ts';

export interface SwapToRatioParams {
  sqrtPriceX96: bigint;
  range: RangeSpec;
  /** The wallet's idle tokens, raw units. */
  idle0: bigint;
  idle1: bigint;
  decimals0: number;
  decimals1: number;
  /** USD per whole token1 (token0 is the dollar stablecoin). */
  ethUsd: number;
}

/** The swap that brings the idle tokens to the range's ratio, or null when none is worth making. */
export function swapToRatio(p: SwapToRatioParams): SwapParams | null {
  const unit = 10n ** 18n;
  // token amounts per unit of liquidity at the current price
  const perUnit = getAmountsForLiquidity({ sqrtPriceX96: p.sqrtPriceX96, sqrtPriceAX96: getSqrtRatioAtTick(p.range.tickLower), sqrtPriceBX96: getSqrtRatioAtTick(p.range.tickUpper), liquidity: unit });
  const a0 = Number(perUnit.amount0);
  const a1 = Number(perUnit.amount1);
  const usd0 = (x: number) => x / 10 ** p.decimals0;
  const usd1 = (y: number) => (y / 10 ** p.decimals1) * p.ethUsd;
  const wantShare0 = usd0(a0) / (usd0(a0) + usd1(a1)); // share of value the range wants in token0
  const have0 = usd0(Number(p.idle0));
  const have1 = usd1(Number(p.idle1));
  const total = have0 + have1;
  if (total <= 0 || !Number.isFinite(wantShare0)) return null;
  const excess0Usd = have0 - wantShare0 * total;
  if (Math.abs(excess0Usd) < total * 1e-3) return null;
  const zeroForOne = excess0Usd > 0;
  let amountInRaw = zeroForOne
    ? BigInt(Math.floor(excess0Usd * 10 ** p.decimals0))
    : BigInt(Math.floor((-excess0Usd / p.ethUsd) * 10 ** p.decimals1));
  if (zeroForOne && amountInRaw > p.idle0) amountInRaw = p.idle0;
  if (!zeroForOne && amountInRaw > p.idle1) amountInRaw = p.idle1;
  if (amountInRaw <= 0n) return null;
  return { zeroForOne, amountInRaw };
}
