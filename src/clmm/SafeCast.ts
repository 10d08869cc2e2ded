/** SafeCast.sol and LowGasSafeMath.sol: checked casts and arithmetic; every failure reverts without a reason. */
import { MAX_INT128, MAX_UINT160, MAX_UINT256, MIN_INT128, MIN_INT256, MAX_INT256 } from './constants.ts';
import { require } from './PoolRevertError.ts';

export function toUint160(y: bigint): bigint {
  require(y >= 0n && y <= MAX_UINT160);
  return y;
}

export function toInt128(y: bigint): bigint {
  require(y >= MIN_INT128 && y <= MAX_INT128);
  return y;
}

/** SafeCast.toInt256 takes a uint256: it must be below 2^255. */
export function toInt256(y: bigint): bigint {
  require(y <= MAX_INT256);
  return y;
}

/** LowGasSafeMath.add(uint256, uint256). */
export function addUint256(x: bigint, y: bigint): bigint {
  const z = x + y;
  require(z <= MAX_UINT256);
  return z;
}

/** LowGasSafeMath.add(int256, int256). */
export function addInt256(x: bigint, y: bigint): bigint {
  const z = x + y;
  require(z >= MIN_INT256 && z <= MAX_INT256);
  return z;
}

/** LowGasSafeMath.sub(int256, int256). */
export function subInt256(x: bigint, y: bigint): bigint {
  const z = x - y;
  require(z >= MIN_INT256 && z <= MAX_INT256);
  return z;
}
