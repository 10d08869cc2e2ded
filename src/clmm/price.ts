/**
 * Conversions between pool prices and human prices. The pool price P = token1 per token0 in base
 * units = 1.0001^tick = (sqrtPriceX96 / 2^96)^2; human prices scale it by the tokens' decimals.
 * These are floats for display and valuation in USD, never for pool arithmetic.
 */
import { Q96 } from './constants.ts';
import { getSqrtRatioAtTick } from './TickMath.ts';

/** ln(1.0001): one tick in log price. */
export const LN_TICK = Math.log(1.0001);

/** Raw pool price (token1 base units per token0 base unit) from a sqrt price. */
export function sqrtPriceX96ToRawPrice(sqrtPriceX96: bigint): number {
  const ratio = Number(sqrtPriceX96) / Number(Q96);
  return ratio * ratio;
}

/** Human price of token0 in token1 (e.g. WETH per USDC for USDC/WETH). */
export function token0PriceInToken1(sqrtPriceX96: bigint, decimals0: number, decimals1: number): number {
  return sqrtPriceX96ToRawPrice(sqrtPriceX96) * 10 ** (decimals0 - decimals1);
}

/** Human price of token1 in token0 (e.g. USD per ETH for USDC/WETH). */
export function token1PriceInToken0(sqrtPriceX96: bigint, decimals0: number, decimals1: number): number {
  return 1 / token0PriceInToken1(sqrtPriceX96, decimals0, decimals1);
}

/** The tick at which token1 costs `price` units of token0 (human), not rounded to a spacing. */
export function tickForToken1Price(price: number, decimals0: number, decimals1: number): number {
  const raw = 10 ** (decimals1 - decimals0) / price;
  return Math.floor(Math.log(raw) / LN_TICK);
}

/** sqrt ratio for a float raw price, for starting pools and external prices (not exact pool math). */
export function rawPriceToSqrtPriceX96(rawPrice: number): bigint {
  // Split the float into mantissa and exponent so large and tiny prices keep their 53 bits.
  const sqrt = Math.sqrt(rawPrice);
  const exponent = Math.floor(Math.log2(sqrt));
  const mantissa = BigInt(Math.round(sqrt * 2 ** (52 - exponent)));
  const shift = 96 + exponent - 52;
  return shift >= 0 ? mantissa << BigInt(shift) : mantissa >> BigInt(-shift);
}

/** Human token1 price at a tick. */
export function tickToToken1Price(tick: number, decimals0: number, decimals1: number): number {
  return token1PriceInToken0(getSqrtRatioAtTick(tick), decimals0, decimals1);
}
