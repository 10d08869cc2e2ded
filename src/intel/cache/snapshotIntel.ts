/**
 * The intel snapshot a campaign takes once at its start (and stores, with its sha256, in the run
 * folder): per query its quality, age and as-of, a hygiene summary, and the data itself (null
 * when too old or missing). An entry newer than the snapshot's time is `missing` with the reason
 * `after_run_start`: a run never sees data from its future, and an age is never negative. It only
 * reads the cache: it never waits on Dune (DESIGN principle 5), so with no DUNE_API_KEY and an
 * empty cache every entry is simply `missing`.
 */
import type { Clock } from '../clock.ts';
import { sortByPriority, type QuerySpec, type Registry } from '../registry.ts';
import { normalizeScope, pairScopeOfPool, type IntelScope } from '../scope.ts';
import type { IntelCache } from './IntelCache.ts';
import type { Quality } from './quality.ts';

/** The campaign's pool, and optionally its pair, hook and wallet; each query reads the scope of its kind. */
export interface SnapshotScope {
  chain: string;
  pool_address: string;
  /** Pair tokens; derived from the known-pool table when omitted. */
  token0?: string;
  token1?: string;
  hook_address?: string;
  wallet_address?: string;
}

export interface SnapshotEntry {
  quality: Quality;
  age_s: number | null;
  asof: string | null;
  /** Only on an entry made missing because its data is newer than the snapshot's time. */
  reason?: 'after_run_start';
}

export interface IntelSnapshot {
  entries: Record<string, SnapshotEntry>;
  hygiene: { total_queries: number; fresh: number; stale: number; missing_or_too_old: number; fresh_pct: number };
  data: Record<string, Array<Record<string, unknown>> | null>;
}

export interface SnapshotIntelParams {
  cache: IntelCache;
  registry: Registry;
  scope: SnapshotScope;
  clock: Clock;
  /** Queries to include; default: the enabled-by-default ones. */
  queries?: readonly string[];
}

/** The scope a query of this registry entry reads for the campaign's pool, or undefined when not derivable. */
export function scopeForQuery(spec: QuerySpec, scope: SnapshotScope): IntelScope | undefined {
  switch (spec.scope) {
    case 'global':
      return { kind: 'global' };
    case 'pool':
      return normalizeScope({ kind: 'pool', chain: scope.chain, pool_address: scope.pool_address });
    case 'pair':
      if (scope.token0 !== undefined && scope.token1 !== undefined) return normalizeScope({ kind: 'pair', chain: scope.chain, token0: scope.token0, token1: scope.token1 });
      return pairScopeOfPool(scope.chain, scope.pool_address);
    case 'hook':
      return scope.hook_address === undefined ? undefined : normalizeScope({ kind: 'hook', chain: scope.chain, hook_address: scope.hook_address });
    case 'wallet':
      return scope.wallet_address === undefined ? undefined : normalizeScope({ kind: 'wallet', chain: scope.chain, wallet_address: scope.wallet_address });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

export async function snapshotIntel(params: SnapshotIntelParams): Promise<IntelSnapshot> {
  const { cache, registry, scope, clock } = params;
  const nowMs = clock.now();
  const specs = params.queries === undefined ? sortByPriority([...registry.values()].filter((q) => q.enabled_default)) : params.queries.map((n) => {
    const s = registry.get(n);
    if (s === undefined) throw new Error(`snapshotIntel: unknown query ${JSON.stringify(n)}`);
    return s;
  });
  const entries: Record<string, SnapshotEntry> = {};
  const data: Record<string, Array<Record<string, unknown>> | null> = {};
  for (const spec of specs) {
    const s = scopeForQuery(spec, scope);
    if (s === undefined) {
      entries[spec.name] = { quality: 'missing', age_s: null, asof: null };
      data[spec.name] = null;
      continue;
    }
    const read = await cache.getWithQuality({ spec, scope: s, nowMs });
    // data from after the (simulated) start did not exist then: using it would look into the future.
    // Compared in whole seconds, a run's start being a second-resolution time (its id's).
    if (read.asof !== null && Math.floor(Date.parse(read.asof) / 1000) > Math.floor(nowMs / 1000)) {
      entries[spec.name] = { quality: 'missing', age_s: null, asof: read.asof, reason: 'after_run_start' };
      data[spec.name] = null;
      continue;
    }
    entries[spec.name] = { quality: read.quality, age_s: read.age_s, asof: read.asof };
    data[spec.name] = read.data;
  }
  const qualities = Object.values(entries).map((e) => e.quality);
  const fresh = qualities.filter((q) => q === 'fresh').length;
  const stale = qualities.filter((q) => q === 'stale').length;
  const total = qualities.length;
  return deepFreeze({
    entries,
    hygiene: { total_queries: total, fresh, stale, missing_or_too_old: total - fresh - stale, fresh_pct: total === 0 ? 0 : Math.round((fresh / total) * 10000) / 100 },
    data,
  });
}
