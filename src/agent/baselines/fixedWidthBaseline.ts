/**
 * The original's four baselines as one policy with their own widths and thresholds (baseline_hold:
 * 1000 / 1.0 and never rebalances; wide 1000 / 0.5; medium 500 / 0.1; tight 100 / 0.05). Opens a
 * range of `widthTicks` centred on the pool tick at the first step; afterwards keeps it (no free
 * recentring) until the price is out of range AND at least ln(1 + thresholdPct) / ln(1.0001) ticks
 * from the range's centre (the original's `pct_to_ticks`), then recentres, paying gas.
 */
import type { FixedBaselineSettings } from '../agentConfig.ts';
import { centeredRange, isInRange } from '../centeredRange.ts';
import { LN_TICK } from '../../clmm/price.ts';
import type { Observation, Strategy, StrategyDecision } from '../types.ts';
import { firstHeldRange, holdDecision, isFirstStep, moveDecision } from './baselineDecision.ts';

export function thresholdTicks(thresholdPct: number): number {
  return Math.round(Math.log(1 + Math.max(0, thresholdPct)) / LN_TICK);
}

export function createFixedWidthBaseline(name: string, settings: FixedBaselineSettings): Strategy {
  const threshold = thresholdTicks(settings.thresholdPct);
  const info = { baseline: name, width_pts: settings.widthTicks, threshold_pct: settings.thresholdPct, threshold_ticks: threshold, rebalances: settings.rebalances };
  return {
    name,
    decide(obs: Observation): StrategyDecision {
      const open = (rule: string, extra: Record<string, unknown> = {}): StrategyDecision =>
        moveDecision({ obs, rule, ranges: [centeredRange({ tick: obs.pool.tick, widthTicks: settings.widthTicks, tickSpacing: obs.pool.tickSpacing })], swapToRatio: true, extra: { ...info, ...extra } });
      const current = firstHeldRange(obs);
      if (current === null) return isFirstStep(obs) ? open('baseline_open') : holdDecision(obs, 'baseline_no_position', info);
      if (!settings.rebalances) return holdDecision(obs, 'baseline_hold_forever', info);
      if (isInRange(current, obs.pool.tick)) return holdDecision(obs, 'baseline_in_range', info);
      const distance = Math.abs(obs.pool.tick - (current.tickLower + current.tickUpper) / 2);
      if (distance >= threshold) return open('baseline_rebalance_threshold', { distance_ticks: distance });
      return holdDecision(obs, 'baseline_oor_below_threshold', { ...info, distance_ticks: distance });
    },
  };
}
