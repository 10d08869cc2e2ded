/**
 * `report.html` of a run: the agent against every baseline in pictures (cumulative net PnL over
 * the episodes, mean net PnL per regime, the agent's actions per regime, fees / LVR / gas per
 * strategy) and the per-regime table. Rendered from `episode_metrics.jsonl` and the summary only, so
 * it is deterministic and `clmm-lab metrics --write` renders the same bytes.
 */
import type { EpisodeMetricsRow, MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { chartCanvases, escapeHtml, htmlPage, htmlTable } from './htmlPage.ts';
import { AGENT, type StrategySummary } from './metricsSummary.ts';
import { endTableRows } from './endTable.ts';

interface RegimeBlock {
  episodes: number;
  strategies: Record<string, StrategySummary>;
}

const SCRIPT = `
const names = R.strategies;
const idx = Array.from({ length: R.cumulative[names[0]].length }, (_, i) => i + 1);
line('chart-cumulative', idx, names.map((n, i) => ({ label: n, data: R.cumulative[n], borderColor: color(i), borderWidth: n === 'agent' ? 3 : 1.2 })), 'episode', 'cumulative net PnL (USD)');
new Chart(document.getElementById('chart-regimes'), { type: 'bar', data: { labels: R.regimes, datasets: names.map((n, i) => ({ label: n, data: R.regimes.map((g) => R.meanByRegime[g][n] ?? null), backgroundColor: color(i) })) }, options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { title: { display: true, text: 'mean net PnL per episode (USD)' } } } } });
new Chart(document.getElementById('chart-actions'), { type: 'bar', data: { labels: R.regimes, datasets: R.actions.map((a, i) => ({ label: a, data: R.regimes.map((g) => R.actionsByRegime[g][a] ?? 0), backgroundColor: color(i) })) }, options: { plugins: { legend: { position: 'bottom' } }, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'agent episodes' } } } } });
new Chart(document.getElementById('chart-attribution'), { type: 'bar', data: { labels: names, datasets: [['fees', 'fees_usd'], ['LVR', 'lvr_usd'], ['gas', 'gas_usd']].map(([label, key], i) => ({ label, data: names.map((n) => R.totals[n][key]), backgroundColor: color(i) })) }, options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { title: { display: true, text: 'total over the run (USD)' } } } } });
`;

export function renderCampaignHtml(runId: string, summary: MetricsSummary, rows: EpisodeMetricsRow[]): string {
  const good = rows.filter((r) => r.status === 'success');
  const baselineNames = [...new Set(good.flatMap((r) => Object.keys(r.baselines)))].sort();
  const strategies = [AGENT, ...baselineNames];
  const cumulative: Record<string, number[]> = Object.fromEntries(strategies.map((n) => [n, []]));
  const sums: Record<string, number> = Object.fromEntries(strategies.map((n) => [n, 0]));
  for (const r of rows) {
    for (const n of strategies) {
      const pnl = r.status !== 'success' ? 0 : n === AGENT ? r.pnl_usd : (r.baselines[n]?.pnl_usd ?? 0);
      sums[n]! += pnl;
      cumulative[n]!.push(sums[n]!);
    }
  }
  const byRegime = summary.by_regime as Record<string, RegimeBlock>;
  const regimes = Object.keys(byRegime);
  const actions = [...new Set(good.map((r) => r.action ?? 'none'))].sort();
  const actionsByRegime = Object.fromEntries(regimes.map((g) => [g, Object.fromEntries(actions.map((a) => [a, good.filter((r) => r.regime === g && (r.action ?? 'none') === a).length]))]));
  const meanByRegime = Object.fromEntries(regimes.map((g) => [g, Object.fromEntries(strategies.map((n) => [n, byRegime[g]!.strategies[n]?.mean_pnl_usd ?? null]))]));
  const totals = Object.fromEntries(
    strategies.map((n) => {
      const ofRegimes = regimes.map((g) => byRegime[g]!.strategies[n]).filter((s): s is StrategySummary => s !== undefined);
      const total = (k: 'total_fees_usd' | 'total_lvr_usd' | 'total_gas_usd') => ofRegimes.reduce((a, s) => a + s[k], 0);
      return [n, { fees_usd: total('total_fees_usd'), lvr_usd: total('total_lvr_usd'), gas_usd: total('total_gas_usd') }];
    }),
  );
  const body = [
    `<p>${escapeHtml(`${summary.total_episodes as number} episodes (${summary.successful as number} successful, ${summary.failed as number} failed, ${summary.skipped as number} skipped). Every strategy ran on the same market path in each episode; net PnL is after gas.`)}</p>`,
    chartCanvases([
      ['chart-cumulative', 'Cumulative net PnL: the agent and every baseline'],
      ['chart-regimes', 'Mean net PnL per episode, by drawn regime'],
      ['chart-actions', "The agent's actions by drawn regime"],
      ['chart-attribution', 'Fees earned, LVR and gas paid over the run'],
    ]),
    htmlTable({ title: 'Per drawn regime (net PnL per episode with its 95% CI; fees, LVR and gas totals in USD; paid actions)', ...endTableRows(summary) }),
  ].join('\n');
  return htmlPage({ title: `Run ${runId}`, body, data: { strategies, regimes, actions, cumulative, meanByRegime, actionsByRegime, totals }, script: SCRIPT });
}
