/** SwapMath.sol: the result of swapping some amount in or out within one price step. */
import { mulDiv, mulDivRoundingUp } from './FullMath.ts';
import { require } from './PoolRevertError.ts';
import { getAmount0Delta, getAmount1Delta, getNextSqrtPriceFromInput, getNextSqrtPriceFromOutput } from './SqrtPriceMath.ts';

export interface SwapStep {
  /** The price after swapping the amount in/out, not to exceed the price target. */
  sqrtRatioNextX96: bigint;
  /** The amount to be swapped in, of either token0 or token1, based on the direction of the swap. */
  amountIn: bigint;
  /** The amount to be received, of either token0 or token1, based on the direction of the swap. */
  amountOut: bigint;
  /** The amount of input that will be taken as a fee. */
  feeAmount: bigint;
}

const ONE_MILLION = 1_000_000n;
const MAX_UINT256 = (1n << 256n) - 1n;
const Q96_MINUS_ONE = (1n << 96n) - 1n;

// BigInt(feePips) and 1e6 - fee for the last fee seen (a pool always passes the same one)
let cachedFeePips = -1;
let cachedFee = 0n;
let cachedFeeComplement = ONE_MILLION;

/**
 * Computes the result of swapping some amount in, or amount out, given the parameters of the swap.
 * The fee, plus the amount in, will never exceed the amount remaining if the swap's
 * `amountSpecified` is positive (exact input). `out`, when given, receives the result (and is
 * returned) instead of a new object.
 *
 * The exact-input branch is the contract's, with SqrtPriceMath inlined where that saves work; every
 * shortcut is commented with why it gives the contract's value and reverts.
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
  out?: SwapStep,
): SwapStep {
  if (feePips !== cachedFeePips) {
    const f = BigInt(feePips);
    cachedFee = f;
    cachedFeeComplement = ONE_MILLION - f;
    cachedFeePips = feePips;
  }
  const fee = cachedFee;
  const feeComplement = cachedFeeComplement;
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtRatioNextX96: bigint;
  let amountIn: bigint;
  let amountOut: bigint;

  if (exactIn) {
    // mulDiv(amountRemaining, 1e6 - fee, 1e6): for a fee in [0, 1e6] the quotient is at most
    // amountRemaining (< 2^255) and the denominator a nonzero constant, so its checks cannot fail
    const amountRemainingLessFee = feePips >= 0 && feePips <= 1_000_000
      ? (amountRemaining * feeComplement) / ONE_MILLION
      : mulDiv(amountRemaining, feeComplement, ONE_MILLION);
    if (zeroForOne) {
      // amountIn to the target = getAmount0Delta(target, current, liquidity, true) = ceil(numerator /
      // denominator) (see getAmount0Delta). For an integer R, R >= ceil(x) exactly when R >= x, so
      // whether the target is reached is decided by R·denominator >= numerator, without a division;
      // the division is only needed when the target is reached and the amount is used.
      require(sqrtRatioTargetX96 > 0n); // getAmount0Delta's require(sqrtRatioAX96 > 0)
      const numerator = (liquidity << 96n) * (sqrtRatioCurrentX96 - sqrtRatioTargetX96);
      const denominator = sqrtRatioCurrentX96 * sqrtRatioTargetX96;
      if (amountRemainingLessFee * denominator >= numerator) {
        sqrtRatioNextX96 = sqrtRatioTargetX96;
        const q = numerator / denominator;
        amountIn = q * denominator !== numerator ? q + 1n : q;
      } else {
        sqrtRatioNextX96 = getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, true);
        // (if the new price is the target after all, this is the contract's amount to the target)
        amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
      }
      amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
    } else {
      // getAmount1Delta(current, target, liquidity, true); target > current here
      amountIn = (liquidity * (sqrtRatioTargetX96 - sqrtRatioCurrentX96) + Q96_MINUS_ONE) >> 96n;
      if (amountRemainingLessFee >= amountIn) {
        sqrtRatioNextX96 = sqrtRatioTargetX96;
      } else {
        sqrtRatioNextX96 = getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, false);
        // (the same value as the contract's if next is the target after all)
        amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
      }
      amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
    }
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    // uint256(-amountRemaining): amountRemaining is an int256, so its negation fits a uint256
    if (-amountRemaining >= amountOut) sqrtRatioNextX96 = sqrtRatioTargetX96;
    else sqrtRatioNextX96 = getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);

    const max = sqrtRatioTargetX96 === sqrtRatioNextX96;
    // get the input/output amounts
    if (zeroForOne) {
      amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
      if (!max) amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
    } else {
      amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
      if (!max) amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
    }
    // cap the output amount to not exceed the remaining output amount
    if (amountOut > -amountRemaining) amountOut = -amountRemaining;
  }

  let feeAmount: bigint;
  if (exactIn && sqrtRatioNextX96 !== sqrtRatioTargetX96) {
    // we didn't reach the target, so take the remainder of the maximum input as fee
    feeAmount = amountRemaining - amountIn;
  } else if (feePips >= 0 && feePips < 1_000_000 && amountIn >= 0n) {
    // mulDivRoundingUp(amountIn, fee, 1e6 - fee) for a nonzero denominator and a non-negative
    // product: ceil(a / d) = floor((a + d - 1) / d), and the result fits 256 bits exactly when the
    // contract's two checks (floor <= max, and floor < max when rounding up) both pass
    feeAmount = (amountIn * fee + feeComplement - 1n) / feeComplement;
    require(feeAmount <= MAX_UINT256);
  } else {
    feeAmount = mulDivRoundingUp(amountIn, fee, feeComplement);
  }

  if (out === undefined) return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
  out.sqrtRatioNextX96 = sqrtRatioNextX96;
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  out.feeAmount = feeAmount;
  return out;
}
