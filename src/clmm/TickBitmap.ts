/**
 * TickBitmap.sol: a packed map from compressed tick index (tick / tickSpacing) to its initialized
 * state, one 256-bit word per 256 compressed ticks.
 */
import { leastSignificantBit, mostSignificantBit } from './BitMath.ts';
import { MAX_UINT256 } from './constants.ts';
import { require } from './PoolRevertError.ts';

/** wordPos → 256-bit word; absent words are 0. */
export type TickBitmapWords = Map<number, bigint>;

/** Where a compressed tick's bit lives: `tick >> 8` and `tick % 256` as a uint8 (two's complement). */
function position(tick: number): { wordPos: number; bitPos: number } {
  return { wordPos: tick >> 8, bitPos: tick & 0xff };
}

/** Flips the initialized state of a tick; the tick must be a multiple of the spacing (reverts without a reason otherwise). */
export function flipTick(self: TickBitmapWords, tick: number, tickSpacing: number): void {
  require(tick % tickSpacing === 0); // ensure that the tick is spaced
  const { wordPos, bitPos } = position(tick / tickSpacing);
  const mask = 1n << BigInt(bitPos);
  const word = (self.get(wordPos) ?? 0n) ^ mask;
  if (word === 0n) self.delete(wordPos);
  else self.set(wordPos, word);
}

export interface NextInitializedTick {
  /** The next initialized or uninitialized tick up to 256 ticks away from the current tick. */
  next: number;
  /** Whether the next tick is initialized, as the function only searches within up to 256 ticks. */
  initialized: boolean;
}

/**
 * Returns the next initialized tick contained in the same word (or adjacent word) as the tick that
 * is either to the left (less than or equal to) or right (greater than) of the given tick.
 */
export function nextInitializedTickWithinOneWord(
  self: TickBitmapWords,
  tick: number,
  tickSpacing: number,
  lte: boolean,
): NextInitializedTick {
  let compressed = Math.trunc(tick / tickSpacing);
  if (tick < 0 && tick % tickSpacing !== 0) compressed--; // round towards negative infinity

  if (lte) {
    const { wordPos, bitPos } = position(compressed);
    // all the 1s at or to the right of the current bitPos
    const bit = 1n << BigInt(bitPos);
    const mask = bit - 1n + bit;
    const masked = (self.get(wordPos) ?? 0n) & mask;
    // if there are no initialized ticks to the right of or at the current tick, return rightmost in the word
    const initialized = masked !== 0n;
    // overflow/underflow is possible, but prevented externally by limiting both tickSpacing and tick
    const next = initialized
      ? (compressed - (bitPos - mostSignificantBit(masked))) * tickSpacing
      : (compressed - bitPos) * tickSpacing;
    return { next, initialized };
  }
  // start from the word of the next tick, since the current tick state doesn't matter
  const { wordPos, bitPos } = position(compressed + 1);
  // all the 1s at or to the left of the bitPos
  const mask = MAX_UINT256 ^ ((1n << BigInt(bitPos)) - 1n);
  const masked = (self.get(wordPos) ?? 0n) & mask;
  // if there are no initialized ticks to the left of the current tick, return leftmost in the word
  const initialized = masked !== 0n;
  const next = initialized
    ? (compressed + 1 + (leastSignificantBit(masked) - bitPos)) * tickSpacing
    : (compressed + 1 + (255 - bitPos)) * tickSpacing;
  return { next, initialized };
}
