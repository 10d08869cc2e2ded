/**
 * The few numbers the agent takes from the frozen intel snapshot, with their quality. Only `fresh`
 * and `stale` entries are read (a `too_old` or `missing` entry has no usable data, as in the
 * original's cache). A query's data may be an object, a list of rows (the first row is used), or
 * Dune's `{ rows: [...] }` / `{ result: { rows: [...] } }`; the first finite number among the
 * accepted field names wins. Field names are those of the original's saved SQL
 * (01_pool_hourly_fees.sql: fees_mean_usd, fees_median_usd; 02_gas_cost_distribution.sql:
 * gas_p75_usd, gas_median_usd) plus obvious alternatives.
 */
import type { IntelEntry } from './types.ts';

export type UsableQuality = 'fresh' | 'stale';

export interface IntelNumber {
  value: number;
  quality: UsableQuality;
  query: string;
  field: string;
}

export interface IntelSignals {
  /** Pool-wide LP fees per hour, USD. */
  poolFeesUsdPerHour: IntelNumber | null;
  /** Typical USD cost of one LP transaction. */
  gasUsd: IntelNumber | null;
  /** Highest risk score in [0, 1] among mev_risk and toxic_flow_index. */
  riskScore: IntelNumber | null;
}

const POOL_FEE_FIELDS = ['fees_usd_per_hour', 'hourly_fees_usd', 'fees_mean_usd', 'fees_median_usd'];
const GAS_FIELDS = ['gas_p75_usd', 'gas_usd', 'gas_median_usd', 'gas_mean_usd'];
const MEV_FIELDS = ['mev_risk_score', 'risk_score', 'score'];
const TOXIC_FIELDS = ['toxicity_score', 'toxic_flow_index', 'toxic_flow_score', 'score'];

export function readIntelSignals(intel: Record<string, IntelEntry> | undefined): IntelSignals {
  const snapshot = intel ?? {};
  const mev = readNumber(snapshot, 'mev_risk', MEV_FIELDS);
  const toxic = readNumber(snapshot, 'toxic_flow_index', TOXIC_FIELDS);
  const risks = [mev, toxic].filter((r): r is IntelNumber => r !== null && r.value >= 0 && r.value <= 1);
  const riskScore = risks.reduce<IntelNumber | null>((best, r) => (best === null || r.value > best.value ? r : best), null);
  const fees = readNumber(snapshot, 'pool_hourly_fees', POOL_FEE_FIELDS);
  const gas = readNumber(snapshot, 'gas_regime', GAS_FIELDS);
  return {
    poolFeesUsdPerHour: fees !== null && fees.value >= 0 ? fees : null,
    gasUsd: gas !== null && gas.value >= 0 ? gas : null,
    riskScore,
  };
}

function readNumber(snapshot: Record<string, IntelEntry>, query: string, fields: string[]): IntelNumber | null {
  const entry = Object.prototype.hasOwnProperty.call(snapshot, query) ? snapshot[query] : undefined;
  if (!entry || (entry.quality !== 'fresh' && entry.quality !== 'stale')) return null;
  const row = firstRow(entry.data);
  if (row === null) return null;
  for (const field of fields) {
    const raw = row[field];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value === 'number' && Number.isFinite(value)) return { value, quality: entry.quality, query, field };
  }
  return null;
}

function firstRow(data: unknown): Record<string, unknown> | null {
  if (Array.isArray(data)) return isRecord(data[0]) ? data[0] : null;
  if (!isRecord(data)) return null;
  if (Array.isArray(data.rows)) return firstRow(data.rows);
  if (isRecord(data.result) && Array.isArray(data.result.rows)) return firstRow(data.result.rows);
  return data;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
