/**
 * `params.decision_basis` for an agent decision: the original's fields (prev_*, oor_critical,
 * fee_gate, gas_usd, fee_gate_mult, preempt_margin, preempt_triggered, regime_min_width,
 * width_before_floor, width_after_floor, rule_fired, decision, target_width_pts) plus the regime
 * estimate and its statistics, the EV gate's tagged decision, expected fees and LVR, the gas
 * estimate, the fee-rate estimate and its sources (carried to the next episode), the range, the
 * learned adjustments in use and the rules passed over. JSON-safe (jsonSafe.ts).
 */
import { CARRIED_FEE_RATE_FIELD } from './feeRateEstimator.ts';
import { jsonSafe } from './jsonSafe.ts';
import type { RuleContext } from './ruleContext.ts';
import type { RuleOutcome } from './rules/agentRule.ts';
import type { DecisionBasis, RangeSpec } from './types.ts';

export interface BuildDecisionBasisParams {
  ctx: RuleContext;
  outcome: RuleOutcome;
  /** Rules evaluated before the one that fired, in order. */
  passedOver: string[];
  /** The range held after the action (new, kept, or none). */
  rangeAfter: RangeSpec | null;
}

export function buildDecisionBasis({ ctx, outcome, passedOver, rangeAfter }: BuildDecisionBasisParams): DecisionBasis {
  const { prev, config, regime, obs } = ctx;
  const candidate = outcome.candidate;
  const expectedFees = candidate !== null ? candidate.economics.expectedFeesUsd : outcome.action === 'close' ? 0 : (ctx.currentEconomics?.expectedFeesUsd ?? 0);
  const expectedLvr = candidate !== null ? candidate.economics.expectedLvrUsd : outcome.action === 'close' ? 0 : (ctx.currentEconomics?.expectedLvrUsd ?? 0);
  const basis = {
    rule_fired: outcome.rule,
    decision: outcome.action,
    prev_alpha_usd: prev?.alphaUsd ?? null,
    prev_oor_pct: prev?.outOfRangePct ?? null,
    prev_fees_usd: prev?.feesUsd ?? null,
    prev_gas_usd: prev?.gasUsd ?? null,
    prev_pnl_usd: prev?.pnlUsd ?? null,
    prev_action: prev?.action ?? null,
    prev_width_pts: prev?.widthTicks ?? null,
    prev_regime: prev?.regimeEstimate ?? null,
    prev_rule_fired: prev?.ruleFired ?? null,
    oor_critical: ctx.oorCritical,
    fee_gate: config.feeGateUsd,
    gas_usd: config.gasUsd,
    fee_gate_mult: config.feeGateMult,
    preempt_margin: config.preemptMargin,
    preempt_triggered: outcome.rule === 'trend_preempt_widen',
    loss_breaker_usd: ctx.lossBreakerUsd,
    regime_min_width: ctx.floor,
    width_before_floor: ctx.widthBeforeFloor,
    width_after_floor: ctx.widthAfterFloor,
    ...(candidate !== null ? { target_width_pts: candidate.widthTicks } : {}),
    regime_estimate: regime.regime,
    regime_mix_used: config.regimePrior,
    regime_mix_source: config.regimePriorSource,
    regime_reason: regime.reason,
    regime_stats: {
      samples: regime.stats.samples,
      sample_seconds: regime.stats.sampleSeconds,
      realized_vol_annual: regime.stats.realizedVolAnnual,
      continuous_vol_annual: regime.stats.continuousVolAnnual,
      jump_count: regime.stats.jumpCount,
      jump_share: regime.stats.jumpShare,
      drift_z: regime.stats.driftZ,
      net_move_ticks: regime.stats.netMoveTicks,
      reversion_t: regime.stats.reversionT,
      variance_ratio: regime.stats.varianceRatio,
      autocorr_lag1: regime.stats.autocorrLag1,
    },
    ev_gate_enabled: config.evGateEnabled,
    ev_gate: outcome.evGate,
    expected_fees_usd: expectedFees,
    expected_lvr_usd: expectedLvr,
    expected_fraction_in_range: candidate !== null ? candidate.economics.fractionInRange : (ctx.currentEconomics?.fractionInRange ?? null),
    gas_estimate_usd: candidate !== null ? candidate.gas.gasUsd : outcome.action === 'close' ? outcome.evGate.gasUsd : 0,
    gas_estimate_source: candidate !== null ? candidate.gas.source : outcome.action === 'close' ? 'close' : 'none',
    [CARRIED_FEE_RATE_FIELD]: ctx.feeRate.usdPerLiquidityHour,
    fee_rate_sources: ctx.feeRate.sources.map((s) => ({ source: s.source, usd_per_l_hour: s.usdPerLiquidityHour, weight_hours: s.weightHours })),
    range: rangeAfter === null ? null : { tick_lower: rangeAfter.tickLower, tick_upper: rangeAfter.tickUpper },
    current_range: ctx.current === null ? null : { tick_lower: ctx.current.range.tickLower, tick_upper: ctx.current.range.tickUpper, width: ctx.current.widthTicks },
    in_range_now: ctx.inRangeNow,
    pool_tick: obs.pool.tick,
    tick_spacing: obs.pool.tickSpacing,
    learned: {
      width_multiplier: ctx.learned.widthMultiplier,
      gate_margin_multiplier: ctx.learned.gateMarginMultiplier,
      regime_episodes: ctx.learned.regimeEpisodes,
      used: ctx.learned.used,
    },
    cascade_passed: passedOver,
  };
  return jsonSafe(basis) as DecisionBasis;
}
