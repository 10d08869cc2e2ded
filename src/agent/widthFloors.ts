/**
 * Width floors (the original's REGIME_MIN_WIDTH: total width in ticks, the narrowest range allowed
 * per regime) and out-of-range critical thresholds (OOR_CRITICAL_BY_REGIME), read from the config,
 * with widths rounded to the pool's tick spacing. Rounding goes up, so a floor is never undercut:
 * a range centred on a spacing multiple needs a width that is a multiple of 2 × spacing.
 */
import type { RegimeName } from '../market/types.ts';
import type { AgentConfig } from './agentConfig.ts';

export function widthFloor(regime: RegimeName, config: AgentConfig): number {
  return config.widthFloors[regime] ?? config.widthFloors.default;
}

export function oorCriticalPct(regime: RegimeName, config: AgentConfig): number {
  return config.oorCritical[regime] ?? config.oorCritical.default;
}

/** Smallest multiple of 2 × tickSpacing that is ≥ width (and ≥ 2 × tickSpacing). */
export function snapWidthUp(width: number, tickSpacing: number): number {
  const step = 2 * Math.max(1, Math.round(tickSpacing));
  const w = Number.isFinite(width) ? width : step;
  return Math.max(step, Math.ceil(w / step - 1e-9) * step);
}

/** The regime's floor, rounded up to the spacing. */
export function snappedWidthFloor(regime: RegimeName, config: AgentConfig, tickSpacing: number): number {
  return snapWidthUp(widthFloor(regime, config), tickSpacing);
}
