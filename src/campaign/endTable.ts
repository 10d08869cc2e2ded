/**
 * The table a campaign prints at its end: per drawn regime, the agent and each baseline on the same
 * paths (mean net PnL per episode with its 95% CI, and totals of fees, LVR, gas and paid actions).
 */
import type { MetricsSummary } from '../store/artifacts/metricsFiles.ts';

function money(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

function ci(c: [number, number] | null): string {
  return c === null ? '—' : `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]`;
}

/** The table's cells: per regime, the agent first, then the baselines. */
export function endTableRows(summary: MetricsSummary): { header: string[]; rows: string[][] } {
  const byRegime = summary.by_regime;
  const header = ['regime', 'strategy', 'eps', 'net PnL/ep', '95% CI', 'fees', 'LVR', 'gas', 'actions'];
  const rows: string[][] = [];
  for (const [regime, block] of Object.entries(byRegime)) {
    const names = Object.keys(block.strategies).sort((a, b) => (a === 'agent' ? -1 : b === 'agent' ? 1 : a < b ? -1 : 1));
    for (const name of names) {
      const s = block.strategies[name]!;
      rows.push([regime, name, String(s.episodes), money(s.mean_pnl_usd), ci(s.pnl_ci95_usd), money(s.total_fees_usd), money(s.total_lvr_usd), money(s.total_gas_usd), String(s.actions)]);
    }
  }
  return { header, rows };
}

export function formatEndTable(summary: MetricsSummary): string[] {
  const { header, rows } = endTableRows(summary);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (last !== '' && r[0] !== last) out.push('');
    last = r[0]!;
    out.push(line(r));
  }
  return out;
}
