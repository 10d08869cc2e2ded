/**
 * `Proposal.params.decision_basis`: the agent's rule that fired and the numbers behind it, with the
 * original system's field names, and the EV gate's tagged decision (`ev_gate.kind`, never a
 * `passed` flag: reading `passed` is what left `ev_gate_passed` null in every row). Values went
 * through the agent's jsonSafe (6 significant digits, bigints as strings).
 */
import { z } from 'zod';
import { ACTIONS } from '../../agent/types.ts';
import { REGIMES } from '../../market/types.ts';

const num = z.number();
const numOrNull = z.number().nullable();

export const evGateKindSchema = z.enum(['pass', 'blocked', 'skipped']);

export const evGateDecisionSchema = z.strictObject({
  kind: evGateKindSchema,
  code: z.enum(['ev_above_gate', 'ev_below_gate', 'no_fee_estimate', 'gate_disabled', 'not_gated', 'no_gas_action']),
  action: z.enum(ACTIONS),
  expectedFeesUsd: numOrNull,
  currentExpectedFeesUsd: numOrNull,
  expectedExtraFeesUsd: numOrNull,
  expectedExtraLvrUsd: num,
  gasUsd: num,
  feeGateUsd: num,
  marginMultiplier: num,
  margin: numOrNull,
});
export type EvGateRecord = z.infer<typeof evGateDecisionSchema>;

/** Whether a gated decision went through: true / false when the gate decided, null when it was skipped. */
export function evGatePassed(gate: EvGateRecord): boolean | null {
  return gate.kind === 'skipped' ? null : gate.kind === 'pass';
}

const tickRange = z.strictObject({ tick_lower: z.number().int(), tick_upper: z.number().int() });

export const agentDecisionBasisSchema = z.strictObject({
  rule_fired: z.string().min(1),
  decision: z.enum(ACTIONS),
  prev_alpha_usd: numOrNull,
  prev_oor_pct: numOrNull,
  prev_fees_usd: numOrNull,
  prev_gas_usd: numOrNull,
  prev_pnl_usd: numOrNull,
  prev_action: z.enum(ACTIONS).nullable(),
  prev_width_pts: numOrNull,
  prev_regime: z.enum(REGIMES).nullable(),
  prev_rule_fired: z.string().nullable(),
  oor_critical: num,
  fee_gate: num,
  gas_usd: num,
  fee_gate_mult: num,
  preempt_margin: num,
  preempt_triggered: z.boolean(),
  loss_breaker_usd: num,
  regime_min_width: num,
  width_before_floor: num,
  width_after_floor: num,
  target_width_pts: z.number().int().optional(),
  regime_estimate: z.enum(REGIMES),
  regime_mix_used: z.partialRecord(z.enum(REGIMES), num).nullable(),
  regime_mix_source: z.string(),
  regime_reason: z.enum(['no_history', 'prior', 'jumps', 'drift', 'reversion', 'vol_level']),
  regime_stats: z.strictObject({
    samples: num,
    sample_seconds: num,
    realized_vol_annual: numOrNull,
    continuous_vol_annual: numOrNull,
    jump_count: num,
    jump_share: numOrNull,
    drift_z: numOrNull,
    net_move_ticks: numOrNull,
    reversion_t: numOrNull,
    variance_ratio: numOrNull,
    autocorr_lag1: numOrNull,
  }),
  ev_gate_enabled: z.boolean(),
  ev_gate: evGateDecisionSchema,
  expected_fees_usd: numOrNull,
  expected_lvr_usd: numOrNull,
  expected_fraction_in_range: numOrNull,
  gas_estimate_usd: num,
  gas_estimate_source: z.enum(['none', 'gas_usd_floor', 'observed_gas_price', 'intel_gas_regime', 'close']),
  /** Carried to the next episode (the fee-rate estimate survives a resume through this field). */
  fee_rate_usd_per_l_hour: numOrNull,
  fee_rate_sources: z.array(z.strictObject({ source: z.string(), usd_per_l_hour: numOrNull, weight_hours: num })),
  range: tickRange.nullable(),
  current_range: tickRange.extend({ width: z.number().int() }).strict().nullable(),
  in_range_now: z.boolean(),
  pool_tick: z.number().int(),
  tick_spacing: z.number().int().positive(),
  learned: z.strictObject({ width_multiplier: num, gate_margin_multiplier: num, regime_episodes: num, used: z.boolean() }),
  cascade_passed: z.array(z.string()),
});
export type AgentDecisionBasis = z.infer<typeof agentDecisionBasisSchema>;

/** As proposal.json records it: the agent's basis plus the run's execution mode. */
export const proposalDecisionBasisSchema = agentDecisionBasisSchema.extend({ exec_mode: z.string() }).strict();
export type ProposalDecisionBasis = z.infer<typeof proposalDecisionBasisSchema>;
