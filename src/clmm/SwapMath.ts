/** SwapMath.sol: the result of swapping some amount in or out within one price step. */
import { mulDiv, mulDivRoundingUp } from './FullMath.ts';
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

/**
 * Computes the result of swapping some amount in, or amount out, given the parameters of the swap.
 * The fee, plus the amount in, will never exceed the amount remaining if the swap's
 * `amountSpecified` is positive (exact input).
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): SwapStep {
  const fee = BigInt(feePips);
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtRatioNextX96: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const amountRemainingLessFee = mulDiv(amountRemaining, ONE_MILLION - fee, ONE_MILLION);
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
    if (amountRemainingLessFee >= amountIn) sqrtRatioNextX96 = sqrtRatioTargetX96;
    else sqrtRatioNextX96 = getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    // uint256(-amountRemaining): amountRemaining is an int256, so its negation fits a uint256
    if (-amountRemaining >= amountOut) sqrtRatioNextX96 = sqrtRatioTargetX96;
    else sqrtRatioNextX96 = getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);
  }

  const max = sqrtRatioTargetX96 === sqrtRatioNextX96;

  // get the input/output amounts
  if (zeroForOne) {
    amountIn = max && exactIn ? amountIn : getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
    amountOut = max && !exactIn ? amountOut : getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
  } else {
    amountIn = max && exactIn ? amountIn : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
    amountOut = max && !exactIn ? amountOut : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  }

  // cap the output amount to not exceed the remaining output amount
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  let feeAmount: bigint;
  if (exactIn && sqrtRatioNextX96 !== sqrtRatioTargetX96) {
    // we didn't reach the target, so take the remainder of the maximum input as fee
    feeAmount = amountRemaining - amountIn;
  } else {
    feeAmount = mulDivRoundingUp(amountIn, fee, ONE_MILLION - fee);
  }

  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
}
