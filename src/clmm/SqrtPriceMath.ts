/**
 * SqrtPriceMath.sol: functions based on Q64.96 sqrt price and liquidity. Contains the math that uses
 * square root of price as a Q64.96 and liquidity to compute deltas. Rounding always favours the pool.
 */
import { MAX_UINT160, MAX_UINT256, Q96, RESOLUTION } from './constants.ts';

const Q96_MINUS_ONE = Q96 - 1n;
import { mulDiv, mulDivRoundingUp } from './FullMath.ts';
import { require } from './PoolRevertError.ts';
import { addUint256, toInt256, toUint160 } from './SafeCast.ts';
import { divRoundingUp } from './UnsafeMath.ts';

/**
 * Gets the next sqrt price given a delta of token0.
 * Always rounds up, because in the exact output case (increasing price) we need to move the price at
 * least far enough to get the desired output amount, and in the exact input case (decreasing price)
 * we need to move the price less in order to not send too much output.
 * The most precise formula for this is liquidity * sqrtPX96 / (liquidity +- amount * sqrtPX96); if
 * that is impossible because of overflow, we calculate liquidity / (liquidity / sqrtPX96 +- amount).
 */
export function getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  // we short circuit amount == 0 because the result is otherwise not guaranteed to equal the input price
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << RESOLUTION;

  if (add) {
    // uint256 multiplication wraps; the contract detects the wrap with `product / amount == sqrtPX96`
    const product = (amount * sqrtPX96) & MAX_UINT256;
    if (product / amount === sqrtPX96) {
      const denominator = (numerator1 + product) & MAX_UINT256;
      if (denominator >= numerator1) {
        // always fits in 160 bits
        return mulDivRoundingUp(numerator1, sqrtPX96, denominator) & MAX_UINT160;
      }
    }
    return divRoundingUp(numerator1, addUint256(numerator1 / sqrtPX96, amount)) & MAX_UINT160;
  }
  // if the product overflows, we know the denominator underflows
  // in addition, we must check that the denominator does not underflow
  const product = (amount * sqrtPX96) & MAX_UINT256;
  require(product / amount === sqrtPX96 && numerator1 > product);
  const denominator = numerator1 - product;
  return toUint160(mulDivRoundingUp(numerator1, sqrtPX96, denominator));
}

/**
 * Gets the next sqrt price given a delta of token1.
 * Always rounds down, because in the exact output case (decreasing price) we need to move the price
 * at least far enough to get the desired output amount, and in the exact input case (increasing
 * price) we need to move the price less in order to not send too much output.
 * The formula we compute is within <1 wei of the lossless version: sqrtPX96 +- amount / liquidity.
 */
export function getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  // if we're adding (subtracting), rounding down requires rounding the quotient down (up)
  // in both cases, avoid a mulDiv for most inputs
  if (add) {
    let quotient: bigint;
    if (amount <= MAX_UINT160) {
      require(liquidity > 0n); // Solidity 0.7 division by zero reverts without a reason
      quotient = ((amount << RESOLUTION) & MAX_UINT256) / liquidity;
    } else {
      quotient = mulDiv(amount, Q96, liquidity);
    }
    return toUint160(addUint256(sqrtPX96, quotient));
  }
  const quotient = amount <= MAX_UINT160
    ? divRoundingUp((amount << RESOLUTION) & MAX_UINT256, liquidity)
    : mulDivRoundingUp(amount, Q96, liquidity);
  require(sqrtPX96 > quotient);
  // always fits 160 bits
  return sqrtPX96 - quotient;
}

/** Gets the next sqrt price given an input amount of token0 or token1; reverts if price or liquidity are 0. */
export function getNextSqrtPriceFromInput(sqrtPX96: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  require(sqrtPX96 > 0n);
  require(liquidity > 0n);
  // round to make sure that we don't pass the target price
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/** Gets the next sqrt price given an output amount of token0 or token1; reverts if price or liquidity are 0. */
export function getNextSqrtPriceFromOutput(sqrtPX96: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  require(sqrtPX96 > 0n);
  require(liquidity > 0n);
  // round to make sure that we pass the target price
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

/**
 * Amount0 delta between two prices: liquidity / sqrt(lower) - liquidity / sqrt(upper),
 * i.e. liquidity * (sqrt(upper) - sqrt(lower)) / (sqrt(upper) * sqrt(lower)).
 */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  const numerator1 = liquidity << RESOLUTION;
  const numerator2 = sqrtRatioBX96 - sqrtRatioAX96;
  require(sqrtRatioAX96 > 0n);
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtRatioBX96), sqrtRatioAX96)
    : mulDiv(numerator1, numerator2, sqrtRatioBX96) / sqrtRatioAX96;
}

/** Amount1 delta between two prices: liquidity * (sqrt(upper) - sqrt(lower)). */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  // mulDiv(liquidity, diff, Q96): the product is below 2^288 and Q96 a power of two, so the division
  // is a shift and the result always fits 256 bits — the same values as the contract's FullMath calls
  const product = liquidity * (sqrtRatioBX96 - sqrtRatioAX96);
  return roundUp ? (product + Q96_MINUS_ONE) >> RESOLUTION : product >> RESOLUTION;
}

/** Signed token0 delta for a signed liquidity change: rounded up when adding, down (and negated) when removing. */
export function getAmount0DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return liquidity < 0n
    ? -toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false))
    : toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true));
}

/** Signed token1 delta for a signed liquidity change. */
export function getAmount1DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return liquidity < 0n
    ? -toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false))
    : toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true));
}

