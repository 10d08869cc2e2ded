/**
 * Counts, from a swap's start and end price, how many loop iterations ("steps") the v3 swap loop
 * ran and how many initialized ticks it crossed — without instrumenting either implementation.
 * A step ends at the next initialized tick or at the edge of the current 256-tick bitmap word
 * (TickBitmap.nextInitializedTickWithinOneWord), or where the amount runs out.
 */
import { getSqrtRatioAtTick } from '../src/clmm/TickMath.ts';

export interface SwapSteps {
  steps: number;
  crossings: number;
}

/** Index of the first element of sorted `xs` that is > x. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * @param initialized sorted initialized ticks (a swap never changes this set)
 * @param tickStart the pool's tick before the swap
 * @param sqrtPriceEnd the pool's price after the swap
 */
export function countSwapSteps(initialized: readonly number[], tickSpacing: number, zeroForOne: boolean, tickStart: number, sqrtPriceEnd: bigint): SwapSteps {
  const wordTicks = 256 * tickSpacing;
  let steps = 0;
  let crossings = 0;
  if (zeroForOne) {
    // boundaries at or below the start tick, walked downwards: initialized ticks and word starts
    let i = upperBound(initialized, tickStart) - 1;
    let word = Math.floor(Math.floor(tickStart / tickSpacing) / 256) * wordTicks;
    for (;;) {
      const next = i >= 0 ? initialized[i]! : -Infinity;
      const boundary = Math.max(next, word);
      const isInitialized = boundary === next;
      const price = getSqrtRatioAtTick(boundary);
      steps++;
      if (price < sqrtPriceEnd) return { steps, crossings };
      if (isInitialized) crossings++;
      if (price === sqrtPriceEnd) return { steps, crossings };
      if (isInitialized) i--;
      if (boundary === word) word -= wordTicks;
    }
  }
  // boundaries above the start tick, walked upwards: initialized ticks and word ends
  let i = upperBound(initialized, tickStart);
  let word = (Math.floor((Math.floor(tickStart / tickSpacing) + 1) / 256) * 256 + 255) * tickSpacing;
  for (;;) {
    const next = i < initialized.length ? initialized[i]! : Infinity;
    const boundary = Math.min(next, word);
    const isInitialized = boundary === next;
    const price = getSqrtRatioAtTick(boundary);
    steps++;
    if (price > sqrtPriceEnd) return { steps, crossings };
    if (isInitialized) crossings++;
    if (price === sqrtPriceEnd) return { steps, crossings };
    if (isInitialized) i++;
    if (boundary === word) word += wordTicks;
  }
}
