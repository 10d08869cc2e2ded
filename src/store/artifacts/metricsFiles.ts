/**
 * `episode_metrics.jsonl` (one row per episode, in index order: what the summary, the CSV export
 * and the experiment reports are computed from) and `metrics_summary.json` (its one writer's one
 * schema; `pnl_usd` is already net of gas).
 */
import { z } from 'zod';
import { ACTIONS } from '../../agent/types.ts';
import { REGIMES } from '../../market/types.ts';
import { pnlPartsShape, strategyMetricsSchema } from './episodeFiles.ts';

const num = z.number();
const numOrNull = z.number().nullable();
const int = z.number().int();
const regime = z.enum(REGIMES);

export const episodeMetricsRowSchema = z.strictObject({
  schema_version: z.literal(1),
  episode_id: z.string(),
  index: int.nonnegative(),
  lane: int.nonnegative(),
  status: z.enum(['success', 'failed', 'skipped']),
  regime,
  regime_estimate: regime.nullable(),
  action: z.enum(ACTIONS).nullable(),
  action_applied: z.string().nullable(),
  rule_fired: z.string().nullable(),
  width_pts: int.nullable(),
  /** The EV gate's verdict: true (passed) / false (blocked) when it decided, null when it was skipped or the episode failed. */
  ev_gate_passed: z.boolean().nullable(),
  ...pnlPartsShape,
  market_pnl_usd: num,
  out_of_range_pct: numOrNull,
  rebalance_count: int,
  reward_total: numOrNull,
  alpha_usd: numOrNull,
  best_baseline_name: z.string().nullable(),
  volume_usd: numOrNull,
  learning_update_applied: z.boolean(),
  /** Engine swaps over the window in every strategy's pool copy (the campaign's simulation work). */
  engine_swaps: int.nonnegative(),
  intel_fresh_pct: num,
  baselines: z.record(z.string(), strategyMetricsSchema),
  error: z.string().nullable(),
});
export type EpisodeMetricsRow = z.infer<typeof episodeMetricsRowSchema>;

const ci95 = z.tuple([num, num]).nullable();

export const strategySummarySchema = z.strictObject({
  episodes: int,
  total_pnl_usd: num,
  mean_pnl_usd: numOrNull,
  pnl_ci95_usd: ci95,
  total_fees_usd: num,
  total_lvr_usd: num,
  total_il_usd: num,
  total_gas_usd: num,
  total_swap_cost_usd: num,
  /** Episodes in which the strategy paid gas for an action. */
  actions: int,
  mean_out_of_range_pct: numOrNull,
});
export type StrategySummary = z.infer<typeof strategySummarySchema>;

const actionStats = z.strictObject({ count: int, pct: num, pnl_usd: num, fees_usd: num, gas_usd: num }).optional();

export const metricsSummarySchema = z.strictObject({
  schema_version: z.literal(1),
  run_id: z.string(),
  total_episodes: int,
  successful: int,
  failed: int,
  skipped: int,
  total_pnl_usd: num,
  total_fees_usd: num,
  total_gas_usd: num,
  total_lvr_usd: num,
  total_il_usd: num,
  total_swap_cost_usd: num,
  mean_pnl_usd: numOrNull,
  pnl_ci95_usd: ci95,
  pnl_is_net_of_gas: z.literal(true),
  total_alpha_usd: num,
  mean_alpha_usd: numOrNull,
  alpha_ci95_usd: ci95,
  alpha_win_rate: numOrNull,
  total_reward: num,
  widen_pct: num,
  total_engine_swaps: int,
  by_regime: z.partialRecord(regime, z.strictObject({
    episodes: int,
    pnl_usd: num,
    mean_pnl_usd: numOrNull,
    pnl_ci95_usd: ci95,
    fees_usd: num,
    lvr_usd: num,
    gas_usd: num,
    actions: int,
    strategies: z.record(z.string(), strategySummarySchema),
  })),
  alpha_by_regime: z.partialRecord(regime, z.strictObject({ total_usd: num, mean_usd: numOrNull, ci95_usd: ci95 })),
  /** Per agent action (`none` for an episode without one), and the share of widen actions. */
  by_action: z.strictObject({ hold: actionStats, rebalance: actionStats, widen: actionStats, narrow: actionStats, close: actionStats, none: actionStats, widen_pct: num }),
  by_rule: z.record(z.string(), z.strictObject({ count: int, pnl_usd: num, mean_pnl_usd: num, fees_usd: num, gas_usd: num, ev_gate_blocked: int })),
  baselines: z.record(z.string(), strategySummarySchema),
  best_baseline_counts: z.record(z.string(), int),
});
export type MetricsSummary = z.infer<typeof metricsSummarySchema>;
