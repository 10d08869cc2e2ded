/**
 * The figures `/metrics` exports for one run, from its `metrics_summary.json` when it is complete
 * and from its `episode_metrics.jsonl` rows (the same summary function) while it is running or
 * stopped, and their sum over runs. Widen % and out-of-range % of a sum are recomputed from counts
 * and sums (never a mean of means), with the formulas of the summary itself, so the sum over one run
 * equals that run's figures exactly.
 */
import { statSync } from 'node:fs';
import { AGENT } from '../campaign/metricsSummary.ts';
import type { RunState, RunStatus } from '../campaign/runStatus.ts';
import type { MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { runPaths } from '../store/runPaths.ts';
import { currentSummary } from './dataReader.ts';

export interface Figures {
  episodesDone: number;
  episodesFailed: number;
  successful: number;
  netPnlUsd: number;
  feesUsd: number;
  gasUsd: number;
  alphaUsd: number;
  /** Episodes per agent action (`none`: an episode without one). */
  actions: Map<string, number>;
  /** Episodes per rule fired. */
  rules: Map<string, number>;
  widenCount: number;
  /** Σ of the agent's out-of-range % over successful episodes. */
  outOfRangeSum: number;
}

export interface RunFigures extends Figures {
  runId: string;
  status: Exclude<RunStatus, 'damaged'>;
  market: string;
  episodes: number;
  /** Wall-clock ms of the run's latest file, to pick the most recent finished runs. */
  recencyMs: number;
}

export function figuresOfSummary(s: MetricsSummary): Figures {
  const actions = new Map<string, number>();
  for (const [name, stats] of Object.entries(s.by_action)) if (typeof stats === 'object') actions.set(name, stats.count);
  // every successful episode counts in its regime's agent mean (a null out-of-range % counts as 0)
  let outOfRangeSum = 0;
  for (const r of Object.values(s.by_regime)) {
    const agent = r?.strategies[AGENT];
    if (agent !== undefined && agent.mean_out_of_range_pct !== null) outOfRangeSum += agent.mean_out_of_range_pct * agent.episodes;
  }
  return {
    episodesDone: s.total_episodes,
    episodesFailed: s.failed,
    successful: s.successful,
    netPnlUsd: s.total_pnl_usd,
    feesUsd: s.total_fees_usd,
    gasUsd: s.total_gas_usd,
    alphaUsd: s.total_alpha_usd,
    actions,
    rules: new Map(Object.entries(s.by_rule).map(([rule, r]) => [rule, r.count])),
    widenCount: s.by_action.widen?.count ?? 0,
    outOfRangeSum,
  };
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Null for a damaged run. */
export function runFigures(dataDir: string, state: RunState): RunFigures | null {
  if (state.status === 'damaged' || state.config === null) return null;
  const p = runPaths(dataDir, state.runId);
  return {
    ...figuresOfSummary(currentSummary(state).summary),
    runId: state.runId,
    status: state.status,
    market: state.config.settings.market,
    episodes: state.config.settings.episodes,
    recencyMs: Math.max(mtimeMs(p.metricsSummary), mtimeMs(p.events), mtimeMs(p.episodeMetrics), mtimeMs(p.runConfig)),
  };
}

/** Widen %: widen actions per successful episode, as the summary computes it. */
export function widenPct(f: Figures): number {
  return f.successful === 0 ? 0 : (100 * f.widenCount) / f.successful;
}

export function outOfRangePct(f: Figures): number {
  return f.successful === 0 ? 0 : f.outOfRangeSum / f.successful;
}

function addCounts(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

export function sumFigures(all: Figures[]): Figures {
  const total: Figures = { episodesDone: 0, episodesFailed: 0, successful: 0, netPnlUsd: 0, feesUsd: 0, gasUsd: 0, alphaUsd: 0, actions: new Map(), rules: new Map(), widenCount: 0, outOfRangeSum: 0 };
  for (const f of all) {
    total.episodesDone += f.episodesDone;
    total.episodesFailed += f.episodesFailed;
    total.successful += f.successful;
    total.netPnlUsd += f.netPnlUsd;
    total.feesUsd += f.feesUsd;
    total.gasUsd += f.gasUsd;
    total.alphaUsd += f.alphaUsd;
    total.widenCount += f.widenCount;
    total.outOfRangeSum += f.outOfRangeSum;
    addCounts(total.actions, f.actions);
    addCounts(total.rules, f.rules);
  }
  return total;
}

/** The runs that get their own series: every running run, and the `cap` most recent others. */
export function runsWithSeries(runs: RunFigures[], cap: number): RunFigures[] {
  const running = runs.filter((r) => r.status === 'running');
  const finished = runs.filter((r) => r.status !== 'running').sort((a, b) => b.recencyMs - a.recencyMs || (a.runId < b.runId ? 1 : -1));
  return [...running, ...finished.slice(0, cap)].sort((a, b) => (a.runId < b.runId ? -1 : 1));
}
