/** Position.sol: an owner's liquidity in a tick range, and the fees owed to it. */
import { mulDiv } from './FullMath.ts';
import { addDelta } from './LiquidityMath.ts';
import { MAX_UINT128, Q128 } from './constants.ts';
import { require } from './PoolRevertError.ts';
import type { PositionInfo } from './types.ts';

/**
 * uint128(FullMath.mulDiv(uint256(delta), liquidity, Q128)) for a difference `delta` of two uint256.
 * Exact shortcuts: a negative difference is wrapped by adding 2^256 (the `& (2^256 − 1)`); dividing a
 * non-negative product by Q128 = 2^128 is a right shift, and mulDiv cannot revert (Q128 > 0, and the
 * quotient is below 2^256 because liquidity < 2^128); the uint128 cast masks only when needed.
 */
function owed(delta: bigint, liquidity: bigint): bigint {
  if (delta < 0n) delta += TWO_POW_256;
  if (liquidity < 0n || liquidity > MAX_UINT128) return mulDiv(delta, liquidity, Q128) & MAX_UINT128; // not a uint128: the general path
  const amount = (delta * liquidity) >> 128n;
  return amount > MAX_UINT128 ? amount & MAX_UINT128 : amount;
}

const TWO_POW_256 = 1n << 256n;

export function emptyPosition(): PositionInfo {
  return { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };
}

/** The key a position is stored under: the owner id and its range (the contract hashes the same triple). */
export function positionKey(owner: string, tickLower: number, tickUpper: number): string {
  return `${owner}|${tickLower}|${tickUpper}`;
}

/**
 * Credits accumulated fees to a user's position. Reverts with NP on a poke (zero delta) of an empty
 * position and with LS when removing more than it holds. `self` is mutated only if nothing reverts.
 */
export function update(self: PositionInfo, liquidityDelta: bigint, feeGrowthInside0X128: bigint, feeGrowthInside1X128: bigint): void {
  let liquidityNext: bigint;
  if (liquidityDelta === 0n) {
    require(self.liquidity > 0n, 'NP'); // disallow pokes for 0 liquidity positions
    liquidityNext = self.liquidity;
  } else {
    liquidityNext = addDelta(self.liquidity, liquidityDelta);
  }

  // calculate accumulated fees; the uint128 cast truncates, as in the contract
  const tokensOwed0 = owed(feeGrowthInside0X128 - self.feeGrowthInside0LastX128, self.liquidity);
  const tokensOwed1 = owed(feeGrowthInside1X128 - self.feeGrowthInside1LastX128, self.liquidity);

  // update the position
  if (liquidityDelta !== 0n) self.liquidity = liquidityNext;
  self.feeGrowthInside0LastX128 = feeGrowthInside0X128;
  self.feeGrowthInside1LastX128 = feeGrowthInside1X128;
  if (tokensOwed0 > 0n || tokensOwed1 > 0n) {
    // overflow is acceptable, have to withdraw before you hit type(uint128).max fees
    self.tokensOwed0 = (self.tokensOwed0 + tokensOwed0) & MAX_UINT128;
    self.tokensOwed1 = (self.tokensOwed1 + tokensOwed1) & MAX_UINT128;
  }
}
