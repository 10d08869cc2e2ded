/** BitMath.sol: index of the most and least significant set bit of a uint256. */
import { require } from './PoolRevertError.ts';

/** Index of the highest set bit, x = 2^msb + rest; reverts for 0 (no reason string). */
export function mostSignificantBit(x: bigint): number {
  require(x > 0n);
  let r = 0;
  if (x >= 0x100000000000000000000000000000000n) { x >>= 128n; r += 128; }
  if (x >= 0x10000000000000000n) { x >>= 64n; r += 64; }
  if (x >= 0x100000000n) { x >>= 32n; r += 32; }
  if (x >= 0x10000n) { x >>= 16n; r += 16; }
  if (x >= 0x100n) { x >>= 8n; r += 8; }
  if (x >= 0x10n) { x >>= 4n; r += 4; }
  if (x >= 0x4n) { x >>= 2n; r += 2; }
  if (x >= 0x2n) r += 1;
  return r;
}

/** Index of the lowest set bit; reverts for 0 (no reason string). */
export function leastSignificantBit(x: bigint): number {
  require(x > 0n);
  // Isolate the lowest set bit (two's complement), then it is its own most significant bit.
  return mostSignificantBit(x & -x);
}
