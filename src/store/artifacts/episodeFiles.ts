/**
 * The files of one episode folder: `proposal.json`, `metadata.json`, `result.json` (a success or a
 * failure), `reward.json`, `timings.json` and `failure.json`. Field names follow the original
 * system's schemas (EpisodeMetadata with `extra.intel_snapshot`, Proposal with
 * `params.decision_basis`, EpisodeResult); fields are added, none renamed.
 */
import { z } from 'zod';
import { ACTIONS } from '../../agent/types.ts';
import { REGIMES } from '../../market/types.ts';
import { proposalDecisionBasisSchema } from './decisionBasis.ts';
import { intelHygieneSchema, snapshotEntrySchema } from './intelSnapshot.ts';

const version = z.literal(1);
const num = z.number();
const numOrNull = z.number().nullable();
const int = z.number().int();
/** Simulated time, ISO 8601 UTC (`2025-06-01T12:00:00Z`). */
const isoTime = z.string();
const regime = z.enum(REGIMES);

export const simulationSchema = z.strictObject({
  success: z.boolean(),
  simulation_success: z.boolean(),
  amount_out: z.string().nullable(),
  gas_estimate: numOrNull,
  latency_ms: num,
  error: z.string().nullable(),
  /** Where the fill came from (the executor's source). */
  source: z.string(),
});

export const proposalSchema = z.strictObject({
  schema_version: version,
  episode_id: z.string(),
  generated_at: isoTime,
  status: z.literal('active'),
  skip_reason: z.string().nullable(),
  connector_execution: z.string(),
  chain: z.string(),
  network: z.string(),
  pool_address: z.string(),
  params: z.strictObject({
    width_pts: int,
    rebalance_threshold_pct: numOrNull,
    spread_bps: num,
    order_size: num,
    order_size_usd: num,
    refresh_interval: num,
    action: z.enum(ACTIONS),
    target_width_pts: int.optional(),
    mid_price_usd: num,
    decision_basis: proposalDecisionBasisSchema,
  }),
  simulation: simulationSchema,
  metadata: z.strictObject({ lane: int, lane_step: int, episode_index: int }),
});
export type ProposalArtifact = z.infer<typeof proposalSchema>;

export const metadataSchema = z.strictObject({
  schema_version: version,
  episode_id: z.string(),
  run_id: z.string(),
  timestamp: isoTime,
  config_hash: z.string(),
  agent_version: z.string(),
  used_fallback: z.boolean(),
  exec_mode: z.string(),
  seed: int,
  regime_key: regime,
  learning_update_applied: z.boolean(),
  learning_update_reason: z.string(),
  gateway_health: z.string().nullable(),
  gateway_latency_ms: numOrNull,
  notes: z.string().nullable(),
  calibration_sha256: z.string().nullable(),
  extra: z.strictObject({
    intel_snapshot: z.record(z.string(), snapshotEntrySchema),
    intel_snapshot_sha256: z.string(),
    intel_inputs: z.strictObject({ pool_address: z.string(), pair: z.string(), lookback_hours: num }),
    intel_hygiene: intelHygieneSchema,
    lane: int,
    lane_step: int,
    market_source: z.enum(['sim', 'replay']),
  }),
});
export type MetadataArtifact = z.infer<typeof metadataSchema>;

export const attributionSchema = z.strictObject({
  net_pnl_usd: num,
  market_pnl_usd: num,
  fees_usd: num,
  il_usd: num,
  lvr_usd: num,
  swap_cost_usd: num,
  gas_usd: num,
  residual_usd: num,
});

export const positionSnapshotSchema = z.strictObject({
  position_open: z.boolean(),
  ranges: z.array(z.strictObject({ tick_lower: int, tick_upper: int, width_pts: int, liquidity: z.string() })),
  idle0: z.string(),
  idle1: z.string(),
  value_usd: num,
  uncollected_fees_usd: num,
});

/** Net PnL (after gas) and its parts, as every strategy's metrics carry them. */
export const pnlPartsShape = {
  pnl_usd: num,
  fees_usd: num,
  gas_cost_usd: num,
  lvr_usd: num,
  il_usd: num,
  swap_cost_usd: num,
};

/** One strategy's metrics (`episode_metrics.jsonl` baselines, and the base of `result.json.baselines`). */
export const strategyMetricsSchema = z.strictObject({ ...pnlPartsShape, out_of_range_pct: num, rebalance_count: int, action_applied: z.string() });
export type StrategyMetrics = z.infer<typeof strategyMetricsSchema>;

export const baselineResultSchema = strategyMetricsSchema.extend({ in_range_frac: num, regime_name: regime, width_pts: int, rule_fired: z.string() }).strict();

const resultHead = {
  schema_version: version,
  episode_id: z.string(),
  run_id: z.string(),
  timestamp: isoTime,
  exec_mode: z.enum(['mock', 'shadow', 'paper', 'live']),
  /** The implementation behind the execution port (config/resolveExecution.ts). */
  executor: z.enum(['sim', 'shadow', 'paper', 'onchain', 'gateway']),
  connector_execution: z.string(),
  chain: z.string(),
  network: z.string(),
  pool_address: z.string(),
};

export const successResultSchema = z.strictObject({
  ...resultHead,
  status: z.literal('success'),
  params_used: z.strictObject({ width_pts: int, action: z.enum(ACTIONS), action_applied: z.string(), steps: z.array(z.string()) }),
  used_fallback: z.boolean(),
  simulation: simulationSchema,
  pnl_usd: num,
  fees_usd: num,
  gas_cost_usd: num,
  out_of_range_pct: num,
  rebalance_count: int,
  fees_0: z.string(),
  fees_1: z.string(),
  pool_fees_usd_input_based: num,
  attribution: attributionSchema,
  in_range_frac: num,
  regime_name: regime,
  volume_usd: num,
  pool_swaps: int,
  position_before: positionSnapshotSchema,
  position_after: positionSnapshotSchema.extend({ action_requested: z.enum(ACTIONS), action_applied: z.string(), regime_name: regime, in_range_frac: num, fees_this_episode_usd: num }).strict(),
  baselines: z.record(z.string(), baselineResultSchema),
  best_baseline_name: z.string(),
  alpha_usd: num,
  alpha_vs: z.string(),
  alpha_per_100k_vol: numOrNull,
  alpha_per_gas_usd: numOrNull,
  error: z.null(),
  errors: z.array(z.string()),
  latency_ms: num,
  timings_ms: z.strictObject({ health_check_ms: num, pool_info_ms: num, quote_ms: num }),
});

export const failedResultSchema = z.strictObject({
  ...resultHead,
  status: z.literal('failed'),
  used_fallback: z.boolean(),
  pnl_usd: num,
  fees_usd: num,
  gas_cost_usd: num,
  out_of_range_pct: z.null(),
  rebalance_count: int,
  regime_name: regime,
  baselines: z.strictObject({}),
  alpha_usd: z.null(),
  error: z.string(),
  errors: z.array(z.string()),
  latency_ms: num,
});

export const resultSchema = z.discriminatedUnion('status', [successResultSchema, failedResultSchema]);
export type SuccessResultArtifact = z.infer<typeof successResultSchema>;
export type FailedResultArtifact = z.infer<typeof failedResultSchema>;
export type ResultArtifact = z.infer<typeof resultSchema>;

/** The original's v4 reward without its latency term. */
export const rewardSchema = z.strictObject({
  schema_version: version,
  total: num,
  components: z.strictObject({ alpha: num, pnl: num, rebalance_penalty: num, oor_penalty: num }),
});
export type RewardArtifact = z.infer<typeof rewardSchema>;

/** Wall-clock figures: the only non-deterministic file of an episode. */
export const timingsSchema = z.strictObject({ schema_version: version, episode_id: z.string(), wall_ms: num });
export type TimingsArtifact = z.infer<typeof timingsSchema>;

export const failureSchema = z.strictObject({
  schema_version: version,
  error: z.string(),
  context: z.strictObject({ stage: z.string(), exit_code: int, timestamp: isoTime, code: z.string(), lane: int, episode_index: int }),
});
export type FailureArtifact = z.infer<typeof failureSchema>;
