/**
 * The one port between the agent and the world. The policy that runs in a simulated campaign is the
 * code that runs live: only the executor behind this port changes (sim now; shadow, paper, onchain
 * and gateway later). The episode runner talks to strategies' books only through it.
 */
import type { HoldingsView, PositionPlan } from '../agent/types.ts';
import type { EpisodeMarket } from '../market/types.ts';

export type ExecutorKind = 'sim' | 'shadow' | 'paper' | 'onchain' | 'gateway';

/** What carrying out a plan cost and did. */
export interface ExecutionReport {
  /** Actions performed, in order: 'close', 'swap', 'mint'. Empty when the plan kept the positions. */
  steps: string[];
  gasUnits: number;
  gasUsd: number;
  /** Value given minus value received by the strategy's own swaps, at the external price (fees + impact). */
  swapCostUsd: number;
  /** Fees (owed and pending) collected when positions were closed, in token base units. */
  collectedFees0: bigint;
  collectedFees1: bigint;
}

/** What happened to a strategy over the window. */
export interface WindowReport {
  /** Pool tick at the end of each block, as the strategy observed it. */
  observedTicks: Float64Array;
  /** Blocks during which the strategy's first range was in range. */
  blocksInRange: number;
  /** Loss-versus-rebalancing of the positions' principal over the window, USD (positive = loss). */
  lvrUsd: number;
  /** Swaps the market made in the strategy's pool copy over the window (arbitrage and noise). */
  swaps: number;
}

export interface Executor {
  readonly kind: ExecutorKind;
  holdings(strategy: string, valuation: { externalRawPrice: number; ethUsd: number }): HoldingsView;
  applyPlan(strategy: string, plan: PositionPlan, market: EpisodeMarket): ExecutionReport;
  runWindow(strategy: string, market: EpisodeMarket): WindowReport;
}
