/**
 * The files of one episode, built as text from its run: `proposal.json`, `metadata.json`,
 * `result.json`, `reward.json`, `logs.jsonl` (and `failure.json` for a failed episode), plus the
 * episode's line of `episode_metrics.jsonl`. Field names follow the original system's schemas
 * (EpisodeMetadata, Proposal, EpisodeResult); fields are added, none renamed. Everything here is
 * deterministic: clock-shaped fields hold simulated time and latencies are 0 in mock mode, so only
 * `timings.json` (written by the campaign) carries wall-clock figures.
 */
import { artifactLine, artifactText, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { agentDecisionBasisSchema, evGatePassed, type AgentDecisionBasis } from '../store/artifacts/decisionBasis.ts';
import {
  failedResultSchema,
  failureSchema,
  metadataSchema,
  proposalSchema,
  rewardSchema,
  successResultSchema,
  type FailedResultArtifact,
  type FailureArtifact,
  type MetadataArtifact,
  type ProposalArtifact,
  type RewardArtifact,
  type StrategyMetrics,
  type SuccessResultArtifact,
} from '../store/artifacts/episodeFiles.ts';
import { episodeMetricsRowSchema, type EpisodeMetricsRow } from '../store/artifacts/metricsFiles.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { StrategyDecision } from '../agent/types.ts';
import { bestBaseline, type EpisodeRun, type StrategyEpisode } from './LaneRunner.ts';
import type { RunContext } from './RunContext.ts';

export type { EpisodeMetricsRow, StrategyMetrics };

/** Files compared byte for byte on resume (logs.jsonl and timings.json are excluded by DESIGN.md). */
export const DETERMINISTIC_EPISODE_FILES = ['proposal.json', 'metadata.json', 'reward.json', 'failure.json', 'result.json'] as const;

export interface EpisodeArtifacts {
  index: number;
  episodeId: string;
  /** File name → text, in write order; `result.json` is last (its presence marks the episode finished). */
  files: Array<[string, string]>;
  /** The episode's line of episode_metrics.jsonl (with its newline). */
  metricsLine: string;
}

const CONNECTOR = 'uniswap_v3_clmm';

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function strategyMetrics(s: StrategyEpisode): StrategyMetrics {
  return {
    pnl_usd: s.attribution.net_pnl_usd,
    fees_usd: s.attribution.fees_usd,
    gas_cost_usd: s.attribution.gas_usd,
    lvr_usd: s.attribution.lvr_usd,
    il_usd: s.attribution.il_usd,
    swap_cost_usd: s.attribution.swap_cost_usd,
    out_of_range_pct: s.outOfRangePct,
    rebalance_count: s.rebalanceCount,
    action_applied: s.actionApplied,
  };
}

/** The original's v4 reward without its latency term: alpha + 0.2·pnl − 0.5·rebalances − 0.01·OOR%. */
export function episodeReward(p: { alphaUsd: number; pnlUsd: number; rebalanceCount: number; outOfRangePct: number }): { total: number; components: RewardArtifact['components'] } {
  const components = { alpha: p.alphaUsd, pnl: 0.2 * p.pnlUsd, rebalance_penalty: -0.5 * p.rebalanceCount, oor_penalty: -0.01 * p.outOfRangePct };
  return { total: components.alpha + components.pnl + components.rebalance_penalty + components.oor_penalty, components };
}

/**
 * The agent's decision basis, typed: the agent layer hands it over as JSON-safe data; a basis that
 * does not fit the schema is a bug in the agent, reported before any file is written.
 */
function agentBasisOf(decision: StrategyDecision, episodeId: string): AgentDecisionBasis {
  const r = agentDecisionBasisSchema.safeParse(decision.decisionBasis);
  if (r.success) return decision.decisionBasis as AgentDecisionBasis; // the agent's own value, not the parse output
  const issue = r.error.issues[0]!;
  throw new ClmmLabError('ARTIFACT_WRITE_INVALID', `${episodeId} proposal.json: params.decision_basis.${issue.path.map(String).join('.')}: ${issue.message} (not written)`, { details: { episode: episodeId, field: issue.path.map(String).join('.') } });
}

function metadataOf(ctx: RunContext, p: { episodeId: string; timestamp: number; regime: MetadataArtifact['regime_key']; lane: number; laneStep: number; learningApplied: boolean; learningReason: string }): MetadataArtifact {
  const pool = ctx.marketConfig.pool;
  return {
    schema_version: SCHEMA_VERSION,
    episode_id: p.episodeId,
    run_id: ctx.runId,
    timestamp: iso(p.timestamp),
    config_hash: ctx.configHash,
    agent_version: ctx.agentVersion,
    used_fallback: false,
    exec_mode: ctx.execution.mode,
    seed: ctx.seed,
    regime_key: p.regime,
    learning_update_applied: p.learningApplied,
    learning_update_reason: p.learningReason,
    gateway_health: null,
    gateway_latency_ms: null,
    notes: null,
    calibration_sha256: ctx.calibrationSha256,
    extra: {
      intel_snapshot: ctx.intel.snapshot,
      intel_snapshot_sha256: ctx.intel.sha256,
      intel_inputs: { pool_address: pool.address, pair: `${pool.symbol0}/${pool.symbol1}`, lookback_hours: ctx.horizonSeconds / 3600 },
      intel_hygiene: ctx.intel.hygiene,
      lane: p.lane,
      lane_step: p.laneStep,
      market_source: ctx.market,
    },
  };
}

export function buildEpisodeArtifacts(ctx: RunContext, run: EpisodeRun, episodeId: string): EpisodeArtifacts {
  const pool = ctx.marketConfig.pool;
  const agent = run.agent;
  const decision = agent.decision;
  const best = bestBaseline(run.baselines);
  const alpha = agent.attribution.net_pnl_usd - best.attribution.net_pnl_usd;
  const endTimestamp = run.startTimestamp + ctx.horizonSeconds;
  const ethStart = run.market.ethUsd[0]!;
  const reward = episodeReward({ alphaUsd: alpha, pnlUsd: agent.attribution.net_pnl_usd, rebalanceCount: agent.rebalanceCount, outOfRangePct: agent.outOfRangePct });
  const basis = agentBasisOf(decision, episodeId);

  const params = {
    width_pts: decision.widthTicks,
    rebalance_threshold_pct: basis.oor_critical,
    spread_bps: decision.widthTicks,
    order_size: agent.positionBefore.value_usd / ethStart,
    order_size_usd: agent.positionBefore.value_usd,
    refresh_interval: ctx.horizonSeconds,
    action: decision.action,
    ...(decision.widthTicks > 0 ? { target_width_pts: decision.widthTicks } : {}),
    mid_price_usd: ethStart,
    decision_basis: { ...basis, exec_mode: ctx.execution.mode },
  };
  const simulation = { success: true, simulation_success: true, amount_out: null, gas_estimate: basis.gas_estimate_usd, latency_ms: 0, error: null, source: ctx.execution.executor };
  const proposal: ProposalArtifact = {
    schema_version: SCHEMA_VERSION,
    episode_id: episodeId,
    generated_at: iso(run.startTimestamp),
    status: 'active',
    skip_reason: null,
    connector_execution: CONNECTOR,
    chain: pool.chain,
    network: pool.network,
    pool_address: pool.address,
    params,
    simulation,
    metadata: { lane: run.lane, lane_step: run.laneStep, episode_index: run.index },
  };
  const metadata = metadataOf(ctx, { episodeId, timestamp: run.startTimestamp, regime: run.regime, lane: run.lane, laneStep: run.laneStep, learningApplied: run.learningApplied, learningReason: run.learningReason });

  const baselines: SuccessResultArtifact['baselines'] = {};
  for (const b of run.baselines) {
    baselines[b.name] = { ...strategyMetrics(b), in_range_frac: b.inRangeFrac, regime_name: run.regime, width_pts: b.decision.widthTicks, rule_fired: b.decision.decisionBasis.rule_fired };
  }
  const gas = agent.attribution.gas_usd;
  const result: SuccessResultArtifact = {
    schema_version: SCHEMA_VERSION,
    episode_id: episodeId,
    run_id: ctx.runId,
    timestamp: iso(endTimestamp),
    status: 'success',
    exec_mode: ctx.execution.mode,
    executor: ctx.execution.executor,
    connector_execution: CONNECTOR,
    chain: pool.chain,
    network: pool.network,
    pool_address: pool.address,
    params_used: { width_pts: params.width_pts, action: params.action, action_applied: agent.actionApplied, steps: agent.steps },
    used_fallback: false,
    simulation,
    pnl_usd: agent.attribution.net_pnl_usd,
    fees_usd: agent.attribution.fees_usd,
    gas_cost_usd: gas,
    out_of_range_pct: agent.outOfRangePct,
    rebalance_count: agent.rebalanceCount,
    fees_0: agent.fees0.toString(),
    fees_1: agent.fees1.toString(),
    pool_fees_usd_input_based: (run.volumeUsd * pool.fee) / 1e6,
    attribution: agent.attribution,
    in_range_frac: agent.inRangeFrac,
    regime_name: run.regime,
    volume_usd: run.volumeUsd,
    pool_swaps: agent.poolSwaps,
    position_before: agent.positionBefore,
    position_after: { ...agent.positionAfter, action_requested: decision.action, action_applied: agent.actionApplied, regime_name: run.regime, in_range_frac: agent.inRangeFrac, fees_this_episode_usd: agent.attribution.fees_usd },
    baselines,
    best_baseline_name: best.name,
    alpha_usd: alpha,
    alpha_vs: best.name,
    alpha_per_100k_vol: run.volumeUsd > 0 ? (alpha * 100_000) / run.volumeUsd : null,
    alpha_per_gas_usd: gas > 0 ? alpha / gas : null,
    error: null,
    errors: [],
    latency_ms: 0,
    timings_ms: { health_check_ms: 0, pool_info_ms: 0, quote_ms: 0 },
  };
  const logs = [
    { event: 'episode_start', payload: { episode_id: episodeId, run_id: ctx.runId, exec_mode: ctx.execution.mode, seed: ctx.seed } },
    {
      event: 'episode_complete',
      payload: {
        episode_id: episodeId,
        pnl_usd: result.pnl_usd,
        fees_usd: result.fees_usd,
        gas_cost_usd: gas,
        out_of_range_pct: result.out_of_range_pct,
        rebalance_count: result.rebalance_count,
        reward_total: reward.total,
        reward_components: reward.components,
        action_applied: agent.actionApplied,
        alpha_usd: alpha,
        alpha_vs: best.name,
        best_baseline_pnl: best.attribution.net_pnl_usd,
      },
    },
  ];
  const row: EpisodeMetricsRow = {
    schema_version: SCHEMA_VERSION,
    episode_id: episodeId,
    index: run.index,
    lane: run.lane,
    status: 'success',
    regime: run.regime,
    regime_estimate: basis.regime_estimate,
    action: decision.action,
    action_applied: agent.actionApplied,
    rule_fired: basis.rule_fired,
    width_pts: decision.widthTicks,
    ev_gate_passed: evGatePassed(basis.ev_gate),
    ...attributionFields(agent),
    out_of_range_pct: agent.outOfRangePct,
    rebalance_count: agent.rebalanceCount,
    reward_total: reward.total,
    alpha_usd: alpha,
    best_baseline_name: best.name,
    volume_usd: run.volumeUsd,
    learning_update_applied: run.learningApplied,
    engine_swaps: [agent, ...run.baselines].reduce((n, s) => n + s.poolSwaps, 0),
    intel_fresh_pct: ctx.intel.hygiene.fresh_pct,
    baselines: Object.fromEntries(run.baselines.map((b) => [b.name, strategyMetrics(b)])),
    error: null,
  };
  return {
    index: run.index,
    episodeId,
    files: [
      ['proposal.json', artifactText(proposalSchema, proposal, `${episodeId} proposal.json`)],
      ['metadata.json', artifactText(metadataSchema, metadata, `${episodeId} metadata.json`)],
      ['reward.json', artifactText(rewardSchema, { schema_version: SCHEMA_VERSION, ...reward }, `${episodeId} reward.json`)],
      ['logs.jsonl', logs.map((l) => JSON.stringify(l)).join('\n') + '\n'],
      ['result.json', artifactText(successResultSchema, result, `${episodeId} result.json`)],
    ],
    metricsLine: artifactLine(episodeMetricsRowSchema, row, `${episodeId} episode_metrics.jsonl row`),
  };
}

function attributionFields(s: StrategyEpisode): Pick<EpisodeMetricsRow, 'pnl_usd' | 'fees_usd' | 'gas_cost_usd' | 'lvr_usd' | 'il_usd' | 'swap_cost_usd' | 'market_pnl_usd'> {
  const a = s.attribution;
  return { pnl_usd: a.net_pnl_usd, fees_usd: a.fees_usd, gas_cost_usd: a.gas_usd, lvr_usd: a.lvr_usd, il_usd: a.il_usd, swap_cost_usd: a.swap_cost_usd, market_pnl_usd: a.market_pnl_usd };
}

/** The files of an episode that failed: `failure.json` and a `result.json` with status `failed`. The campaign goes on. */
export function buildFailedEpisodeArtifacts(ctx: RunContext, p: { index: number; lane: number; laneStep: number; regime: EpisodeMetricsRow['regime']; episodeId: string; error: { code: string; message: string; stage: string } }): EpisodeArtifacts {
  const pool = ctx.marketConfig.pool;
  const start = ctx.epochSeconds + p.index * ctx.horizonSeconds;
  const failure: FailureArtifact = { schema_version: SCHEMA_VERSION, error: `${p.error.code}: ${p.error.message}`, context: { stage: p.error.stage, exit_code: 1, timestamp: iso(start), code: p.error.code, lane: p.lane, episode_index: p.index } };
  const metadata = metadataOf(ctx, { episodeId: p.episodeId, timestamp: start, regime: p.regime, lane: p.lane, laneStep: p.laneStep, learningApplied: false, learningReason: 'episode_failed' });
  const result: FailedResultArtifact = {
    schema_version: SCHEMA_VERSION,
    episode_id: p.episodeId,
    run_id: ctx.runId,
    timestamp: iso(start),
    status: 'failed',
    exec_mode: ctx.execution.mode,
    executor: ctx.execution.executor,
    connector_execution: CONNECTOR,
    chain: pool.chain,
    network: pool.network,
    pool_address: pool.address,
    used_fallback: false,
    pnl_usd: 0,
    fees_usd: 0,
    gas_cost_usd: 0,
    out_of_range_pct: null,
    rebalance_count: 0,
    regime_name: p.regime,
    baselines: {},
    alpha_usd: null,
    error: failure.error,
    errors: [failure.error],
    latency_ms: 0,
  };
  const row: EpisodeMetricsRow = {
    schema_version: SCHEMA_VERSION,
    episode_id: p.episodeId,
    index: p.index,
    lane: p.lane,
    status: 'failed',
    regime: p.regime,
    regime_estimate: null,
    action: null,
    action_applied: null,
    rule_fired: null,
    width_pts: null,
    ev_gate_passed: null,
    pnl_usd: 0,
    fees_usd: 0,
    gas_cost_usd: 0,
    lvr_usd: 0,
    il_usd: 0,
    swap_cost_usd: 0,
    market_pnl_usd: 0,
    out_of_range_pct: null,
    rebalance_count: 0,
    reward_total: null,
    alpha_usd: null,
    best_baseline_name: null,
    volume_usd: null,
    learning_update_applied: false,
    engine_swaps: 0,
    intel_fresh_pct: ctx.intel.hygiene.fresh_pct,
    baselines: {},
    error: failure.error,
  };
  const logs = [
    { event: 'episode_start', payload: { episode_id: p.episodeId, run_id: ctx.runId, exec_mode: ctx.execution.mode, seed: ctx.seed } },
    { event: 'episode_failed', payload: { episode_id: p.episodeId, error: failure.error, stage: p.error.stage } },
  ];
  return {
    index: p.index,
    episodeId: p.episodeId,
    files: [
      ['metadata.json', artifactText(metadataSchema, metadata, `${p.episodeId} metadata.json`)],
      ['failure.json', artifactText(failureSchema, failure, `${p.episodeId} failure.json`)],
      ['logs.jsonl', logs.map((l) => JSON.stringify(l)).join('\n') + '\n'],
      ['result.json', artifactText(failedResultSchema, result, `${p.episodeId} result.json`)],
    ],
    metricsLine: artifactLine(episodeMetricsRowSchema, row, `${p.episodeId} episode_metrics.jsonl row`),
  };
}
