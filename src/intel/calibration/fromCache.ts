/**
 * Calibration inputs from the intel cache (what the scheduler fetched from Dune): gas_regime (gas
 * per action, GAS_USD), pool_hourly_fees (hourly fees and volume), realized_vol_jumps (volatility
 * and window rates) and regime_frequencies (per-regime shares, volatility, fees). Each input keeps
 * its query as source and the entry's quality and as-of; too_old or missing entries give nothing.
 */
import type { IntelCache } from '../cache/IntelCache.ts';
import { scopeForQuery, type SnapshotScope } from '../cache/snapshotIntel.ts';
import type { Clock } from '../clock.ts';
import type { Registry } from '../registry.ts';
import { quantile, REGIME_NAMES, type Regime } from './regimeWindows.ts';
import type { CalibrationReport, InputMetric } from './report.ts';
import { calibrate, type CalibrationInputs, type InputName, type RegimeRow } from './rules.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

export async function readCacheInputs(p: { cache: IntelCache; registry: Registry; scope: SnapshotScope; clock: Clock }): Promise<CalibrationInputs> {
  const nowMs = p.clock.now();
  const read = async (name: string) => {
    const spec = p.registry.get(name);
    const scope = spec === undefined ? undefined : scopeForQuery(spec, p.scope);
    if (spec === undefined || scope === undefined) return undefined;
    const r = await p.cache.getWithQuality({ spec, scope, nowMs });
    return r.data === null ? undefined : r;
  };
  const metrics: Partial<Record<InputName, InputMetric>> = {};
  const put = (name: InputName, value: number | null, r: { quality: InputMetric['quality']; asof: string | null }, query: string): void => {
    if (value !== null) metrics[name] = { value, source: `dune:${query}`, quality: r.quality, asof: r.asof };
  };
  const inputs: CalibrationInputs = { metrics };

  const gas = await read('gas_regime');
  if (gas !== undefined) {
    const all = gas.data!.find((row) => row.action === 'all');
    if (all !== undefined) {
      put('gas_median_usd', num(all.gas_usd_median), gas, 'gas_regime');
      put('gas_p75_usd', num(all.gas_usd_p75), gas, 'gas_regime');
      put('gas_p90_usd', num(all.gas_usd_p90), gas, 'gas_regime');
    }
    const usd: Record<string, number> = {};
    for (const row of gas.data!) {
      const v = num(row.gas_usd_p75);
      if (typeof row.action === 'string' && row.action !== 'all' && v !== null) usd[row.action] = v;
    }
    if (Object.keys(usd).length > 0) inputs.gasPerAction = { source: 'dune:gas_regime', usd };
  }

  const fees = await read('pool_hourly_fees');
  if (fees !== undefined && fees.data!.length > 0) {
    const f = fees.data!.map((r) => num(r.fees_usd)).filter((x): x is number => x !== null);
    const v = fees.data!.map((r) => num(r.volume_usd)).filter((x): x is number => x !== null);
    const s = fees.data!.map((r) => num(r.swap_count)).filter((x): x is number => x !== null);
    put('fees_median_usd', quantile(f, 0.5), fees, 'pool_hourly_fees');
    put('fees_p90_usd', quantile(f, 0.9), fees, 'pool_hourly_fees');
    put('volume_median_usd', quantile(v, 0.5), fees, 'pool_hourly_fees');
    put('avg_trades_per_hour', s.length === 0 ? null : s.reduce((a, b) => a + b, 0) / s.length, fees, 'pool_hourly_fees');
  }

  const vol = await read('realized_vol_jumps');
  const row = vol?.data?.[0];
  if (vol !== undefined && row !== undefined) {
    for (const name of ['vol_median', 'vol_p90', 'jump_rate', 'trend_rate', 'trend_up_rate', 'trend_down_rate', 'mean_revert_rate'] as const) put(name, num(row[name]), vol, 'realized_vol_jumps');
  }

  const freq = await read('regime_frequencies');
  if (freq !== undefined && freq.data!.length > 0) {
    const rows: Partial<Record<Regime, RegimeRow>> = {};
    for (const r of freq.data!) {
      if (!(REGIME_NAMES as readonly unknown[]).includes(r.regime)) continue;
      rows[r.regime as Regime] = { share: num(r.share) ?? 0, windows: num(r.windows) ?? 0, vol_median: num(r.vol_median), fees_usd_per_hour: num(r.fees_usd_per_hour), volume_usd_per_hour: num(r.volume_usd_per_hour) };
    }
    if (Object.keys(rows).length > 0) inputs.perRegime = { source: 'dune:regime_frequencies', rows };
  }
  return inputs;
}

/** A calibration report from the cache only; nothing missing is filled with a literal. */
export async function calibrateFromCache(p: { cache: IntelCache; registry: Registry; scope: SnapshotScope; clock: Clock }): Promise<CalibrationReport> {
  return calibrate(await readCacheInputs(p), p.clock.now());
}
