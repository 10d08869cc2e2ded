/** UnsafeMath.sol: math without overflow or division-by-zero checks (EVM `div` of 0 returns 0). */

/** ceil(x / y), and 0 when y is 0, as the contract's assembly gives. */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) return 0n;
  const q = x / y;
  return q * y !== x ? q + 1n : q;
}
