/**
 * The one writer's one schema of `metrics_summary.json`, computed from `episode_metrics.jsonl` in
 * episode-index order (so float sums are the same bytes whoever computes them: the campaign at its
 * end, or `clmm-lab metrics --write` later). `pnl_usd` is already net of gas; nothing here subtracts
 * gas again.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { readArtifactLines, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import type { StrategyMetrics } from '../store/artifacts/episodeFiles.ts';
import { episodeMetricsRowSchema, type EpisodeMetricsRow, type MetricsSummary, type StrategySummary } from '../store/artifacts/metricsFiles.ts';

export type { StrategySummary };
export const AGENT = 'agent';

/** Running mean and variance (Welford), and totals. */
class Stat {
  n = 0;
  sum = 0;
  private mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    this.sum += x;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  /** Mean with a normal 95% confidence interval (null below two samples). */
  summary(): { total: number; mean: number | null; ci95: [number, number] | null } {
    if (this.n === 0) return { total: 0, mean: null, ci95: null };
    const mean = this.sum / this.n;
    if (this.n < 2) return { total: this.sum, mean, ci95: null };
    const half = 1.96 * Math.sqrt(this.m2 / (this.n - 1) / this.n);
    return { total: this.sum, mean, ci95: [mean - half, mean + half] };
  }
}

/** Per-strategy sums of one group (a regime, or the whole run). */
class StrategyGroup {
  readonly pnl = new Stat();
  fees = 0;
  lvr = 0;
  il = 0;
  gas = 0;
  swapCost = 0;
  actions = 0;
  oor = new Stat();

  add(m: Pick<StrategyMetrics, 'pnl_usd' | 'fees_usd' | 'lvr_usd' | 'il_usd' | 'gas_cost_usd' | 'swap_cost_usd' | 'rebalance_count' | 'out_of_range_pct'>): void {
    this.pnl.add(m.pnl_usd);
    this.fees += m.fees_usd;
    this.lvr += m.lvr_usd;
    this.il += m.il_usd;
    this.gas += m.gas_cost_usd;
    this.swapCost += m.swap_cost_usd;
    this.actions += m.rebalance_count;
    this.oor.add(m.out_of_range_pct);
  }

  summary(): StrategySummary {
    const pnl = this.pnl.summary();
    return {
      episodes: this.pnl.n,
      total_pnl_usd: pnl.total,
      mean_pnl_usd: pnl.mean,
      pnl_ci95_usd: pnl.ci95,
      total_fees_usd: this.fees,
      total_lvr_usd: this.lvr,
      total_il_usd: this.il,
      total_gas_usd: this.gas,
      total_swap_cost_usd: this.swapCost,
      actions: this.actions,
      mean_out_of_range_pct: this.oor.summary().mean,
    };
  }
}

function groupMap(): Map<string, StrategyGroup> {
  return new Map();
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function sortedObject<V, R>(map: Map<string, V>, f: (v: V) => R): Record<string, R> {
  return Object.fromEntries([...map.keys()].sort().map((k) => [k, f(map.get(k)!)]));
}

/** Accumulates rows in index order; `finish` gives the summary. */
export class MetricsSummaryBuilder {
  private total = 0;
  private successful = 0;
  private failed = 0;
  private skipped = 0;
  private readonly all = groupMap();
  private readonly byRegime = new Map<string, Map<string, StrategyGroup>>();
  private readonly byAction = new Map<string, { count: number; pnl: number; fees: number; gas: number }>();
  private readonly byRule = new Map<string, { count: number; pnl: number; fees: number; gas: number; gated: number }>();
  private readonly alpha = new Stat();
  private readonly alphaByRegime = new Map<string, Stat>();
  private alphaWins = 0;
  private reward = 0;
  private engineSwaps = 0;
  private readonly bestCounts = new Map<string, number>();
  private nextIndex = 0;

  constructor(private readonly runId: string) {}

  add(row: EpisodeMetricsRow): void {
    if (row.index !== this.nextIndex) throw new ClmmLabError('ARTIFACT_INVALID', `episode_metrics.jsonl: rows out of order: expected index ${this.nextIndex}, got ${row.index} (${row.episode_id})`, { details: { field: 'index', expected: this.nextIndex, got: row.index } });
    this.nextIndex++;
    this.total++;
    this.engineSwaps += row.engine_swaps;
    if (row.status === 'failed') {
      this.failed++;
      return;
    }
    if (row.status === 'skipped') {
      this.skipped++;
      return;
    }
    this.successful++;
    const regime = getOr(this.byRegime, row.regime, groupMap);
    const agent: StrategyMetrics = { ...row, out_of_range_pct: row.out_of_range_pct ?? 0, action_applied: row.action_applied ?? 'hold' };
    for (const [name, m] of [[AGENT, agent] as const, ...Object.entries(row.baselines)]) {
      getOr(this.all, name, () => new StrategyGroup()).add(m);
      getOr(regime, name, () => new StrategyGroup()).add(m);
    }
    const action = row.action ?? 'none';
    const a = getOr(this.byAction, action, () => ({ count: 0, pnl: 0, fees: 0, gas: 0 }));
    a.count++;
    a.pnl += row.pnl_usd;
    a.fees += row.fees_usd;
    a.gas += row.gas_cost_usd;
    const r = getOr(this.byRule, row.rule_fired ?? 'none', () => ({ count: 0, pnl: 0, fees: 0, gas: 0, gated: 0 }));
    r.count++;
    r.pnl += row.pnl_usd;
    r.fees += row.fees_usd;
    r.gas += row.gas_cost_usd;
    if (row.ev_gate_passed === false) r.gated++;
    if (row.alpha_usd !== null) {
      this.alpha.add(row.alpha_usd);
      getOr(this.alphaByRegime, row.regime, () => new Stat()).add(row.alpha_usd);
      if (row.alpha_usd > 0) this.alphaWins++;
    }
    this.reward += row.reward_total ?? 0;
    if (row.best_baseline_name !== null) this.bestCounts.set(row.best_baseline_name, (this.bestCounts.get(row.best_baseline_name) ?? 0) + 1);
  }

  finish(): MetricsSummary {
    const agent = this.all.get(AGENT)?.summary() ?? new StrategyGroup().summary();
    const alpha = this.alpha.summary();
    const actionCount = (name: string) => this.byAction.get(name)?.count ?? 0;
    const widenPct = this.successful === 0 ? 0 : (100 * actionCount('widen')) / this.successful;
    return {
      schema_version: SCHEMA_VERSION,
      run_id: this.runId,
      total_episodes: this.total,
      successful: this.successful,
      failed: this.failed,
      skipped: this.skipped,
      total_pnl_usd: agent.total_pnl_usd,
      total_fees_usd: agent.total_fees_usd,
      total_gas_usd: agent.total_gas_usd,
      total_lvr_usd: agent.total_lvr_usd,
      total_il_usd: agent.total_il_usd,
      total_swap_cost_usd: agent.total_swap_cost_usd,
      mean_pnl_usd: agent.mean_pnl_usd,
      pnl_ci95_usd: agent.pnl_ci95_usd,
      pnl_is_net_of_gas: true,
      total_alpha_usd: alpha.total,
      mean_alpha_usd: alpha.mean,
      alpha_ci95_usd: alpha.ci95,
      alpha_win_rate: this.alpha.n === 0 ? null : this.alphaWins / this.alpha.n,
      total_reward: this.reward,
      widen_pct: widenPct,
      total_engine_swaps: this.engineSwaps,
      by_regime: sortedObject(this.byRegime, (groups) => {
        const s = groups.get(AGENT)!.summary();
        return {
          episodes: s.episodes,
          pnl_usd: s.total_pnl_usd,
          mean_pnl_usd: s.mean_pnl_usd,
          pnl_ci95_usd: s.pnl_ci95_usd,
          fees_usd: s.total_fees_usd,
          lvr_usd: s.total_lvr_usd,
          gas_usd: s.total_gas_usd,
          actions: s.actions,
          strategies: sortedObject(groups, (g) => g.summary()),
        };
      }),
      alpha_by_regime: sortedObject(this.alphaByRegime, (st) => {
        const s = st.summary();
        return { total_usd: s.total, mean_usd: s.mean, ci95_usd: s.ci95 };
      }),
      by_action: {
        ...sortedObject(this.byAction, (a) => ({ count: a.count, pct: this.successful === 0 ? 0 : (100 * a.count) / this.successful, pnl_usd: a.pnl, fees_usd: a.fees, gas_usd: a.gas })),
        widen_pct: widenPct,
      },
      by_rule: sortedObject(this.byRule, (r) => ({ count: r.count, pnl_usd: r.pnl, mean_pnl_usd: r.pnl / r.count, fees_usd: r.fees, gas_usd: r.gas, ev_gate_blocked: r.gated })),
      baselines: sortedObject(new Map([...this.all].filter(([k]) => k !== AGENT)), (g) => g.summary()),
      best_baseline_counts: sortedObject(this.bestCounts, (n) => n),
    };
  }
}

/**
 * Parses and validates `episode_metrics.jsonl` (`file` names it in errors, with the line); a
 * trailing partial line (a write cut by SIGKILL) is ignored.
 */
export function parseEpisodeMetrics(text: string, file: string): EpisodeMetricsRow[] {
  return readArtifactLines(episodeMetricsRowSchema, text, file);
}

export function summarize(runId: string, rows: Iterable<EpisodeMetricsRow>): MetricsSummary {
  const b = new MetricsSummaryBuilder(runId);
  for (const row of rows) b.add(row);
  return b.finish();
}
