/**
 * Time windows over recent swaps (1h / 6h / 24h) and pool metrics (6h / 24h). In the original
 * these were unregistered keys (`swaps_for_pair`, `pool_metrics`) that nothing refreshed, so they
 * were always missing. Here every window is derived from a REGISTERED, enabled-by-default query
 * (`pool_hourly_fees`, P0, hourly rows), which the scheduler keeps fresh for every active pool;
 * a window inherits its source's quality.
 */
import { parseTimestamp } from '../clock.ts';
import { getQuery, type Registry } from '../registry.ts';
import type { IntelScope } from '../scope.ts';
import type { IntelCache } from './IntelCache.ts';
import type { Quality } from './quality.ts';

export const SWAP_WINDOWS = ['1h', '6h', '24h'] as const;
export const METRIC_WINDOWS = ['6h', '24h'] as const;
export type SwapWindow = (typeof SWAP_WINDOWS)[number];
export type MetricWindow = (typeof METRIC_WINDOWS)[number];

export interface WindowDef {
  name: string;
  kind: 'swaps' | 'metrics';
  hours: number;
  /** The registered query the window is computed from; the scheduler refreshes it. */
  source: string;
}

export const INTEL_WINDOWS: readonly WindowDef[] = [
  ...SWAP_WINDOWS.map((w) => ({ name: `swaps_${w}`, kind: 'swaps' as const, hours: Number.parseInt(w, 10), source: 'pool_hourly_fees' })),
  ...METRIC_WINDOWS.map((w) => ({ name: `metrics_${w}`, kind: 'metrics' as const, hours: Number.parseInt(w, 10), source: 'pool_hourly_fees' })),
];

/** Queries the scheduler must keep fresh so that every window can be computed. */
export function windowSourceQueries(): string[] {
  return [...new Set(INTEL_WINDOWS.map((w) => w.source))];
}

export interface SwapWindowData {
  volume_usd: number;
  fees_usd: number;
  swap_count: number;
  /** Hours of source rows inside the window (fewer than its length if the pool was idle or the data short). */
  hours_covered: number;
  window_end: string;
}

export interface MetricWindowData {
  volume_usd_per_hour: number;
  fees_usd_per_hour: number;
  swaps_per_hour: number;
  price_change_pct: number | null;
  price_high: number | null;
  price_low: number | null;
  /** Annualised from hourly log returns of price_close; null with fewer than 3 closes. */
  realized_vol_ann: number | null;
  hours_covered: number;
  window_end: string;
}

export interface WindowRead<T> {
  window: string;
  source: string;
  quality: Quality;
  age_s: number | null;
  asof: string | null;
  data: T | null;
}

interface HourRow {
  t: number;
  volume_usd: number;
  fees_usd: number;
  swap_count: number;
  price_close: number | null;
  price_high: number | null;
  price_low: number | null;
}

function hourRows(rows: Array<Record<string, unknown>>): HourRow[] {
  const out: HourRow[] = [];
  for (const r of rows) {
    const t = parseTimestamp(r.hour);
    if (t === undefined) continue;
    const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    out.push({ t, volume_usd: num(r.volume_usd) ?? 0, fees_usd: num(r.fees_usd) ?? 0, swap_count: Number(r.swap_count ?? 0), price_close: num(r.price_close), price_high: num(r.price_high), price_low: num(r.price_low) });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** The rows of the last `hours` hours the data covers (the window ends at the newest hour in the data). */
function lastHours(rows: HourRow[], hours: number): { rows: HourRow[]; endMs: number } | undefined {
  const last = rows[rows.length - 1];
  if (last === undefined) return undefined;
  const endMs = last.t + 3_600_000;
  const startMs = endMs - hours * 3_600_000;
  return { rows: rows.filter((r) => r.t >= startMs), endMs };
}

export function computeSwapWindow(rows: Array<Record<string, unknown>>, hours: number): SwapWindowData | null {
  const w = lastHours(hourRows(rows), hours);
  if (w === undefined) return null;
  return {
    volume_usd: w.rows.reduce((s, r) => s + r.volume_usd, 0),
    fees_usd: w.rows.reduce((s, r) => s + r.fees_usd, 0),
    swap_count: w.rows.reduce((s, r) => s + r.swap_count, 0),
    hours_covered: w.rows.length,
    window_end: new Date(w.endMs).toISOString(),
  };
}

export function computeMetricWindow(rows: Array<Record<string, unknown>>, hours: number): MetricWindowData | null {
  const w = lastHours(hourRows(rows), hours);
  if (w === undefined) return null;
  const closes = w.rows.map((r) => r.price_close).filter((p): p is number => p !== null && p > 0);
  const highs = w.rows.map((r) => r.price_high).filter((p): p is number => p !== null);
  const lows = w.rows.map((r) => r.price_low).filter((p): p is number => p !== null);
  let vol: number | null = null;
  if (closes.length >= 3) {
    const rets = closes.slice(1).map((p, i) => Math.log(p / closes[i]!));
    const meanSq = rets.reduce((s, r) => s + r * r, 0) / rets.length;
    vol = Math.sqrt(meanSq * 24 * 365);
  }
  const n = Math.max(1, hours);
  const first = closes[0];
  const lastClose = closes[closes.length - 1];
  return {
    volume_usd_per_hour: w.rows.reduce((s, r) => s + r.volume_usd, 0) / n,
    fees_usd_per_hour: w.rows.reduce((s, r) => s + r.fees_usd, 0) / n,
    swaps_per_hour: w.rows.reduce((s, r) => s + r.swap_count, 0) / n,
    price_change_pct: first !== undefined && lastClose !== undefined ? (lastClose / first - 1) * 100 : null,
    price_high: highs.length > 0 ? Math.max(...highs) : null,
    price_low: lows.length > 0 ? Math.min(...lows) : null,
    realized_vol_ann: vol,
    hours_covered: w.rows.length,
    window_end: new Date(w.endMs).toISOString(),
  };
}

async function readWindow<T>(p: { cache: IntelCache; registry: Registry; pool: IntelScope; def: WindowDef; nowMs: number }, compute: (rows: Array<Record<string, unknown>>, hours: number) => T | null): Promise<WindowRead<T>> {
  const spec = getQuery(p.registry, p.def.source);
  const read = await p.cache.getWithQuality({ spec, scope: p.pool, nowMs: p.nowMs });
  const data = read.data === null ? null : compute(read.data, p.def.hours);
  return { window: p.def.name, source: p.def.source, quality: data === null ? 'missing' : read.quality, age_s: read.age_s, asof: read.asof, data };
}

export function swapWindow(p: { cache: IntelCache; registry: Registry; pool: IntelScope; window: SwapWindow; nowMs: number }): Promise<WindowRead<SwapWindowData>> {
  const def = INTEL_WINDOWS.find((w) => w.name === `swaps_${p.window}`)!;
  return readWindow({ ...p, def }, computeSwapWindow);
}

export function metricWindow(p: { cache: IntelCache; registry: Registry; pool: IntelScope; window: MetricWindow; nowMs: number }): Promise<WindowRead<MetricWindowData>> {
  const def = INTEL_WINDOWS.find((w) => w.name === `metrics_${p.window}`)!;
  return readWindow({ ...p, def }, computeMetricWindow);
}
