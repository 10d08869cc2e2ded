/** Fixed-point and integer-range constants (FixedPoint96.sol, FixedPoint128.sol, Solidity type bounds). */

export const Q96 = 1n << 96n;
export const Q128 = 1n << 128n;
export const RESOLUTION = 96n;

export const MAX_UINT8 = 0xffn;
export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;
export const TWO_POW_256 = 1n << 256n;
export const TWO_POW_128 = 1n << 128n;
export const MIN_INT128 = -(1n << 127n);
export const MAX_INT128 = (1n << 127n) - 1n;
export const MIN_INT256 = -(1n << 255n);
export const MAX_INT256 = (1n << 255n) - 1n;
export const MIN_INT24 = -(1 << 23);
export const MAX_INT24 = (1 << 23) - 1;

/** Fee tiers the factory enables (500, 3000, 10000 at deployment; 100 added by governance) → tick spacing. */
export const FEE_TIER_TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };
