/**
 * The experiment report as Markdown (for a pull request) and as one self-contained HTML file with
 * charts (Chart.js inlined, data inlined: it opens offline). Both are rendered from report.json alone,
 * so `clmm-lab report ID` re-renders them from the artifacts.
 */
import { chartCanvases, escapeHtml, htmlPage, htmlTable } from '../campaign/htmlPage.ts';
import type { ExperimentReport, PairedStats, StrategyStats } from './analyze.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const ci = (c: [number, number]) => `[${signed(c[0])}, ${signed(c[1])}]`;

function strategyRow(name: string, s: StrategyStats, widen: number | null): string[] {
  return [name, String(s.episodes), f2(s.mean_pnl_usd), f2(s.total_pnl_usd), pct(s.win_rate), f2(s.sharpe), f2(s.sharpe_annualised), f2(s.cvar_5_usd), f2(s.max_drawdown_usd), f2(s.gas_per_episode_usd), f2(s.fees_per_episode_usd), f2(s.lvr_per_episode_usd), widen === null ? '—' : `${widen.toFixed(1)}%`];
}

function pairedRow(candidate: string, scope: string, s: PairedStats | null): string[] {
  return s === null ? [candidate, scope, '0', '—', '—', '—', '—'] : [candidate, scope, String(s.n), signed(s.mean_diff_usd), ci(s.mean_ci95_usd), signed(s.median_diff_usd), ci(s.median_ci95_usd)];
}

export function reportTables(r: ExperimentReport): Table[] {
  const tables: Table[] = [];
  tables.push({
    title: 'Variants and baselines (per-episode net PnL, USD; baselines from the reference run, identical paths)',
    header: ['strategy', 'episodes', 'mean net PnL', 'total net PnL', 'win rate', 'Sharpe', 'Sharpe (annualised)', 'CVaR 5%', 'max drawdown', 'gas/episode', 'fees/episode', 'LVR/episode', 'widen %'],
    rows: [
      ...Object.entries(r.variants).map(([n, s]) => strategyRow(`${n}${n === r.reference ? ' (reference)' : ''}`, s, s.widen_pct)),
      ...Object.entries(r.baselines).map(([n, s]) => strategyRow(n, s, null)),
    ],
  });
  tables.push({
    title: `Paired net PnL difference vs ${r.reference} (USD per episode; 95% CIs from a lane-block bootstrap, ${r.bootstrap_resamples} resamples)`,
    header: ['candidate', 'regime', 'paired episodes', 'mean diff', 'mean 95% CI', 'median diff', 'median 95% CI'],
    rows: Object.entries(r.comparisons).flatMap(([c, cmp]) => [pairedRow(c, 'all', cmp.overall), ...Object.entries(cmp.by_regime).map(([g, s]) => pairedRow(c, g, s))]),
  });
  tables.push({
    title: 'Per regime (mean net PnL per episode, USD)',
    header: ['variant', 'regime', 'episodes', 'mean net PnL', 'win rate', 'gas/episode', 'widen %'],
    rows: Object.entries(r.variants).flatMap(([n, s]) => Object.entries(s.by_regime).map(([g, b]) => [n, g, String(b.episodes), f2(b.mean_pnl_usd), pct(b.win_rate), f2(b.gas_per_episode_usd), b.widen_pct === null ? '—' : `${b.widen_pct.toFixed(1)}%`])),
  });
  tables.push({
    title: 'CI convergence (paired mean difference as episodes accumulate)',
    header: ['candidate', 'episodes', 'mean diff', '95% CI', 'CI width'],
    rows: Object.entries(r.convergence).flatMap(([c, pts]) => pts.map((p) => [c, String(p.episodes), signed(p.mean_diff_usd), ci(p.ci95_usd), p.width_usd.toFixed(2)])),
  });
  tables.push({
    title: 'Rules: how often each fired and its contribution (mean alpha vs the best baseline on the path, USD)',
    header: ['variant', 'rule', 'episodes', 'mean alpha'],
    rows: Object.entries(r.variants).flatMap(([n, s]) => Object.entries(s.actions_by_rule).map(([rule, count]) => [n, rule, String(count), f2(s.rule_contribution_usd[rule])])),
  });
  return tables;
}

function summaryLines(r: ExperimentReport): string[] {
  return [
    `Seed ${r.seed}; ${r.episodes_analyzed} of ${r.episodes_requested} episodes per variant analysed${r.complete ? '' : ' (incomplete)'}; ${r.lanes} lanes; ${r.horizon_s / 3600}-hour episodes; market regime mix ${r.regime_mix}.`,
    `Reference ${r.reference}; candidates ${r.candidates.join(', ')}. Every variant ran on the identical market paths; differences are paired by episode.`,
    ...(r.stopped_early === null ? [] : [`Stopped early at ${r.stopped_early.at} episodes: ${r.stopped_early.reason}.`]),
  ];
}

export function renderMarkdown(r: ExperimentReport): string {
  const out = [`# Experiment ${r.name} (${r.id})`, ''];
  if (r.description !== null) out.push(r.description, '');
  out.push(...summaryLines(r), '', '## Criteria', '', '```', ...r.criteria.map((c) => c.line), `verdict: ${r.verdict}`, '```', '');
  for (const t of reportTables(r)) {
    out.push(`## ${t.title}`, '', `| ${t.header.join(' | ')} |`, `| ${t.header.map(() => '---').join(' | ')} |`, ...t.rows.map((row) => `| ${row.join(' | ')} |`), '');
  }
  return out.join('\n');
}

/** The charts, drawn in the page from the inlined report data. */
const CHARTS_SCRIPT = `
const names = Object.keys(R.series.cumulative_pnl_usd);
const n = R.episodes_analyzed;
const idx = Array.from({ length: n }, (_, i) => i + 1);
line('chart-cumulative', idx, names.map((v, i) => ({ label: v, data: R.series.cumulative_pnl_usd[v], borderColor: color(i), borderWidth: 1.5 })), 'episode', 'cumulative net PnL (USD)');
const cands = Object.keys(R.series.paired_diff_histogram);
const h0 = R.series.paired_diff_histogram[cands[0]];
new Chart(document.getElementById('chart-diffs'), { type: 'bar', data: { labels: (h0.edges.length ? h0.edges.slice(0, -1) : []).map((e, i) => ((e + h0.edges[i + 1]) / 2).toFixed(1)), datasets: cands.map((c) => ({ label: c + ' − ' + R.reference, data: R.series.paired_diff_histogram[c].counts, backgroundColor: color(names.indexOf(c)) + '99' })) }, options: { plugins: { legend: { position: 'bottom' } }, scales: { x: { title: { display: true, text: 'paired net PnL difference (USD/episode)' } }, y: { title: { display: true, text: 'episodes' } } } } });
const convDatasets = [];
Object.entries(R.convergence).forEach(([c, pts]) => {
  const i = names.indexOf(c); // the variant's colour in every chart
  convDatasets.push({ label: c + ' mean diff', data: pts.map((p) => ({ x: p.episodes, y: p.mean_diff_usd })), borderColor: color(i), borderWidth: 2 });
  convDatasets.push({ label: c + ' 95% CI low', data: pts.map((p) => ({ x: p.episodes, y: p.ci95_usd[0] })), borderColor: color(i), borderDash: [4, 4], borderWidth: 1 });
  convDatasets.push({ label: c + ' 95% CI high', data: pts.map((p) => ({ x: p.episodes, y: p.ci95_usd[1] })), borderColor: color(i), borderDash: [4, 4], borderWidth: 1 });
});
new Chart(document.getElementById('chart-convergence'), { type: 'line', data: { datasets: convDatasets }, options: { elements: { point: { radius: 3 } }, plugins: { legend: { position: 'bottom' } }, scales: { x: { type: 'logarithmic', title: { display: true, text: 'episodes' } }, y: { title: { display: true, text: 'paired mean difference (USD/episode)' } } } } });
const rules = [...new Set(names.flatMap((v) => Object.keys(R.variants[v].rule_contribution_usd)))].sort();
new Chart(document.getElementById('chart-rules'), { type: 'bar', data: { labels: rules, datasets: names.map((v, i) => ({ label: v, data: rules.map((r) => R.variants[v].rule_contribution_usd[r] ?? null), backgroundColor: color(i) })) }, options: { indexAxis: 'y', plugins: { legend: { position: 'bottom' } }, scales: { x: { title: { display: true, text: 'mean alpha where the rule fired (USD)' } } } } });
line('chart-widen', idx, names.map((v, i) => ({ label: v, data: R.series.widen_pct_rolling[v], borderColor: color(i), borderWidth: 1.5 })), 'episode', 'widen % (rolling 50 episodes)');
`;

export function renderHtml(r: ExperimentReport): string {
  const title = `Experiment ${r.name} (${r.id})`;
  const body = [
    r.description === null ? '' : `<p>${escapeHtml(r.description)}</p>`,
    ...summaryLines(r).map((l) => `<p>${escapeHtml(l)}</p>`),
    '<h2>Criteria</h2>',
    `<pre>${r.criteria.map((c) => `<span class="${c.pass ? 'PASS' : 'FAIL'}">${escapeHtml(c.line)}</span>`).join('\n')}\n<b>verdict: <span class="${r.verdict}">${r.verdict}</span></b></pre>`,
    chartCanvases([
      ['chart-cumulative', 'Cumulative net PnL per variant'],
      ['chart-diffs', `Distribution of paired differences vs ${r.reference}`],
      ['chart-convergence', 'CI convergence'],
      ['chart-rules', 'Per-rule contribution'],
      ['chart-widen', 'Widen % over episodes'],
    ]),
    ...reportTables(r).map(htmlTable),
  ].join('\n');
  return htmlPage({ title, body, data: r, script: CHARTS_SCRIPT });
}
