/** BitMath.sol: index of the most and least significant set bit of a uint256. */
import { require } from './PoolRevertError.ts';

// The binary exponent of a double, read from its bits.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little- or big-endian
/** POW2[i] = 2^i, for the exponent correction below. */
const POW2: bigint[] = Array.from({ length: 258 }, (_, i) => 1n << BigInt(i));

/**
 * Index of the highest set bit, x = 2^msb + rest; reverts for 0 (no reason string).
 * The contract's binary search gives floor(log2 x). Here: Number(x) rounds x to the nearest double,
 * which is monotonic and exact on powers of two, so 2^msb <= Number(x) <= 2^(msb+1) and the double's
 * exponent e is msb or msb + 1; e is msb + 1 exactly when x < 2^e.
 */
export function mostSignificantBit(x: bigint): number {
  require(x > 0n);
  f64[0] = Number(x);
  const e = ((u32[HIGH_WORD]! >>> 20) & 0x7ff) - 1023;
  return x < POW2[e]! ? e - 1 : e;
}

/** Index of the lowest set bit; reverts for 0 (no reason string). */
export function leastSignificantBit(x: bigint): number {
  require(x > 0n);
  // Isolate the lowest set bit (two's complement), then it is its own most significant bit.
  return mostSignificantBit(x & -x);
}
