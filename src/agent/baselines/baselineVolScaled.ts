/**
 * baseline_vol_scaled: a range whose half-width is `sigmasPerSide` × the realised sigma of the
 * price over one horizon (from the ticks the strategy observed; the regime estimator's fallback vol
 * before there is any history), clamped to [minWidthTicks, maxWidthTicks]. Opens at the first step,
 * recentres at the then-current vol width whenever the price is out of range, otherwise keeps it.
 */
import type { AgentConfig } from '../agentConfig.ts';
import { centeredRange, isInRange } from '../centeredRange.ts';
import { LN_TICK } from '../../clmm/price.ts';
import { estimateRegime } from '../regimeEstimator.ts';
import type { Observation, Strategy, StrategyDecision } from '../types.ts';
import { firstHeldRange, holdDecision, isFirstStep, moveDecision } from './baselineDecision.ts';

export function volScaledWidth(obs: Observation, config: AgentConfig): { widthTicks: number; sigmaHorizonTicks: number; realizedVolAnnual: number } {
  const s = config.baselines.volScaled;
  const estimate = estimateRegime({ observedTicks: obs.observedTicks, blockSeconds: obs.blockSeconds, horizonSeconds: obs.horizonSeconds, settings: config.regimeEstimator });
  const sigmaHorizonTicks = (estimate.sigmaPerSqrtSecond * Math.sqrt(obs.horizonSeconds)) / LN_TICK;
  const widthTicks = Math.min(s.maxWidthTicks, Math.max(s.minWidthTicks, 2 * s.sigmasPerSide * sigmaHorizonTicks));
  return { widthTicks, sigmaHorizonTicks, realizedVolAnnual: estimate.stats.realizedVolAnnual };
}

export function createBaselineVolScaled(config: AgentConfig): Strategy {
  const info = { baseline: 'baseline_vol_scaled', sigmas_per_side: config.baselines.volScaled.sigmasPerSide };
  return {
    name: 'baseline_vol_scaled',
    decide(obs: Observation): StrategyDecision {
      const current = firstHeldRange(obs);
      if (current !== null && isInRange(current, obs.pool.tick)) return holdDecision(obs, 'baseline_in_range', info);
      if (current === null && !isFirstStep(obs)) return holdDecision(obs, 'baseline_no_position', info);
      const w = volScaledWidth(obs, config);
      const range = centeredRange({ tick: obs.pool.tick, widthTicks: w.widthTicks, tickSpacing: obs.pool.tickSpacing });
      const extra = { ...info, sigma_horizon_ticks: w.sigmaHorizonTicks, realized_vol_annual: w.realizedVolAnnual };
      return moveDecision({ obs, rule: current === null ? 'baseline_open' : 'baseline_rebalance_oor', ranges: [range], swapToRatio: true, extra });
    },
  };
}
