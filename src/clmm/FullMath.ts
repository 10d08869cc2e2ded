/**
 * FullMath.sol: 512-bit multiply then divide. JavaScript bigints are arbitrary precision, so the
 * contract's Chinese-remainder trick reduces to a plain product and quotient; what must be kept is
 * when it reverts: a zero denominator, or a result that does not fit in 256 bits (the contract's
 * `require(denominator > prod1)`). Both reverts carry no reason string.
 */
import { MAX_UINT256 } from './constants.ts';
import { require } from './PoolRevertError.ts';

/** floor(a×b÷denominator); reverts if denominator is 0 or the result overflows uint256. */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  require(denominator > 0n);
  const result = (a * b) / denominator;
  require(result <= MAX_UINT256);
  return result;
}

/** ceil(a×b÷denominator); same reverts as mulDiv, plus the `result < type(uint256).max` check before rounding up. */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  require(denominator > 0n);
  const product = a * b;
  let result = product / denominator;
  require(result <= MAX_UINT256);
  // V8 has no combined divide-and-remainder: a multiply-back tests for a remainder cheaper than `%`
  if (result * denominator !== product) {
    require(result < MAX_UINT256);
    result++;
  }
  return result;
}
