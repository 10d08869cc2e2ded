/**
 * Calibration inputs from recorded pool data (the replay format of `../shared/data/real`: demeter
 * minute bars `*.minute.csv`, demeter-fetch event logs `*.tick.csv` / `*.pool.tick.csv`, and the
 * v3-polars `*.events.csv`), so a user without Dune can calibrate from history: volatility, jumps,
 * regime frequencies (the same window rules as the Dune SQL) and fee rates per hour. Gas is not in
 * these files in a usable form, so gas inputs come from the cache, or stay defaults.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { readCsv } from '../../market/replay/csvFields.ts';
import { isoOf, parseTimestamp, type Clock } from '../clock.ts';
import { knownPool, type KnownPool } from '../scope.ts';
import { classifyReturns, quantile, REGIME_NAMES, WINDOW_RULES, type Regime } from './regimeWindows.ts';
import type { CalibrationReport, InputMetric } from './report.ts';
import { calibrate, type CalibrationInputs, type InputName, type RegimeRow } from './rules.ts';

const WINDOW_HOURS = 6;
const MINUTE = 60_000;

/** One minute of swaps: the last tick and what swappers paid in (fee included), raw units. */
interface Bar {
  t: number;
  tick: number;
  in0: number;
  in1: number;
  swaps: number | null;
}

interface PoolDay {
  pool: KnownPool;
  day: string;
  file: string;
  kind: 'minute' | 'events';
  bars: Bar[];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.(minute|tick|events)\.csv$/.test(name)) out.push(p);
  }
  return out;
}

/** The replay's strict reader: a row cut short or with the wrong field count is an error naming file and line. */
function parseCsv(text: string, file: string): { header: string[]; rows: string[][] } {
  const table = readCsv(text, file);
  return { header: table.header, rows: table.rows };
}

const bigToNumber = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Number(BigInt(s)));

function minuteBars(text: string, file: string): Bar[] {
  const { header, rows } = parseCsv(text, file);
  const ix = (n: string): number => header.indexOf(n);
  const [ts, close, lo, hi, in0, in1] = ['timestamp', 'closeTick', 'lowestTick', 'highestTick', 'inAmount0', 'inAmount1'].map(ix) as [number, number, number, number, number, number];
  return rows.map((r) => {
    // quirk 1 of the data README: a stale close can sit outside the minute's range; clamp it in
    const tick = Math.min(Math.max(Number(r[close]), Number(r[lo])), Number(r[hi]));
    return { t: parseTimestamp(r[ts])!, tick, in0: bigToNumber(r[in0]), in1: bigToNumber(r[in1]), swaps: null };
  });
}

function eventBars(text: string, file: string): Bar[] {
  const { header, rows } = parseCsv(text, file);
  const ix = (n: string): number => header.indexOf(n);
  const typeCol = ix('tx_type') >= 0 ? ix('tx_type') : ix('event');
  const tickCol = ix('current_tick') >= 0 ? ix('current_tick') : ix('tick');
  const [ts, a0, a1] = [ix('block_timestamp'), ix('amount0'), ix('amount1')];
  const byMinute = new Map<number, Bar>();
  for (const r of rows) {
    if (r[typeCol] !== 'SWAP') continue;
    const t = Math.floor(parseTimestamp(r[ts])! / MINUTE) * MINUTE;
    const amount0 = bigToNumber(r[a0]);
    const amount1 = bigToNumber(r[a1]);
    const bar = byMinute.get(t) ?? { t, tick: 0, in0: 0, in1: 0, swaps: 0 };
    bar.tick = Number(r[tickCol]); // rows are in (block, log index) order: the last swap of the minute wins
    bar.in0 += Math.max(0, amount0);
    bar.in1 += Math.max(0, amount1);
    bar.swaps = (bar.swaps ?? 0) + 1;
    byMinute.set(t, bar);
  }
  return [...byMinute.values()].sort((a, b) => a.t - b.t);
}

/** Price of token1 in token0, human units (e.g. USDC per WETH): 10^(dec1 - dec0) / 1.0001^tick. */
function priceOf(pool: KnownPool, tick: number): number {
  return 10 ** (pool.decimals1 - pool.decimals0) / 1.0001 ** tick;
}

export interface RealDataReading {
  inputs: CalibrationInputs;
  files: string[];
  skipped: string[];
  windows: number;
}

/** Reads the recorded data under dir (optionally one pool) into calibration inputs. */
export function readRealDataInputs(p: { dir: string; pool?: string }): RealDataReading {
  if (!existsSync(p.dir) || !statSync(p.dir).isDirectory()) {
    throw new ClmmLabError('REAL_DATA_MISSING', `recorded data folder not found: ${p.dir} (set --from-real-data DIR or CLMM_REAL_DATA)`, { details: { field: 'real_data_dir', path: p.dir } });
  }
  const skipped: string[] = [];
  const days = new Map<string, PoolDay>();
  for (const file of listFiles(p.dir)) {
    const rel = relative(p.dir, file);
    const address = /0x[0-9a-f]{40}/.exec(file.toLowerCase())?.[0];
    const day = /(\d{4}-\d{2}-\d{2})/.exec(file)?.[1];
    const pool = address === undefined ? undefined : knownPool(address);
    if (pool === undefined || day === undefined) {
      skipped.push(`${rel}: pool not in the known-pool table (decimals unknown)`);
      continue;
    }
    if (p.pool !== undefined && pool.pool_address !== p.pool.toLowerCase()) continue;
    const kind = file.endsWith('.minute.csv') ? 'minute' : 'events';
    const key = `${pool.pool_address}:${day}`;
    const existing = days.get(key);
    // an event log supersedes the minute bars of the same pool-day (the README: events are exact)
    if (existing !== undefined && (existing.kind === 'events' || kind === 'minute')) {
      skipped.push(`${rel}: ${existing.file} already covers ${pool.pool_address} on ${day}`);
      continue;
    }
    if (existing !== undefined) skipped.push(`${existing.file}: superseded by the event log ${rel}`);
    const text = readFileSync(file, 'utf8');
    const bars = kind === 'minute' ? minuteBars(text, file) : eventBars(text, file);
    if (bars.length === 0) {
      skipped.push(`${rel}: no swaps`);
      continue;
    }
    days.set(key, { pool, day, file: rel, kind, bars });
  }
  if (days.size === 0) throw new ClmmLabError('REAL_DATA_MISSING', `no usable recorded pool data under ${p.dir}${p.pool ? ` for pool ${p.pool}` : ''}`, { details: { field: 'real_data_dir', path: p.dir } });

  const vols: number[] = [];
  const counts = Object.fromEntries(REGIME_NAMES.map((r) => [r, 0])) as Record<Regime, number>;
  const regimeVols = Object.fromEntries(REGIME_NAMES.map((r) => [r, [] as number[]])) as Record<Regime, number[]>;
  const regimeFees = Object.fromEntries(REGIME_NAMES.map((r) => [r, [] as number[]])) as Record<Regime, number[]>;
  const regimeVolume = Object.fromEntries(REGIME_NAMES.map((r) => [r, [] as number[]])) as Record<Regime, number[]>;
  const hourlyFees: number[] = [];
  const hourlyVolume: number[] = [];
  const hourlySwaps: number[] = [];
  let windows = 0;
  let latest = 0;
  for (const d of [...days.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const dayStart = parseTimestamp(`${d.day}T00:00:00Z`)!;
    const feeRate = d.pool.fee / 1e6;
    const usd = (b: Bar): { fees: number; volume: number } => {
      const price = priceOf(d.pool, b.tick);
      const v0 = b.in0 / 10 ** d.pool.decimals0;
      const v1 = (b.in1 / 10 ** d.pool.decimals1) * price;
      return { fees: (v0 + v1) * feeRate, volume: v0 + v1 };
    };
    for (const b of d.bars) latest = Math.max(latest, b.t + MINUTE);
    for (let h = 0; h < 24; h++) {
      const from = dayStart + h * 3_600_000;
      const inHour = d.bars.filter((b) => b.t >= from && b.t < from + 3_600_000);
      if (inHour.length === 0 && (d.bars[0]!.t > from || d.bars[d.bars.length - 1]!.t < from)) continue;
      const sums = inHour.map(usd).reduce((s, x) => ({ fees: s.fees + x.fees, volume: s.volume + x.volume }), { fees: 0, volume: 0 });
      hourlyFees.push(sums.fees);
      hourlyVolume.push(sums.volume);
      if (d.kind === 'events') hourlySwaps.push(inHour.reduce((s, b) => s + (b.swaps ?? 0), 0));
    }
    for (let w = 0; w < 24 / WINDOW_HOURS; w++) {
      const from = dayStart + w * WINDOW_HOURS * 3_600_000;
      const to = from + WINDOW_HOURS * 3_600_000;
      // minute closes, carried forward through minutes without a swap (from the first swap on)
      const closes: number[] = [];
      let j = 0;
      let last: number | undefined;
      const before = d.bars.filter((b) => b.t < from);
      if (before.length > 0) last = priceOf(d.pool, before[before.length - 1]!.tick);
      const inWindow = d.bars.filter((b) => b.t >= from && b.t < to);
      for (let t = from; t < to; t += MINUTE) {
        while (j < inWindow.length && inWindow[j]!.t <= t) last = priceOf(d.pool, inWindow[j++]!.tick);
        if (last !== undefined) closes.push(last);
      }
      if (closes.length < WINDOW_RULES.minCoverage * WINDOW_HOURS * 60) continue;
      const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
      const s = classifyReturns(returns);
      windows += 1;
      vols.push(s.vol);
      counts[s.regime] += 1;
      regimeVols[s.regime].push(s.vol);
      const sums = inWindow.map(usd).reduce((a, x) => ({ fees: a.fees + x.fees, volume: a.volume + x.volume }), { fees: 0, volume: 0 });
      regimeFees[s.regime].push(sums.fees / WINDOW_HOURS);
      regimeVolume[s.regime].push(sums.volume / WINDOW_HOURS);
    }
  }

  const asof = latest > 0 ? isoOf(latest) : null;
  const metric = (value: number | null): InputMetric => ({ value, source: 'real_data', quality: value === null ? 'missing' : 'recorded', asof });
  const share = (r: Regime): number => (windows === 0 ? 0 : counts[r] / windows);
  const metrics: Partial<Record<InputName, InputMetric>> = {
    fees_median_usd: metric(quantile(hourlyFees, 0.5)),
    fees_p90_usd: metric(quantile(hourlyFees, 0.9)),
    volume_median_usd: metric(quantile(hourlyVolume, 0.5)),
    vol_median: metric(quantile(vols, 0.5)),
    vol_p90: metric(quantile(vols, 0.9)),
    jump_rate: metric(windows === 0 ? null : share('jumpy')),
    trend_rate: metric(windows === 0 ? null : share('trend_up') + share('trend_down')),
    trend_up_rate: metric(windows === 0 ? null : share('trend_up')),
    trend_down_rate: metric(windows === 0 ? null : share('trend_down')),
    mean_revert_rate: metric(windows === 0 ? null : share('mean_revert')),
  };
  if (hourlySwaps.length > 0) metrics.avg_trades_per_hour = metric(hourlySwaps.reduce((a, b) => a + b, 0) / hourlySwaps.length);
  const rows: Partial<Record<Regime, RegimeRow>> = {};
  for (const r of REGIME_NAMES) {
    if (counts[r] === 0) continue;
    rows[r] = { share: share(r), windows: counts[r], vol_median: quantile(regimeVols[r], 0.5), fees_usd_per_hour: quantile(regimeFees[r], 0.5), volume_usd_per_hour: quantile(regimeVolume[r], 0.5) };
  }
  const files = [...days.values()].map((d) => d.file).sort();
  const pools = new Set([...days.values()].map((d) => d.pool.pool_address));
  if (pools.size > 1) skipped.push(`note: fee inputs mix ${pools.size} pools (${[...pools].join(', ')}); pass --pool to calibrate on one`);
  return { inputs: { metrics, perRegime: windows === 0 ? undefined : { source: 'real_data', rows } }, files, skipped, windows };
}

/**
 * A calibration report from recorded data; inputs the data lacks (gas) come from `extra` (e.g. the
 * cache's gas_regime) when given, else stay defaults. Each constant records its source.
 */
export function calibrateFromRealData(p: { dir: string; clock: Clock; pool?: string; extra?: CalibrationInputs }): CalibrationReport {
  const reading = readRealDataInputs({ dir: p.dir, pool: p.pool });
  const metrics = { ...(p.extra?.metrics ?? {}) };
  for (const [k, v] of Object.entries(reading.inputs.metrics)) if (v !== undefined && v.value !== null) metrics[k as InputName] = v;
  return calibrate(
    {
      metrics,
      perRegime: reading.inputs.perRegime ?? p.extra?.perRegime,
      gasPerAction: p.extra?.gasPerAction,
      realData: { files: reading.files, windows: reading.windows, skipped: reading.skipped } satisfies CalibrationReport['real_data'],
    },
    p.clock.now(),
  );
}
