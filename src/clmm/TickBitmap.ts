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

/** LTE_MASK[bitPos]: all the 1s at or to the right of bitPos, `(1 << bitPos) - 1 + (1 << bitPos)`. */
const LTE_MASK: bigint[] = Array.from({ length: 256 }, (_, bitPos) => (1n << BigInt(bitPos + 1)) - 1n);
/** GT_MASK[bitPos]: all the 1s at or to the left of bitPos, `~((1 << bitPos) - 1)`. */
const GT_MASK: bigint[] = Array.from({ length: 256 }, (_, bitPos) => MAX_UINT256 ^ ((1n << BigInt(bitPos)) - 1n));

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
  // (`| 0` keeps the int24-range values small integers for V8: the same values, without boxed doubles)
  let compressed = Math.trunc(tick / tickSpacing) | 0;
  if (tick < 0 && tick % tickSpacing !== 0) compressed--; // round towards negative infinity

  // (the masks are the contract's, precomputed per bit position)
  if (lte) {
    const wordPos = compressed >> 8;
    const bitPos = compressed & 0xff;
    // all the 1s at or to the right of the current bitPos
    const masked = (self.get(wordPos) ?? 0n) & LTE_MASK[bitPos]!;
    // if there are no initialized ticks to the right of or at the current tick, return rightmost in the word
    const initialized = masked !== 0n;
    // overflow/underflow is possible, but prevented externally by limiting both tickSpacing and tick
    const next = initialized
      ? ((compressed - (bitPos - mostSignificantBit(masked))) * tickSpacing) | 0
      : ((compressed - bitPos) * tickSpacing) | 0;
    return { next, initialized };
  }
  // start from the word of the next tick, since the current tick state doesn't matter
  const wordPos = (compressed + 1) >> 8;
  const bitPos = (compressed + 1) & 0xff;
  // all the 1s at or to the left of the bitPos
  const masked = (self.get(wordPos) ?? 0n) & GT_MASK[bitPos]!;
  // if there are no initialized ticks to the left of the current tick, return leftmost in the word
  const initialized = masked !== 0n;
  const next = initialized
    ? ((compressed + 1 + (leastSignificantBit(masked) - bitPos)) * tickSpacing) | 0
    : ((compressed + 1 + (255 - bitPos)) * tickSpacing) | 0;
  return { next, initialized };
}

/**
 * The set bits of a tick bitmap as a sorted list of compressed ticks (tick / tickSpacing): a
 * Number-only mirror of the words, kept by the pool next to them, so the swap loop can find the next
 * initialized tick without bigint masking and bit scans. `toggleCompressed` must accompany every
 * flipTick (and every undo of one).
 */
export function toggleCompressed(list: number[], compressed: number): void {
  const i = lowerBound(list, compressed);
  if (i < list.length && list[i] === compressed) list.splice(i, 1);
  else list.splice(i, 0, compressed);
}

/** The first index whose value is >= x (list.length if none). */
function lowerBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * nextInitializedTickWithinOneWord on the sorted mirror `list` of the bitmap's set bits: the same
 * `next` and `initialized`, encoded as `next * 2 + (initialized ? 1 : 0)` (decode with `>> 1` and
 * `& 1`). It is the same search: the nearest set bit at or left of (lte) / right of the compressed
 * tick, if it lies in the same 256-bit word as the start bit, else the word's boundary bit.
 */
export function nextInitializedTickEncoded(list: number[], tick: number, tickSpacing: number, lte: boolean): number {
  let compressed = Math.trunc(tick / tickSpacing) | 0;
  if (tick < 0 && tick % tickSpacing !== 0) compressed--; // round towards negative infinity
  if (lte) {
    const wordPos = compressed >> 8;
    // the greatest set bit <= compressed
    const i = lowerBound(list, compressed + 1) - 1;
    if (i >= 0 && list[i]! >> 8 === wordPos) return ((list[i]! * tickSpacing) | 0) * 2 + 1;
    return ((wordPos * 256 * tickSpacing) | 0) * 2;
  }
  const start = compressed + 1;
  const wordPos = start >> 8;
  // the least set bit >= compressed + 1
  const i = lowerBound(list, start);
  if (i < list.length && list[i]! >> 8 === wordPos) return ((list[i]! * tickSpacing) | 0) * 2 + 1;
  return (((wordPos * 256 + 255) * tickSpacing) | 0) * 2;
}
