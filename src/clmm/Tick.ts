/** Tick.sol: per-tick liquidity and fee-growth bookkeeping (the oracle's fields are not modelled). */
import { addDelta } from './LiquidityMath.ts';
import { MAX_UINT128 } from './constants.ts';
import { require } from './PoolRevertError.ts';
import { toInt128 } from './SafeCast.ts';
import { MAX_TICK, MIN_TICK } from './TickMath.ts';
import type { TickInfo } from './types.ts';

export type TickMap = Map<number, TickInfo>;

/**
 * Derives max liquidity per tick from the tick spacing, so that liquidity on every usable tick
 * together cannot overflow a uint128.
 */
export function tickSpacingToMaxLiquidityPerTick(tickSpacing: number): bigint {
  const minTick = Math.trunc(MIN_TICK / tickSpacing) * tickSpacing;
  const maxTick = Math.trunc(MAX_TICK / tickSpacing) * tickSpacing;
  const numTicks = BigInt(Math.trunc((maxTick - minTick) / tickSpacing) + 1);
  return MAX_UINT128 / numTicks;
}

export function emptyTick(): TickInfo {
  return { liquidityGross: 0n, liquidityNet: 0n, feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n, initialized: false };
}

/** Retrieves fee growth data inside a range; all subtraction wraps modulo 2^256, as in the contract. */
export function getFeeGrowthInside(
  self: TickMap,
  tickLower: number,
  tickUpper: number,
  tickCurrent: number,
  feeGrowthGlobal0X128: bigint,
  feeGrowthGlobal1X128: bigint,
): { feeGrowthInside0X128: bigint; feeGrowthInside1X128: bigint } {
  const lower = self.get(tickLower);
  const upper = self.get(tickUpper);
  const lower0 = lower?.feeGrowthOutside0X128 ?? 0n;
  const lower1 = lower?.feeGrowthOutside1X128 ?? 0n;
  const upper0 = upper?.feeGrowthOutside0X128 ?? 0n;
  const upper1 = upper?.feeGrowthOutside1X128 ?? 0n;

  // calculate fee growth below
  let feeGrowthBelow0X128: bigint;
  let feeGrowthBelow1X128: bigint;
  if (tickCurrent >= tickLower) {
    feeGrowthBelow0X128 = lower0;
    feeGrowthBelow1X128 = lower1;
  } else {
    feeGrowthBelow0X128 = wrapUint256(feeGrowthGlobal0X128 - lower0);
    feeGrowthBelow1X128 = wrapUint256(feeGrowthGlobal1X128 - lower1);
  }

  // calculate fee growth above
  let feeGrowthAbove0X128: bigint;
  let feeGrowthAbove1X128: bigint;
  if (tickCurrent < tickUpper) {
    feeGrowthAbove0X128 = upper0;
    feeGrowthAbove1X128 = upper1;
  } else {
    feeGrowthAbove0X128 = wrapUint256(feeGrowthGlobal0X128 - upper0);
    feeGrowthAbove1X128 = wrapUint256(feeGrowthGlobal1X128 - upper1);
  }

  return {
    feeGrowthInside0X128: wrapUint256(feeGrowthGlobal0X128 - feeGrowthBelow0X128 - feeGrowthAbove0X128),
    feeGrowthInside1X128: wrapUint256(feeGrowthGlobal1X128 - feeGrowthBelow1X128 - feeGrowthAbove1X128),
  };
}

/**
 * `x & (2^256 − 1)` for x in [−2^257, 2^256): what a chain of at most two wrapping uint256
 * subtractions gives, by adding 2^256 (at most twice) instead of masking.
 */
function wrapUint256(x: bigint): bigint {
  if (x >= 0n) return x;
  x += TWO_POW_256;
  return x >= 0n ? x : x + TWO_POW_256;
}

/**
 * Updates a tick and returns true if the tick was flipped from initialized to uninitialized, or vice
 * versa. `info` is the map's entry for the tick (created by the caller if absent); it is mutated.
 */
export function update(
  info: TickInfo,
  tick: number,
  tickCurrent: number,
  liquidityDelta: bigint,
  feeGrowthGlobal0X128: bigint,
  feeGrowthGlobal1X128: bigint,
  upper: boolean,
  maxLiquidity: bigint,
): boolean {
  const liquidityGrossBefore = info.liquidityGross;
  const liquidityGrossAfter = addDelta(liquidityGrossBefore, liquidityDelta);

  require(liquidityGrossAfter <= maxLiquidity, 'LO');

  const flipped = (liquidityGrossAfter === 0n) !== (liquidityGrossBefore === 0n);

  if (liquidityGrossBefore === 0n) {
    // by convention, we assume that all growth before a tick was initialized happened _below_ the tick
    if (tick <= tickCurrent) {
      info.feeGrowthOutside0X128 = feeGrowthGlobal0X128;
      info.feeGrowthOutside1X128 = feeGrowthGlobal1X128;
    }
    info.initialized = true;
  }

  // when the lower (upper) tick is crossed left to right (right to left), liquidity must be added (removed)
  const liquidityNet = toInt128(upper ? info.liquidityNet - liquidityDelta : info.liquidityNet + liquidityDelta);
  info.liquidityGross = liquidityGrossAfter;
  info.liquidityNet = liquidityNet;
  return flipped;
}

/**
 * Transitions to the next tick as needed by price movement; returns the liquidity to add when the
 * tick is crossed from left to right. Fee growth outside flips to the other side (wrapping).
 */
export function cross(info: TickInfo, feeGrowthGlobal0X128: bigint, feeGrowthGlobal1X128: bigint): bigint {
  // both terms are uint256, so the difference is in (−2^256, 2^256) and adding 2^256 once when it is
  // negative is the `& (2^256 − 1)` of the wrapping subtraction
  const outside0 = feeGrowthGlobal0X128 - info.feeGrowthOutside0X128;
  const outside1 = feeGrowthGlobal1X128 - info.feeGrowthOutside1X128;
  info.feeGrowthOutside0X128 = outside0 < 0n ? outside0 + TWO_POW_256 : outside0;
  info.feeGrowthOutside1X128 = outside1 < 0n ? outside1 + TWO_POW_256 : outside1;
  return info.liquidityNet;
}

const TWO_POW_256 = 1n << 256n;
