/**
 * The intel commands' environment contract, validated with errors that name the variable.
 * DUNE_API_KEY is checked for presence only and never printed (not even its length).
 * The environment is passed in (no module-level reads); the CLI passes process.env.
 */
import { parseDecimal } from '../config/parseDecimal.ts';
import { badInput } from '../errors/ClmmLabError.ts';
import { isAddress } from './scope.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface IntelEnv {
  /** The key itself, for the client only; never log it. */
  duneApiKey: string | undefined;
  duneApi: 'PRESENT' | 'NOT SET';
  /** DUNE_SCHEDULER_WORKERS: 2-4, default 3. */
  schedulerWorkers: number;
  /** HB_ACTIVE_POOL_CAP: positive, default 3. */
  activePoolCap: number;
  /** HB_ACTIVE_POOLS: lowercased, deduplicated; undefined when unset. */
  activePools: string[] | undefined;
  /** DUNE_DAILY_CREDIT_BUDGET: credits per UTC day, default 80 (the Free plan's 2,500 a month ≈ 83 a day). */
  dailyCreditBudget: number;
  /** CLMM_INTEL_CACHE: sqlite (default) or redis. */
  cacheKind: 'sqlite' | 'redis';
  /** CLMM_INTEL_REDIS_URL (required when the cache is redis). */
  redisUrl: string | undefined;
  /** DUNE_API_BASE_URL: default https://api.dune.com/api. */
  duneBaseUrl: string | undefined;
  /** DUNE_QUERY_IDS: inline `name=id,...`. */
  queryIdsInline: string | undefined;
}

export const DEFAULT_WORKERS = 3;
export const DEFAULT_ACTIVE_POOL_CAP = 3;
export const DEFAULT_DAILY_CREDIT_BUDGET = 80;

function set(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function parseWorkers(raw: string, name = 'DUNE_SCHEDULER_WORKERS', code: 'BAD_ENV' | 'BAD_FLAG' = 'BAD_ENV'): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 2 || Number(raw) > 4) throw badInput(code, name, 'an integer from 2 to 4', raw);
  return Number(raw);
}

export function parsePositiveInt(raw: string, name: string, code: 'BAD_ENV' | 'BAD_FLAG' = 'BAD_ENV'): number {
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw)) || Number(raw) < 1) throw badInput(code, name, 'a positive integer', raw);
  return Number(raw);
}

export function parsePositiveNumber(raw: string, name: string, code: 'BAD_ENV' | 'BAD_FLAG' = 'BAD_ENV'): number {
  const n = parseDecimal(raw);
  if (n === undefined || n <= 0) throw badInput(code, name, 'a positive number', raw);
  return n;
}

export function parsePoolList(raw: string, name = 'HB_ACTIVE_POOLS', code: 'BAD_ENV' | 'BAD_FLAG' = 'BAD_ENV'): string[] {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw badInput(code, name, 'a comma list of pool addresses (0x + 40 hex digits)', raw);
  const out: string[] = [];
  for (const item of items) {
    if (!isAddress(item)) throw badInput(code, name, 'a comma list of pool addresses (0x + 40 hex digits)', item);
    const a = item.toLowerCase();
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

export function parseIntelEnv(env: Env): IntelEnv {
  const key = set(env, 'DUNE_API_KEY');
  const workers = set(env, 'DUNE_SCHEDULER_WORKERS');
  const cap = set(env, 'HB_ACTIVE_POOL_CAP');
  const pools = set(env, 'HB_ACTIVE_POOLS');
  const budget = set(env, 'DUNE_DAILY_CREDIT_BUDGET');
  const cacheRaw = set(env, 'CLMM_INTEL_CACHE');
  if (cacheRaw !== undefined && !['sqlite', 'redis'].includes(cacheRaw.toLowerCase())) throw badInput('BAD_ENV', 'CLMM_INTEL_CACHE', 'sqlite or redis', cacheRaw);
  const cacheKind = (cacheRaw?.toLowerCase() ?? 'sqlite') as 'sqlite' | 'redis';
  const redisUrl = set(env, 'CLMM_INTEL_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw badInput('BAD_ENV', 'CLMM_INTEL_REDIS_URL', 'a redis:// or rediss:// URL');
  const base = set(env, 'DUNE_API_BASE_URL');
  if (base !== undefined && !/^https?:\/\/[^\s]+$/.test(base)) throw badInput('BAD_ENV', 'DUNE_API_BASE_URL', 'an http(s) URL', base);
  return {
    duneApiKey: key,
    duneApi: key === undefined ? 'NOT SET' : 'PRESENT',
    schedulerWorkers: workers === undefined ? DEFAULT_WORKERS : parseWorkers(workers),
    activePoolCap: cap === undefined ? DEFAULT_ACTIVE_POOL_CAP : parsePositiveInt(cap, 'HB_ACTIVE_POOL_CAP'),
    activePools: pools === undefined ? undefined : parsePoolList(pools),
    dailyCreditBudget: budget === undefined ? DEFAULT_DAILY_CREDIT_BUDGET : parsePositiveNumber(budget, 'DUNE_DAILY_CREDIT_BUDGET'),
    cacheKind,
    redisUrl,
    duneBaseUrl: base,
    queryIdsInline: set(env, 'DUNE_QUERY_IDS'),
  };
}
