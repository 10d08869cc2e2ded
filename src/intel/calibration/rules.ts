/**
 * The rules that turn calibration inputs into constants (docs/intel.md "Calibration rules"). They
 * start from the original's (refs/original-system.md §6) and never use a literal as an input: a
 * constant whose input is missing keeps its default and the report says so (source 'default').
 */
import { isoOf } from '../clock.ts';
import { REGIME_NAMES, type Regime } from './regimeWindows.ts';
import type { CalibratedConstants, CalibrationReport, ConstantName, InputMetric } from './report.ts';

/** clmm-lab's defaults (DESIGN.md "Width floors", "Constants"). */
export const CALIBRATION_DEFAULTS: CalibratedConstants = {
  GAS_USD: 2,
  FEE_GATE: 4,
  LOSS_BREAKER: -0.1,
  OOR_CRITICAL_DEFAULT: 92,
  OOR_CRITICAL_BY_REGIME: { trend_up: 92, trend_down: 92, jumpy: 90, mean_revert: 92, low: 90, mid: 90, high: 90 },
  REGIME_MIN_WIDTH: { trend_up: 1600, trend_down: 1600, jumpy: 1400, high: 1400, mean_revert: 1200, mid: 1000, low: 800, default: 1200 },
};
export const DEFAULT_FEE_GATE_MULT = 2;

export const INPUT_NAMES = ['fees_median_usd', 'fees_p90_usd', 'volume_median_usd', 'avg_trades_per_hour', 'gas_median_usd', 'gas_p75_usd', 'gas_p90_usd', 'vol_median', 'vol_p90', 'jump_rate', 'trend_rate', 'trend_up_rate', 'trend_down_rate', 'mean_revert_rate'] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface RegimeRow {
  share: number;
  windows: number;
  vol_median: number | null;
  fees_usd_per_hour: number | null;
  volume_usd_per_hour: number | null;
}

export interface CalibrationInputs {
  metrics: Partial<Record<InputName, InputMetric>>;
  perRegime?: { source: string; rows: Partial<Record<Regime, RegimeRow>> };
  gasPerAction?: { source: string; usd: Record<string, number> };
  realData?: CalibrationReport['real_data'];
}

const round = (x: number, dp: number): number => Math.round(x * 10 ** dp) / 10 ** dp;

function usable(m: InputMetric | undefined): m is InputMetric & { value: number } {
  return m !== undefined && m.value !== null && Number.isFinite(m.value) && m.quality !== 'missing' && m.quality !== 'too_old';
}

/** Normalised weights rounded to 4 decimals that sum to exactly 1 (the largest absorbs the rounding). */
export function normaliseMix(raw: Partial<Record<Regime, number>>): Partial<Record<Regime, number>> {
  const entries = Object.entries(raw).filter(([, v]) => v !== undefined && v > 0) as Array<[Regime, number]>;
  const total = entries.reduce((s, [, v]) => s + v, 0);
  if (total <= 0) return {};
  const mix = Object.fromEntries(entries.map(([k, v]) => [k, round(v / total, 4)])) as Partial<Record<Regime, number>>;
  const sum = Object.values(mix).reduce((s, v) => s + (v ?? 0), 0);
  const largest = entries.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  mix[largest] = round(mix[largest]! + (1 - sum), 4);
  return mix;
}

export function calibrate(inputs: CalibrationInputs, nowMs: number): CalibrationReport {
  const m = inputs.metrics;
  const recs: CalibrationReport['recommendations'] = [];
  const constants: CalibratedConstants = structuredClone(CALIBRATION_DEFAULTS);
  const sources = Object.fromEntries(
    (['GAS_USD', 'FEE_GATE', 'LOSS_BREAKER', 'OOR_CRITICAL_DEFAULT', 'OOR_CRITICAL_BY_REGIME', 'REGIME_MIN_WIDTH'] as ConstantName[]).map((c) => [c, { source: 'default', rule: 'default', inputs: [] as string[] }]),
  ) as CalibrationReport['constant_sources'];
  const keepDefault = (c: ConstantName, missing: string[]): void => {
    recs.push({ constant: c, source: 'default', message: `${c} keeps its default (${JSON.stringify(CALIBRATION_DEFAULTS[c])}): input ${missing.join(', ')} missing or too old` });
  };

  // input_metrics: every input, present or not, plus the derived ratios
  const input_metrics: Record<string, InputMetric> = {};
  for (const name of INPUT_NAMES) input_metrics[name] = m[name] ?? { value: null, source: 'missing', quality: 'missing', asof: null };
  for (const [name, metric] of Object.entries(m)) {
    if (metric?.quality === 'stale') recs.push({ constant: null, source: metric.source, message: `input ${name} is stale (as of ${metric.asof ?? '?'}): refresh ${metric.source} before relying on this report` });
  }

  // GAS_USD = gas_p75 (USD per LP action)
  const gasP75 = m.gas_p75_usd;
  if (usable(gasP75) && gasP75.value > 0) {
    constants.GAS_USD = round(gasP75.value, 2);
    sources.GAS_USD = { source: gasP75.source, rule: 'GAS_USD = gas_p75_usd', inputs: ['gas_p75_usd'] };
  } else keepDefault('GAS_USD', ['gas_p75_usd']);

  // FEE_GATE = multiplier(fees/gas) × GAS_USD: 3.0 if fees/gas < 1, 2.5 if < 2, else 2.0
  const fees = m.fees_median_usd;
  const gasMedian = m.gas_median_usd;
  let ratio: number | null = null;
  if (usable(fees) && usable(gasMedian) && gasMedian.value > 0) {
    ratio = fees.value / gasMedian.value;
    input_metrics.fees_to_gas_ratio = { value: round(ratio, 4), source: 'derived', quality: worst(fees.quality, gasMedian.quality), asof: older(fees.asof, gasMedian.asof) };
  }
  if (ratio !== null && sources.GAS_USD.source !== 'default') {
    const mult = ratio < 1 ? 3.0 : ratio < 2 ? 2.5 : 2.0;
    constants.FEE_GATE = round(mult * constants.GAS_USD, 2);
    sources.FEE_GATE = { source: `${fees!.source} + ${sources.GAS_USD.source}`, rule: `FEE_GATE = ${mult} × GAS_USD (fees/gas = ${round(ratio, 2)}: 3.0 if < 1, 2.5 if < 2, else 2.0)`, inputs: ['fees_median_usd', 'gas_median_usd', 'gas_p75_usd'] };
  } else if (sources.GAS_USD.source !== 'default') {
    constants.FEE_GATE = round(DEFAULT_FEE_GATE_MULT * constants.GAS_USD, 2);
    sources.FEE_GATE = { source: `${sources.GAS_USD.source} (default multiplier)`, rule: `FEE_GATE = ${DEFAULT_FEE_GATE_MULT} (FEE_GATE_MULT default) × GAS_USD`, inputs: ['gas_p75_usd'] };
    recs.push({ constant: 'FEE_GATE', source: 'default', message: `fees/gas unknown (fees_median_usd or gas_median_usd missing): FEE_GATE uses the default multiplier ${DEFAULT_FEE_GATE_MULT} × the calibrated GAS_USD` });
  } else keepDefault('FEE_GATE', ['gas_p75_usd', 'fees_median_usd', 'gas_median_usd'].filter((n) => !usable(m[n as InputName])));

  const gasP90 = m.gas_p90_usd;
  if (usable(gasP90) && usable(gasMedian) && gasMedian.value > 0) {
    const tail = gasP90.value / gasMedian.value;
    input_metrics.gas_tail_risk = { value: round(tail, 4), source: 'derived', quality: worst(gasP90.quality, gasMedian.quality), asof: older(gasP90.asof, gasMedian.asof) };
    if (tail > 2) recs.push({ constant: 'GAS_USD', source: gasP90.source, message: `gas tail is heavy (p90/median = ${round(tail, 2)}): consider a gas-spike trigger and a hard cap on gas actions` });
  }

  // LOSS_BREAKER: no rule maps a market input to a share of capital yet
  recs.push({ constant: 'LOSS_BREAKER', source: 'default', message: `LOSS_BREAKER keeps its default (${CALIBRATION_DEFAULTS.LOSS_BREAKER} of lane capital): no calibration rule maps market inputs to it` });

  // OOR critical thresholds by jump rate: base/jumpy 95/92 if > .15, 92/90 if > .10, else 90/88
  const jump = m.jump_rate;
  if (usable(jump)) {
    const [base, jumpy] = jump.value > 0.15 ? [95, 92] : jump.value > 0.1 ? [92, 90] : [90, 88];
    constants.OOR_CRITICAL_DEFAULT = base;
    constants.OOR_CRITICAL_BY_REGIME = { trend_up: base, trend_down: base, mean_revert: base, jumpy, low: jumpy, mid: jumpy, high: jumpy };
    const rule = `jump_rate ${round(jump.value, 4)}: base/jumpy = 95/92 if > 0.15, 92/90 if > 0.10, else 90/88 (base: trend, mean_revert, default; jumpy: jumpy, low, mid, high)`;
    sources.OOR_CRITICAL_DEFAULT = { source: jump.source, rule, inputs: ['jump_rate'] };
    sources.OOR_CRITICAL_BY_REGIME = { source: jump.source, rule, inputs: ['jump_rate'] };
  } else {
    keepDefault('OOR_CRITICAL_DEFAULT', ['jump_rate']);
    keepDefault('OOR_CRITICAL_BY_REGIME', ['jump_rate']);
  }

  // width floors by vol_p90: the defaults (1600/1400/1200 trend/jumpy/mean_revert) if > 0.8, 200 narrower if > 0.6, else 400 narrower
  const volP90 = m.vol_p90;
  if (usable(volP90)) {
    const shift = volP90.value > 0.8 ? 0 : volP90.value > 0.6 ? -200 : -400;
    const floors = { ...CALIBRATION_DEFAULTS.REGIME_MIN_WIDTH };
    for (const k of Object.keys(floors) as Array<keyof typeof floors>) floors[k] = Math.max(200, floors[k] + shift);
    constants.REGIME_MIN_WIDTH = floors;
    sources.REGIME_MIN_WIDTH = { source: volP90.source, rule: `vol_p90 ${round(volP90.value, 4)}: floors shifted ${shift} ticks (0 if > 0.8, -200 if > 0.6, else -400; never below 200)`, inputs: ['vol_p90'] };
  } else keepDefault('REGIME_MIN_WIDTH', ['vol_p90']);

  // regime mix: per-regime shares if known, else the jump/trend/mean-revert rates, normalised
  let mix: Partial<Record<Regime, number>> = {};
  let mixSource = 'default';
  const per = inputs.perRegime;
  if (per !== undefined && Object.values(per.rows).some((r) => (r?.share ?? 0) > 0)) {
    mix = normaliseMix(Object.fromEntries(Object.entries(per.rows).map(([k, r]) => [k, r?.share ?? 0])));
    mixSource = per.source;
  } else if (usable(jump) && usable(m.mean_revert_rate) && (usable(m.trend_up_rate) || usable(m.trend_rate))) {
    const up = usable(m.trend_up_rate) ? m.trend_up_rate.value : null;
    const down = usable(m.trend_down_rate) ? m.trend_down_rate.value : null;
    mix = normaliseMix({ jumpy: jump.value, mean_revert: m.mean_revert_rate.value, ...(up !== null && down !== null ? { trend_up: up, trend_down: down } : { trend_up: m.trend_rate!.value! }) });
    mixSource = jump.source;
  }
  if (Object.keys(mix).length === 0) recs.push({ constant: null, source: 'default', message: 'regime mix not calibrated (no regime rates): keep HB_REGIME_MIX' });
  else if (mixSource !== 'default' && per === undefined) recs.push({ constant: null, source: mixSource, message: 'regime mix from jump/trend/mean-revert rates only (regime_frequencies missing): low/mid/high windows are not represented' });

  const per_regime: CalibrationReport['per_regime'] = {};
  for (const r of REGIME_NAMES) {
    const row = per?.rows[r];
    if (row !== undefined) per_regime[r] = { share: round(row.share, 4), windows: row.windows, vol_median: row.vol_median === null ? null : round(row.vol_median, 4), fees_usd_per_hour: row.fees_usd_per_hour === null ? null : round(row.fees_usd_per_hour, 2), volume_usd_per_hour: row.volume_usd_per_hour === null ? null : round(row.volume_usd_per_hour, 2) };
  }
  if (per === undefined) recs.push({ constant: null, source: 'default', message: 'fee rate and volatility per regime unknown (regime_frequencies or recorded data missing)' });
  if (inputs.gasPerAction === undefined) recs.push({ constant: null, source: 'default', message: 'gas cost per action unknown (gas_regime missing)' });

  return {
    schema_version: 1,
    generated_at: isoOf(nowMs),
    input_metrics,
    calibrated_constants: constants,
    constant_sources: sources,
    calibrated_regime_mix: mix,
    regime_mix: Object.keys(mix).length === 0 ? null : Object.entries(mix).map(([k, v]) => `${k}:${v}`).join(','),
    regime_mix_source: mixSource,
    gas_cost_per_action_usd: Object.fromEntries(Object.entries(inputs.gasPerAction?.usd ?? {}).map(([k, v]) => [k, round(v, 2)])),
    gas_cost_per_action_source: inputs.gasPerAction?.source ?? 'default',
    per_regime,
    per_regime_source: per?.source ?? 'default',
    recommendations: recs,
    real_data: inputs.realData ?? null,
  };
}

const RANK = { recorded: 0, fresh: 0, stale: 1, too_old: 2, missing: 3 } as const;
function worst(a: InputMetric['quality'], b: InputMetric['quality']): InputMetric['quality'] {
  return RANK[a] >= RANK[b] ? a : b;
}
function older(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
