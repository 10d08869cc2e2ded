/** The agent's view of the world and what it proposes. Nothing here is mode-specific. */
import type { RegimeName } from '../market/types.ts';
import type { EvGateDecision } from './evGate.ts';

export const ACTIONS = ['hold', 'rebalance', 'widen', 'narrow', 'close'] as const;
export type AgentAction = (typeof ACTIONS)[number];

/** A range to hold liquidity in. */
export interface RangeSpec {
  tickLower: number;
  tickUpper: number;
}

/** What a strategy wants to hold after its action at the start of the episode. */
export interface PositionPlan {
  /** Keep the current positions untouched (no gas). When true, `ranges` is ignored. */
  keep: boolean;
  /**
   * Ranges to hold, filled in order: each gets the most liquidity the remaining tokens buy; whatever is
   * left stays idle. Empty = hold only tokens (close).
   */
  ranges: RangeSpec[];
  /** Swap to the token ratio of the first range before minting (pays fee and price impact). */
  swapToRatio: boolean;
}

/** The strategy's own holdings, as the executor reports them. */
export interface HoldingsView {
  ranges: Array<RangeSpec & { liquidity: bigint }>;
  /** Idle tokens, base units. */
  idle0: bigint;
  idle1: bigint;
  /** Total value (positions + uncollected fees + idle) in USD at the pool price. */
  valueUsd: number;
  uncollectedFeesUsd: number;
}

/** What a strategy did in one episode and how it went, as its result.json recorded it. */
export interface EpisodeSummary {
  action: AgentAction;
  ruleFired: string;
  widthTicks: number;
  pnlUsd: number;
  feesUsd: number;
  gasUsd: number;
  outOfRangePct: number;
  alphaUsd: number;
  regimeEstimate: RegimeName;
}

/** Summary of the strategy's previous episode, as the next decision sees it. */
export interface PreviousEpisode extends EpisodeSummary {
  /**
   * The previous proposal's `params.decision_basis`, as proposal.json recorded it (optional). The
   * agent carries its fee-rate estimate forward through it (`fee_rate_usd_per_l_hour`), so the
   * estimate survives a resume without hidden state.
   */
  decisionBasis?: DecisionBasis;
}

/** Freshness of one intel query in the frozen snapshot. */
export interface IntelEntry {
  quality: 'fresh' | 'stale' | 'too_old' | 'missing';
  ageS: number | null;
  data: unknown;
}

export interface Observation {
  /** Global episode index (0-based) and how many episodes this lane has run before this one. */
  episodeIndex: number;
  laneStep: number;
  pool: { sqrtPriceX96: bigint; tick: number; liquidity: bigint; fee: number; tickSpacing: number; decimals0: number; decimals1: number };
  holdings: HoldingsView;
  /** Pool ticks the strategy observed at each block of recent episodes (oldest first), and the block time. */
  observedTicks: Float64Array;
  blockSeconds: number;
  /** Gas price (gwei) and ETH/USD observed now. */
  gasGwei: number;
  ethUsd: number;
  horizonSeconds: number;
  capitalUsd: number;
  previous: PreviousEpisode | null;
  /** Episodes since this strategy last paid gas for an action (Infinity if never). */
  episodesSinceAction: number;
  intel: Record<string, IntelEntry>;
}

/**
 * `params.decision_basis` of a proposal: the rule that fired and the numbers behind it, with the
 * original system's field names (`rule_fired`, `width_before_floor`, `fee_gate`, `gas_usd`, ...)
 * plus `ev_gate` (the gate's tagged decision: read its `kind`) and `regime_estimate`. The agent's
 * full basis is typed by its artifact schema (store/artifacts/decisionBasis.ts), which the episode
 * checks before writing; baselines record fewer fields.
 */
export type DecisionBasis = Record<string, unknown> & { rule_fired: string; ev_gate?: EvGateDecision; regime_estimate?: RegimeName };

export interface StrategyDecision {
  action: AgentAction;
  plan: PositionPlan;
  /** Total width in ticks of the (first) range after the action; 0 when holding no range. */
  widthTicks: number;
  decisionBasis: DecisionBasis;
}

/** One policy: the agent or a baseline. Pure and deterministic: the same observation gives the same decision. */
export interface Strategy {
  readonly name: string;
  decide(obs: Observation): StrategyDecision;
}

/** What a strategy learns from after an episode. */
export interface EpisodeOutcome extends EpisodeSummary {
  episodeIndex: number;
}
