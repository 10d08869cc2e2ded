/**
 * Turns the variants' episode metrics (identical paths, paired by episode index) into the report:
 * per-variant and per-baseline figures, paired differences of each candidate against the reference
 * with lane-block bootstrap CIs (overall and per regime), CI convergence, and the criteria verdicts.
 * Pure and deterministic: the same rows and seed give the same report.
 */
import type { EpisodeMetricsRow } from '../episode/episodeArtifacts.ts';
import { createRng } from '../market/Rng.ts';
import { evaluateCriteria, type CriterionResult } from './criteria.ts';
import type { Criterion } from './spec.ts';
import { blockBootstrap, cvar, maxDrawdown, safeMean, sharpe, winRate, type BootstrapResult } from './stats.ts';

export interface StrategyStats {
  episodes: number;
  failed: number;
  total_pnl_usd: number;
  mean_pnl_usd: number | null;
  win_rate: number | null;
  sharpe: number | null;
  sharpe_annualised: number | null;
  cvar_5_usd: number | null;
  max_drawdown_usd: number;
  gas_per_episode_usd: number | null;
  fees_per_episode_usd: number | null;
  lvr_per_episode_usd: number | null;
  actions_per_episode: number | null;
}

export interface AgentStats extends StrategyStats {
  widen_pct: number | null;
  actions_by_rule: Record<string, number>;
  /** Mean alpha (agent − best baseline on the path) of the episodes where each rule fired. */
  rule_contribution_usd: Record<string, number>;
  by_regime: Record<string, { episodes: number; mean_pnl_usd: number | null; win_rate: number | null; gas_per_episode_usd: number | null; widen_pct: number | null }>;
}

export interface PairedStats {
  n: number;
  mean_diff_usd: number;
  median_diff_usd: number;
  mean_ci95_usd: [number, number];
  median_ci95_usd: [number, number];
  resamples: number;
}

export interface ConvergencePoint {
  episodes: number;
  mean_diff_usd: number;
  ci95_usd: [number, number];
  width_usd: number;
}

export interface ExperimentReport {
  schema_version: 1;
  id: string;
  name: string;
  description: string | null;
  seed: number;
  episodes_requested: number;
  /** Episodes every variant has finished (the common prefix analysed). */
  episodes_analyzed: number;
  complete: boolean;
  horizon_s: number;
  lanes: number;
  regime_mix: string;
  reference: string;
  candidates: string[];
  bootstrap_resamples: number;
  variants: Record<string, AgentStats & { description: string | null; run_id: string }>;
  baselines: Record<string, StrategyStats>;
  comparisons: Record<string, { overall: PairedStats | null; by_regime: Record<string, PairedStats | null> }>;
  convergence: Record<string, ConvergencePoint[]>;
  criteria: CriterionResult[];
  verdict: 'PASS' | 'FAIL';
  series: {
    cumulative_pnl_usd: Record<string, number[]>;
    widen_pct_rolling: Record<string, number[]>;
    paired_diff_histogram: Record<string, { edges: number[]; counts: number[] }>;
  };
  stopped_early: { at: number; reason: string } | null;
}

export interface AnalyzeParams {
  id: string;
  name: string;
  description: string | null;
  seed: number;
  episodesRequested: number;
  horizonSeconds: number;
  lanes: number;
  regimeMix: string;
  reference: string;
  candidates: string[];
  variants: Array<{ name: string; description: string | null; runId: string; rows: EpisodeMetricsRow[] }>;
  criteria: Criterion[];
  resamples: number;
  stoppedEarly?: { at: number; reason: string } | null;
}

const SECONDS_PER_YEAR = 365.25 * 86_400;
const ROLLING = 50;

function strategyStats(pnl: number[], gas: number[], fees: number[], lvr: number[], actions: number[], failed: number, horizonSeconds: number): StrategyStats {
  const s = sharpe(pnl);
  return {
    episodes: pnl.length,
    failed,
    total_pnl_usd: pnl.reduce((a, b) => a + b, 0),
    mean_pnl_usd: safeMean(pnl),
    win_rate: winRate(pnl),
    sharpe: s,
    sharpe_annualised: s === null ? null : s * Math.sqrt(SECONDS_PER_YEAR / horizonSeconds),
    cvar_5_usd: cvar(pnl, 0.05),
    max_drawdown_usd: maxDrawdown(pnl),
    gas_per_episode_usd: safeMean(gas),
    fees_per_episode_usd: safeMean(fees),
    lvr_per_episode_usd: safeMean(lvr),
    actions_per_episode: safeMean(actions),
  };
}

const ok = (r: EpisodeMetricsRow) => r.status === 'success';
const widenPct = (rows: EpisodeMetricsRow[]) => (rows.length === 0 ? null : (100 * rows.filter((r) => r.action === 'widen').length) / rows.length);

function agentStats(rows: EpisodeMetricsRow[], horizonSeconds: number): AgentStats {
  const good = rows.filter(ok);
  const base = strategyStats(good.map((r) => r.pnl_usd), good.map((r) => r.gas_cost_usd), good.map((r) => r.fees_usd), good.map((r) => r.lvr_usd), good.map((r) => r.rebalance_count), rows.length - good.length, horizonSeconds);
  const byRule = new Map<string, number[]>();
  for (const r of good) {
    const list = byRule.get(r.rule_fired ?? 'none') ?? [];
    list.push(r.alpha_usd ?? 0);
    byRule.set(r.rule_fired ?? 'none', list);
  }
  const rules = [...byRule.keys()].sort();
  const regimes = [...new Set(good.map((r) => r.regime))].sort();
  return {
    ...base,
    widen_pct: widenPct(good),
    actions_by_rule: Object.fromEntries(rules.map((k) => [k, byRule.get(k)!.length])),
    rule_contribution_usd: Object.fromEntries(rules.map((k) => [k, safeMean(byRule.get(k)!)!])),
    by_regime: Object.fromEntries(
      regimes.map((g) => {
        const sub = good.filter((r) => r.regime === g);
        return [g, { episodes: sub.length, mean_pnl_usd: safeMean(sub.map((r) => r.pnl_usd)), win_rate: winRate(sub.map((r) => r.pnl_usd)), gas_per_episode_usd: safeMean(sub.map((r) => r.gas_cost_usd)), widen_pct: widenPct(sub) }];
      }),
    ),
  };
}

function baselineStats(rows: EpisodeMetricsRow[], horizonSeconds: number): Record<string, StrategyStats> {
  const good = rows.filter(ok);
  const names = [...new Set(good.flatMap((r) => Object.keys(r.baselines)))].sort();
  return Object.fromEntries(
    names.map((n) => {
      const m = good.map((r) => r.baselines[n]).filter((x) => x !== undefined);
      return [n, strategyStats(m.map((x) => x.pnl_usd), m.map((x) => x.gas_cost_usd), m.map((x) => x.fees_usd), m.map((x) => x.lvr_usd), m.map((x) => x.rebalance_count), rows.length - good.length, horizonSeconds)];
    }),
  );
}

/** Paired differences candidate − reference grouped by lane, for the episodes both finished (optionally one regime, first `limit` episodes). */
export function pairedBlocks(candidate: EpisodeMetricsRow[], reference: EpisodeMetricsRow[], lanes: number, regime?: string, limit = Infinity): number[][] {
  const blocks: number[][] = Array.from({ length: lanes }, () => []);
  const n = Math.min(candidate.length, reference.length, limit);
  for (let i = 0; i < n; i++) {
    const c = candidate[i]!;
    const r = reference[i]!;
    if (!ok(c) || !ok(r)) continue;
    if (regime !== undefined && r.regime !== regime) continue;
    blocks[i % lanes]!.push(c.pnl_usd - r.pnl_usd);
  }
  return blocks;
}

function paired(b: BootstrapResult | null): PairedStats | null {
  if (b === null) return null;
  return { n: b.n, mean_diff_usd: b.mean, median_diff_usd: b.median, mean_ci95_usd: [b.meanCi.lo, b.meanCi.hi], median_ci95_usd: [b.medianCi.lo, b.medianCi.hi], resamples: b.resamples };
}

/** Episode counts at which the convergence table is computed: 25, 50, 100, 200, ... and the total. */
export function checkpoints(total: number): number[] {
  const out: number[] = [];
  for (let n = 25; n < total; n *= 2) out.push(n);
  out.push(total);
  return out;
}

export function convergence(candidate: EpisodeMetricsRow[], reference: EpisodeMetricsRow[], lanes: number, seed: number, label: string, resamples: number, total: number): ConvergencePoint[] {
  const points: ConvergencePoint[] = [];
  for (const n of checkpoints(total)) {
    const b = blockBootstrap(pairedBlocks(candidate, reference, lanes, undefined, n), createRng(seed).fork(`convergence:${label}:${n}`), resamples);
    if (b !== null) points.push({ episodes: n, mean_diff_usd: b.mean, ci95_usd: [b.meanCi.lo, b.meanCi.hi], width_usd: b.meanCi.hi - b.meanCi.lo });
  }
  return points;
}

/** Counts over `bins` equal bins spanning [lo, hi] (the same edges for every candidate, so their bars line up). */
function histogram(values: number[], lo: number, hi: number, bins = 30): { edges: number[]; counts: number[] } {
  if (values.length === 0) return { edges: [], counts: [] };
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts };
}

function rolling(flags: boolean[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < flags.length; i++) {
    sum += flags[i] ? 1 : 0;
    if (i >= window) sum -= flags[i - window] ? 1 : 0;
    out.push((100 * sum) / Math.min(i + 1, window));
  }
  return out;
}

export function analyzeExperiment(p: AnalyzeParams): ExperimentReport {
  const byName = new Map(p.variants.map((v) => [v.name, v]));
  const analyzed = Math.min(...p.variants.map((v) => v.rows.length));
  const rowsOf = (name: string) => byName.get(name)!.rows.slice(0, analyzed);
  const ref = rowsOf(p.reference);
  const regimes = [...new Set(ref.filter(ok).map((r) => r.regime))].sort();

  const variants: ExperimentReport['variants'] = {};
  for (const v of p.variants) variants[v.name] = { ...agentStats(rowsOf(v.name), p.horizonSeconds), description: v.description, run_id: v.runId };
  const comparisons: ExperimentReport['comparisons'] = {};
  const conv: ExperimentReport['convergence'] = {};
  const histograms: ExperimentReport['series']['paired_diff_histogram'] = {};
  for (const c of p.candidates) {
    const cand = rowsOf(c);
    const boot = (regime?: string) => paired(blockBootstrap(pairedBlocks(cand, ref, p.lanes, regime), createRng(p.seed).fork(`bootstrap:${c}:${regime ?? 'all'}`), p.resamples));
    comparisons[c] = { overall: boot(), by_regime: Object.fromEntries(regimes.map((g) => [g, boot(g)])) };
    conv[c] = analyzed > 0 ? convergence(cand, ref, p.lanes, p.seed, c, p.resamples, analyzed) : [];
  }
  const diffs = new Map(p.candidates.map((c) => [c, pairedBlocks(rowsOf(c), ref, p.lanes).flat()]));
  const all = [...diffs.values()].flat();
  for (const c of p.candidates) histograms[c] = histogram(diffs.get(c)!, Math.min(...all), Math.max(...all));
  const criteria = evaluateCriteria({ criteria: p.criteria, reference: p.reference, candidates: p.candidates, variants, comparisons, rows: Object.fromEntries(p.variants.map((v) => [v.name, rowsOf(v.name)])) });
  const cumulative = (rows: EpisodeMetricsRow[]) => {
    let sum = 0;
    return rows.map((r) => (sum += ok(r) ? r.pnl_usd : 0));
  };
  return {
    schema_version: 1,
    id: p.id,
    name: p.name,
    description: p.description,
    seed: p.seed,
    episodes_requested: p.episodesRequested,
    episodes_analyzed: analyzed,
    complete: analyzed === p.episodesRequested,
    horizon_s: p.horizonSeconds,
    lanes: p.lanes,
    regime_mix: p.regimeMix,
    reference: p.reference,
    candidates: p.candidates,
    bootstrap_resamples: p.resamples,
    variants,
    baselines: baselineStats(ref, p.horizonSeconds),
    comparisons,
    convergence: conv,
    criteria,
    verdict: criteria.every((c) => c.pass) ? 'PASS' : 'FAIL',
    series: {
      cumulative_pnl_usd: Object.fromEntries(p.variants.map((v) => [v.name, cumulative(rowsOf(v.name))])),
      widen_pct_rolling: Object.fromEntries(p.variants.map((v) => [v.name, rolling(rowsOf(v.name).map((r) => r.action === 'widen'), ROLLING)])),
      paired_diff_histogram: histograms,
    },
    stopped_early: p.stoppedEarly ?? null,
  };
}
