/**
 * A range of a given total width centred on the current pool tick rounded to the tick spacing, with
 * both ends on the spacing grid and inside the usable ticks. Near the ends of the tick range the
 * range is shifted inward rather than cut, so its width (and so a floor) is kept.
 */
import { MAX_TICK, MIN_TICK } from '../clmm/TickMath.ts';
import type { RangeSpec } from './types.ts';
import { snapWidthUp } from './widthFloors.ts';

export interface CenteredRangeParams {
  tick: number;
  widthTicks: number;
  tickSpacing: number;
}

export function usableTickBounds(tickSpacing: number): { minTick: number; maxTick: number } {
  const s = Math.max(1, Math.round(tickSpacing));
  return { minTick: Math.ceil(MIN_TICK / s) * s, maxTick: Math.floor(MAX_TICK / s) * s };
}

export function centeredRange(p: CenteredRangeParams): RangeSpec {
  const s = Math.max(1, Math.round(p.tickSpacing));
  const { minTick, maxTick } = usableTickBounds(s);
  const width = snapWidthUp(p.widthTicks, s);
  if (width >= maxTick - minTick) return { tickLower: minTick, tickUpper: maxTick };
  const centre = Math.round(p.tick / s) * s;
  let tickLower = centre - width / 2;
  let tickUpper = centre + width / 2;
  if (tickLower < minTick) {
    tickLower = minTick;
    tickUpper = minTick + width;
  } else if (tickUpper > maxTick) {
    tickUpper = maxTick;
    tickLower = maxTick - width;
  }
  return { tickLower, tickUpper };
}

export function rangeWidth(range: RangeSpec): number {
  return range.tickUpper - range.tickLower;
}

/** In range as the pool counts it: tickLower ≤ tick < tickUpper. */
export function isInRange(range: RangeSpec, tick: number): boolean {
  return range.tickLower <= tick && tick < range.tickUpper;
}
