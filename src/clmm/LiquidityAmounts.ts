/**
 * LiquidityAmounts.sol (v3-periphery): liquidity from token amounts and back, for prices given as
 * Q64.96 sqrt ratios. Liquidity for amounts rounds down; amounts for liquidity round down.
 */
import { MAX_UINT128, Q96, RESOLUTION } from './constants.ts';
import { mulDiv } from './FullMath.ts';
import { require } from './PoolRevertError.ts';

function toUint128(x: bigint): bigint {
  require(x <= MAX_UINT128);
  return x;
}

function sorted(a: bigint, b: bigint): [bigint, bigint] {
  return a > b ? [b, a] : [a, b];
}

/** liquidity = amount0 * (sqrt(upper) * sqrt(lower)) / (sqrt(upper) - sqrt(lower)). */
export function getLiquidityForAmount0(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  const intermediate = mulDiv(a, b, Q96);
  return toUint128(mulDiv(amount0, intermediate, b - a));
}

/** liquidity = amount1 / (sqrt(upper) - sqrt(lower)). */
export function getLiquidityForAmount1(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount1: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  return toUint128(mulDiv(amount1, Q96, b - a));
}

export interface LiquidityForAmountsParams {
  sqrtPriceX96: bigint;
  sqrtPriceAX96: bigint;
  sqrtPriceBX96: bigint;
  amount0: bigint;
  amount1: bigint;
}

/** The maximum liquidity the given amounts buy in the range at the current price. */
export function getLiquidityForAmounts(p: LiquidityForAmountsParams): bigint {
  const [a, b] = sorted(p.sqrtPriceAX96, p.sqrtPriceBX96);
  if (p.sqrtPriceX96 <= a) return getLiquidityForAmount0(a, b, p.amount0);
  if (p.sqrtPriceX96 < b) {
    const liquidity0 = getLiquidityForAmount0(p.sqrtPriceX96, b, p.amount0);
    const liquidity1 = getLiquidityForAmount1(a, p.sqrtPriceX96, p.amount1);
    return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
  }
  return getLiquidityForAmount1(a, b, p.amount1);
}

/** amount0 = liquidity * (sqrt(upper) - sqrt(lower)) / (sqrt(upper) * sqrt(lower)). */
export function getAmount0ForLiquidity(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  return mulDiv(liquidity << RESOLUTION, b - a, b) / a;
}

/** amount1 = liquidity * (sqrt(upper) - sqrt(lower)). */
export function getAmount1ForLiquidity(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  return mulDiv(liquidity, b - a, Q96);
}

export interface AmountsForLiquidityParams {
  sqrtPriceX96: bigint;
  sqrtPriceAX96: bigint;
  sqrtPriceBX96: bigint;
  liquidity: bigint;
}

/** Token amounts a liquidity is worth in the range at the current price (rounded down). */
export function getAmountsForLiquidity(p: AmountsForLiquidityParams): { amount0: bigint; amount1: bigint } {
  const [a, b] = sorted(p.sqrtPriceAX96, p.sqrtPriceBX96);
  if (p.sqrtPriceX96 <= a) return { amount0: getAmount0ForLiquidity(a, b, p.liquidity), amount1: 0n };
  if (p.sqrtPriceX96 < b) {
    return {
      amount0: getAmount0ForLiquidity(p.sqrtPriceX96, b, p.liquidity),
      amount1: getAmount1ForLiquidity(a, p.sqrtPriceX96, p.liquidity),
    };
  }
  return { amount0: 0n, amount1: getAmount1ForLiquidity(a, b, p.liquidity) };
}
