/**
 * A self-contained HTML report page: Chart.js and the data inlined, so the file opens offline. The
 * chart script reads the data from the `report-data` block and sets `body[data-charts-ready]` when
 * every chart is drawn (the report tests wait for it in headless Chromium).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON for a `<script type="application/json">` block: '<' is escaped so no value can close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function chartJsSource(): string {
  const require = createRequire(import.meta.url);
  // the package exports no subpath for its browser bundle; it sits beside the main file
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
}

/** Shared chart helpers for the page scripts: a palette, and Chart.js without animation at a fixed size. */
export const CHART_PRELUDE = `
const R = JSON.parse(document.getElementById('report-data').textContent);
Chart.defaults.animation = false;
Chart.defaults.responsive = false;
const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const color = (i) => palette[i % palette.length];
const line = (id, labels, datasets, x, y) => new Chart(document.getElementById(id), { type: 'line', data: { labels, datasets }, options: { plugins: { legend: { position: 'bottom' } }, elements: { point: { radius: 0 } }, scales: { x: { title: { display: true, text: x } }, y: { title: { display: true, text: y } } } } });
`;

export function chartCanvases(charts: Array<[id: string, title: string]>): string {
  return charts.map(([id, title]) => `<figure><figcaption>${escapeHtml(title)}</figcaption><canvas id="${id}" width="900" height="360"></canvas></figure>`).join('\n');
}

export function htmlPage(p: { title: string; body: string; data: unknown; script: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:0 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}.PASS{color:#1a7f37}.FAIL{color:#cf222e}figure{margin:1em 0}</style>
</head><body>
<h1>${escapeHtml(p.title)}</h1>
${p.body}
<script id="report-data" type="application/json">${jsonForScript(p.data)}</script>
<script>${chartJsSource()}</script>
<script>${CHART_PRELUDE}${p.script}
document.body.dataset.chartsReady = String(document.querySelectorAll('canvas').length);</script>
</body></html>
`;
}

/** An HTML table. */
export function htmlTable(t: { title: string; header: string[]; rows: string[][] }): string {
  return `<h2>${escapeHtml(t.title)}</h2><table><thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
