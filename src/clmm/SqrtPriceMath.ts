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
  // the contract multiplies in uint256 and detects a wrap with `product / amount == sqrtPX96`; with the
  // unbounded product that test is exactly `product <= MAX_UINT256` (a wrapped product is smaller by
  // k·2^256, k ≥ 1, so its quotient by amount is at most sqrtPX96 − 1), which saves a division
  const product = amount * sqrtPX96;

  if (add) {
    if (product <= MAX_UINT256) {
      // the contract's wrapped `denominator >= numerator1` holds exactly when the sum does not wrap
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) {
        // mulDivRoundingUp(numerator1, sqrtPX96, denominator), inlined: denominator >= numerator1, so the
        // quotient is at most sqrtPX96 and none of its overflow checks can fail; only the zero check can
        require(denominator > 0n);
        const num = numerator1 * sqrtPX96;
        const q = num / denominator;
        // always fits in 160 bits (q <= sqrtPX96); the uint160 cast is kept for inputs outside uint160
        const result = q * denominator !== num ? q + 1n : q;
        return result > MAX_UINT160 ? result & MAX_UINT160 : result;
      }
    }
    return divRoundingUp(numerator1, addUint256(numerator1 / sqrtPX96, amount)) & MAX_UINT160;
  }
  // if the product overflows, we know the denominator underflows
  // in addition, we must check that the denominator does not underflow
  require(product <= MAX_UINT256 && numerator1 > product);
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
  // (amount <= MAX_UINT160, so `amount << 96` is below 2^256 and the contract's shift cannot wrap)
  if (add) {
    let quotient: bigint;
    if (amount <= MAX_UINT160) {
      require(liquidity > 0n); // Solidity 0.7 division by zero reverts without a reason
      quotient = (amount << RESOLUTION) / liquidity;
    } else {
      quotient = mulDiv(amount, Q96, liquidity);
    }
    // toUint160(add(sqrtPX96, quotient)): both checks revert without a reason, and a sum that passes
    // the uint160 bound passes the uint256 one
    const next = sqrtPX96 + quotient;
    require(next <= MAX_UINT160);
    return next;
  }
  const quotient = amount <= MAX_UINT160
    ? divRoundingUp(amount << RESOLUTION, liquidity)
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
 *
 * The contract computes divRoundingUp(mulDivRoundingUp(n1, n2, upper), lower) (or the floor
 * versions). For positive integers ceil(ceil(x / m) / n) = ceil(x / (m·n)) and
 * floor(floor(x / m) / n) = floor(x / (m·n)), and the inner mulDiv cannot revert once lower > 0:
 * its denominator upper >= lower > 0 and its quotient is at most n1 < 2^224 because n2 < upper. So
 * one division by upper·lower gives the same value, with the remainder tested by a multiply-back.
 */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  let lower = sqrtRatioAX96;
  let upper = sqrtRatioBX96;
  if (lower > upper) {
    lower = sqrtRatioBX96;
    upper = sqrtRatioAX96;
  }
  require(lower > 0n);
  const numerator = (liquidity << RESOLUTION) * (upper - lower);
  const denominator = upper * lower;
  const q = numerator / denominator;
  return roundUp && q * denominator !== numerator ? q + 1n : q;
}

/** Amount1 delta between two prices: liquidity * (sqrt(upper) - sqrt(lower)). */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  // mulDiv(liquidity, diff, Q96): the product is below 2^288 and Q96 a power of two, so the division
  // is a shift and the result always fits 256 bits — the same values as the contract's FullMath calls
  const product = liquidity * (sqrtRatioAX96 > sqrtRatioBX96 ? sqrtRatioAX96 - sqrtRatioBX96 : sqrtRatioBX96 - sqrtRatioAX96);
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

