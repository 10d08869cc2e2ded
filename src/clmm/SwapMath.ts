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
const Q96 = 1n << 96n;
const Q96_MINUS_ONE = Q96 - 1n;
const MAX_UINT160 = (1n << 160n) - 1n;

// BigInt(feePips) and 1e6 - fee for the last fee seen (a pool always passes the same one)
let cachedFeePips = -1;
let cachedFee = 0n;
let cachedFeeComplement = ONE_MILLION;
let cachedFeeComplementMinusOne = ONE_MILLION - 1n;
// liquidity << 96 for the last liquidity seen (it changes only when a tick is crossed)
let cachedLiquidity = 0n;
let cachedNumerator1 = 0n;
// floor(T² / 2^96) for the last zero-for-one target price T seen (see its use)
let cachedTarget = 0n;
let cachedTargetBound = 0n;

/** liquidity << 96 (FixedPoint96), cached for the last liquidity seen: it changes only when a tick is crossed. */
function liquidityShifted(liquidity: bigint): bigint {
  if (liquidity !== cachedLiquidity) {
    cachedLiquidity = liquidity;
    cachedNumerator1 = liquidity << 96n;
  }
  return cachedNumerator1;
}

/**
 * Computes the result of swapping some amount in, or amount out, given the parameters of the swap.
 * The fee, plus the amount in, will never exceed the amount remaining if the swap's
 * `amountSpecified` is positive (exact input).
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
): SwapStep {
  if (feePips !== cachedFeePips) {
    const f = BigInt(feePips);
    cachedFee = f;
    cachedFeeComplement = ONE_MILLION - f;
    cachedFeeComplementMinusOne = cachedFeeComplement - 1n;
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
    const r = amountRemainingLessFee;
    if (zeroForOne) {
      require(sqrtRatioTargetX96 > 0n); // getAmount0Delta(target, current, ...)'s check, which the contract runs first
      // The contract computes the amount in to the target, ceil(A) with A = N/T − N/P (N = L·2^96,
      // P = current, T = target; see getAmount0Delta), and reaches the target when R >= ceil(A), i.e.
      // R >= A; otherwise next = getNextSqrtPriceFromInput(P, L, R). On that function's main branch
      // (R > 0, L > 0, no uint256 overflow) next = ceil(x), x = N·P / (N + R·P), and x <= T exactly
      // when R >= A. So computing next first decides both: the target is reached exactly when next <= T.
      //   The main branch's mulDivRoundingUp(N, P, N + R·P) is computed through the price move instead:
      // P − ceil(N·P / D) = floor((P·D − N·P) / D) = floor(R·P·P / D) for D = N + R·P, which needs no
      // remainder test and also gives getAmount1Delta(next, P, L, false) = (L·(P − next)) >> 96.
      const numerator1 = liquidityShifted(liquidity);
      let next = -1n; // not computed on the main branch
      let priceMove = 0n; // P − next on the main branch
      if (r > 0n && liquidity > 0n) {
        const product = r * sqrtRatioCurrentX96;
        if (product <= MAX_UINT256) {
          const denominator = numerator1 + product; // > 0
          if (denominator <= MAX_UINT256) {
            priceMove = (product * sqrtRatioCurrentX96) / denominator;
            next = sqrtRatioCurrentX96 - priceMove; // <= current; the uint160 cast is a no-op below
          }
        }
      }
      if (next > sqrtRatioTargetX96 && next <= MAX_UINT160) {
        sqrtRatioNextX96 = next;
        amountOut = (liquidity * priceMove) >> 96n; // getAmount1Delta(next, current, liquidity, false)
        // amountIn = getAmount0Delta(next, current, L, true) = ceil(V), V = N/next − N/P = R − N·(next − x)/(x·next)
        // (as N/x = N/P + R). With 0 <= next − x < 1, V lies in (R − N/(x·next), R]; when
        // N <= next·(next − 1) < x·next that is within (R − 1, R], so the ceiling is R itself.
        // As T <= next − 1, L <= floor(T² / 2^96) implies N <= T² <= next·(next − 1): a cheaper test first.
        if (sqrtRatioTargetX96 !== cachedTarget) {
          cachedTarget = sqrtRatioTargetX96;
          cachedTargetBound = (sqrtRatioTargetX96 * sqrtRatioTargetX96) >> 96n;
        }
        amountIn = liquidity <= cachedTargetBound || numerator1 <= next * (next - 1n)
          ? r
          : getAmount0Delta(next, sqrtRatioCurrentX96, liquidity, true);
      } else if (next >= 0n && next <= MAX_UINT160) {
        sqrtRatioNextX96 = sqrtRatioTargetX96;
        // getAmount0Delta(target, current, L, true), inlined
        const numerator = numerator1 * (sqrtRatioCurrentX96 - sqrtRatioTargetX96);
        const denominator = sqrtRatioCurrentX96 * sqrtRatioTargetX96;
        const q = numerator / denominator;
        amountIn = q * denominator !== numerator ? q + 1n : q;
        amountOut = getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false);
      } else {
        // the contract's order, for the remaining cases (zero amount or liquidity, overflow)
        amountIn = getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true);
        if (r >= amountIn) {
          sqrtRatioNextX96 = sqrtRatioTargetX96;
        } else {
          sqrtRatioNextX96 = getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, r, true);
          amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
        }
        amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
      }
    } else {
      // The contract reaches the target when R >= ceil(L·(T − P) / 2^96) (getAmount1Delta(P, T, L, true)),
      // i.e. R·2^96 >= L·(T − P), i.e. (L > 0) floor(R·2^96 / L) >= T − P as T − P is an integer — i.e.
      // next >= T for next = P + floor(R·2^96 / L), the value of getNextSqrtPriceFromInput(P, L, R, false)
      // on its main branch (R <= MAX_UINT160, so `R << 96` does not wrap).
      if (liquidity > 0n && r <= MAX_UINT160) {
        const quotient = (r << 96n) / liquidity;
        const next = sqrtRatioCurrentX96 + quotient;
        if (next >= sqrtRatioTargetX96) {
          sqrtRatioNextX96 = sqrtRatioTargetX96;
          amountIn = (liquidity * (sqrtRatioTargetX96 - sqrtRatioCurrentX96) + Q96_MINUS_ONE) >> 96n;
          amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
        } else {
          // getNextSqrtPriceFromInput's require(sqrtPX96 > 0) and toUint160(add(...)), both reason-less
          require(sqrtRatioCurrentX96 > 0n);
          require(next <= MAX_UINT160);
          sqrtRatioNextX96 = next;
          // amountIn = getAmount1Delta(P, next, L, true) = ceil(L·q / 2^96), q = floor(R·2^96 / L):
          // L·q/2^96 lies in (R − L/2^96, R], so when L <= 2^96 its ceiling is R itself
          amountIn = liquidity <= Q96 ? r : getAmount1Delta(sqrtRatioCurrentX96, next, liquidity, true);
          // getAmount0Delta(P, next, L, false) = floor(L·2^96·(next − P) / (P·next)) with next − P = quotient
          // (its require(P > 0) was checked above)
          amountOut = (liquidityShifted(liquidity) * quotient) / (sqrtRatioCurrentX96 * next);
        }
      } else {
        // the contract's order, for zero liquidity or R > MAX_UINT160
        amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
        if (r >= amountIn) {
          sqrtRatioNextX96 = sqrtRatioTargetX96;
        } else {
          sqrtRatioNextX96 = getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, r, false);
          amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
        }
        amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
      }
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
    feeAmount = (amountIn * fee + cachedFeeComplementMinusOne) / feeComplement;
    require(feeAmount <= MAX_UINT256);
  } else {
    feeAmount = mulDivRoundingUp(amountIn, fee, feeComplement);
  }

  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
}
