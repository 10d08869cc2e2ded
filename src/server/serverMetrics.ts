/**
 * `/metrics`: the data dir's runs and the intel cache as Prometheus gauges, in a prom-client
 * Registry of this app (never the global default). Every scrape reads the files again, resets the
 * gauges and sets them, so a run that leaves the per-run set leaves no stale series. Label
 * cardinality is bounded: per-run series (label `run_id`) exist only for running runs and the
 * `finishedRunsCap` most recent others; the `clmm_all_runs_*` totals cover every run. Actions and
 * rules are the agent's (a fixed set), intel series one per registry query and scope. Scrapes are
 * serialised so two never interleave their resets.
 */
import { Gauge, Registry } from 'prom-client';
import { listRunIds, readRunState, RUN_STATUSES } from '../campaign/runStatus.ts';
import { QUALITIES } from '../intel/cache/quality.ts';
import type { IntelStatus } from '../intel/scheduler/status.ts';
import { outOfRangePct, runFigures, runsWithSeries, sumFigures, widenPct, type Figures, type RunFigures } from './runFigures.ts';

export interface ServerMetricsOptions {
  dataDir: string;
  finishedRunsCap: number;
  intelStatus: () => Promise<IntelStatus>;
}

type Gauges = ReturnType<typeof makeGauges>;

function makeGauges(registry: Registry) {
  const g = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const run = ['run_id'] as const;
  return {
    runInfo: g('clmm_run_info', 'A run with its own series: 1, with its status and market', ['run_id', 'status', 'market'] as const),
    runEpisodes: g('clmm_run_episodes', 'Episodes the run was asked for', run),
    runDone: g('clmm_run_episodes_done', 'Episodes finished (successful, failed or skipped)', run),
    runFailed: g('clmm_run_episodes_failed', 'Episodes that failed', run),
    runPnl: g('clmm_run_net_pnl_usd', "The agent's net PnL (after gas), USD", run),
    runFees: g('clmm_run_fees_usd', "The agent's fees earned, USD", run),
    runGas: g('clmm_run_gas_spent_usd', "The agent's gas spent, USD", run),
    runAlpha: g('clmm_run_alpha_usd', "The agent's net PnL minus the best baseline's on the same paths, USD", run),
    runActions: g('clmm_run_actions', 'Episodes by the agent action (none: no action)', ['run_id', 'action'] as const),
    runRules: g('clmm_run_rule_fired', 'Episodes by the rule that fired', ['run_id', 'rule'] as const),
    runWiden: g('clmm_run_widen_pct', 'Widen actions per successful episode, %', run),
    runOor: g('clmm_run_out_of_range_pct', "Mean share of the window the agent's range was out of range, %", run),
    runs: g('clmm_runs', 'Runs in the data dir by status', ['status'] as const),
    runsWithoutSeries: g('clmm_runs_without_series', 'Finished runs beyond the per-run cap: in the clmm_all_runs_* totals only'),
    allDone: g('clmm_all_runs_episodes_done', 'Episodes finished, over every run'),
    allFailed: g('clmm_all_runs_episodes_failed', 'Episodes failed, over every run'),
    allPnl: g('clmm_all_runs_net_pnl_usd', "The agent's net PnL over every run, USD"),
    allFees: g('clmm_all_runs_fees_usd', "The agent's fees over every run, USD"),
    allGas: g('clmm_all_runs_gas_spent_usd', "The agent's gas spent over every run, USD"),
    allAlpha: g('clmm_all_runs_alpha_usd', "The agent's alpha over every run, USD"),
    allActions: g('clmm_all_runs_actions', 'Episodes by agent action, over every run', ['action'] as const),
    allRules: g('clmm_all_runs_rule_fired', 'Episodes by rule fired, over every run', ['rule'] as const),
    allWiden: g('clmm_all_runs_widen_pct', 'Widen actions per successful episode over every run, %'),
    allOor: g('clmm_all_runs_out_of_range_pct', 'Mean out-of-range % over every successful episode of every run'),
    intelUp: g('clmm_intel_status_up', '1 when the intel cache could be read for this scrape, else 0'),
    intelQuality: g('clmm_intel_quality', 'Quality of a cached Dune query result: 1 for its current quality, 0 for the others', ['query', 'priority', 'scope', 'quality'] as const),
    intelAge: g('clmm_intel_age_seconds', 'Age of a cached Dune query result (absent when missing)', ['query', 'priority', 'scope'] as const),
    creditsToday: g('clmm_intel_credits_today', 'Dune credits the scheduler spent today (UTC)'),
    creditsTotal: g('clmm_intel_credits_total', 'Dune credits the scheduler has spent in all'),
    creditsBudget: g('clmm_intel_daily_credit_budget', 'Dune credits the scheduler may spend per UTC day'),
  };
}

function setRun(g: Gauges, r: RunFigures): void {
  const l = { run_id: r.runId };
  g.runInfo.set({ ...l, status: r.status, market: r.market }, 1);
  g.runEpisodes.set(l, r.episodes);
  g.runDone.set(l, r.episodesDone);
  g.runFailed.set(l, r.episodesFailed);
  g.runPnl.set(l, r.netPnlUsd);
  g.runFees.set(l, r.feesUsd);
  g.runGas.set(l, r.gasUsd);
  g.runAlpha.set(l, r.alphaUsd);
  for (const [action, n] of r.actions) g.runActions.set({ ...l, action }, n);
  for (const [rule, n] of r.rules) g.runRules.set({ ...l, rule }, n);
  g.runWiden.set(l, widenPct(r));
  g.runOor.set(l, outOfRangePct(r));
}

function setTotals(g: Gauges, t: Figures): void {
  g.allDone.set(t.episodesDone);
  g.allFailed.set(t.episodesFailed);
  g.allPnl.set(t.netPnlUsd);
  g.allFees.set(t.feesUsd);
  g.allGas.set(t.gasUsd);
  g.allAlpha.set(t.alphaUsd);
  for (const [action, n] of t.actions) g.allActions.set({ action }, n);
  for (const [rule, n] of t.rules) g.allRules.set({ rule }, n);
  g.allWiden.set(widenPct(t));
  g.allOor.set(outOfRangePct(t));
}

function setIntel(g: Gauges, s: IntelStatus): void {
  g.intelUp.set(1);
  for (const row of s.rows) {
    const l = { query: row.query, priority: row.priority, scope: row.scope_id };
    for (const q of QUALITIES) g.intelQuality.set({ ...l, quality: q }, row.quality === q ? 1 : 0);
    if (row.age_s !== null) g.intelAge.set(l, row.age_s);
  }
  g.creditsToday.set(s.credits.today);
  g.creditsTotal.set(s.credits.total);
  g.creditsBudget.set(s.credits.daily_budget);
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;
  private readonly gauges = makeGauges(this.registry);
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ServerMetricsOptions) {}

  /** The exposition text of one scrape. */
  scrape(): Promise<string> {
    const next = this.last.then(() => this.collect());
    this.last = next.catch(() => undefined);
    return next;
  }

  private async collect(): Promise<string> {
    let intel: IntelStatus | null = null;
    try {
      intel = await this.o.intelStatus();
    } catch {
      // the cache is down: the runs are still exported, clmm_intel_status_up says so
    }
    const states = listRunIds(this.o.dataDir).map((id) => readRunState(this.o.dataDir, id));
    const figures = states.map((s) => runFigures(this.o.dataDir, s)).filter((f): f is RunFigures => f !== null);
    const withSeries = runsWithSeries(figures, this.o.finishedRunsCap);
    const g = this.gauges;
    this.registry.resetMetrics();
    for (const status of RUN_STATUSES) g.runs.set({ status }, states.filter((s) => s.status === status).length);
    g.runsWithoutSeries.set(figures.length - withSeries.length);
    for (const r of withSeries) setRun(g, r);
    setTotals(g, sumFigures(figures));
    if (intel === null) g.intelUp.set(0);
    else setIntel(g, intel);
    return this.registry.metrics();
  }
}
