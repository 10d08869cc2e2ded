/**
 * `clmm-lab intel status`: every query entry's quality, age, when it next needs a refresh, its
 * credits and last error, and the credit budget; from the cache and the scheduler's state only.
 */
import type { IntelCache } from '../cache/IntelCache.ts';
import { computeQuality, type Quality } from '../cache/quality.ts';
import { windowSourceQueries } from '../cache/windows.ts';
import { isoOf, parseTimestamp, type Clock } from '../clock.ts';
import { sortByPriority, type Registry } from '../registry.ts';
import { DEFAULT_POOL, knownPool, pairScopeOfPool, normalizeScope, type IntelScope } from '../scope.ts';
import { schedulerStateSchema, STATE_META, utcDay } from './state.ts';

export interface StatusRow {
  query: string;
  priority: string;
  scope_id: string;
  quality: Quality;
  age_s: number | null;
  asof: string | null;
  /** When the entry turns stale (asof + ttl); 'due' when it already is; 'now' when missing. */
  next_refresh: string;
  credits: number;
  runs: number;
  last_error: string | null;
}

export interface IntelStatus {
  at: string;
  cache: string;
  rows: StatusRow[];
  credits: { today: number; total: number; daily_budget: number };
  last_cycle: { at: string; notes: string[]; active_pools: string[] } | null;
}

export async function intelStatus(p: { cache: IntelCache; registry: Registry; clock: Clock; dailyCreditBudget: number }): Promise<IntelStatus> {
  const nowMs = p.clock.now();
  const state = (await p.cache.getMeta(STATE_META, schedulerStateSchema)) ?? schedulerStateSchema.parse({});
  const present = new Map((await p.cache.entries()).map((e) => [e.key, e.envelope]));
  const pools = state.last_cycle?.active_pools.length ? state.last_cycle.active_pools : [DEFAULT_POOL.pool_address];
  const expected = new Map<string, { query: string; scope: IntelScope }>();
  const windowSources = new Set(windowSourceQueries());
  for (const spec of sortByPriority([...p.registry.values()].filter((q) => q.enabled_default || windowSources.has(q.name)))) {
    for (const pool of pools) {
      const chain = knownPool(pool)?.chain ?? DEFAULT_POOL.chain;
      const scope = spec.scope === 'global' ? ({ kind: 'global' } as IntelScope) : spec.scope === 'pool' ? normalizeScope({ kind: 'pool', chain, pool_address: pool }) : spec.scope === 'pair' ? pairScopeOfPool(chain, pool) : undefined;
      if (scope !== undefined) expected.set(p.cache.key(spec, scope), { query: spec.name, scope });
    }
  }
  const keys = [...new Set([...expected.keys(), ...present.keys()])];
  const rows: StatusRow[] = [];
  for (const key of keys) {
    const env = present.get(key);
    const query = env?.query ?? expected.get(key)!.query;
    const spec = p.registry.get(query);
    if (spec === undefined) continue;
    const q = computeQuality({ envelope: env, ttlS: spec.ttl_seconds, maxAgeS: spec.max_age_seconds, nowMs });
    const asofMs = parseTimestamp(q.asof);
    const staleAt = asofMs === undefined ? undefined : asofMs + spec.ttl_seconds * 1000;
    const hist = state.entries[key];
    rows.push({
      query,
      priority: spec.priority,
      scope_id: env?.scope_id ?? key.split(':').slice(3).join(':'),
      quality: q.quality,
      age_s: q.age_s,
      asof: q.asof,
      next_refresh: q.quality === 'missing' ? 'now' : staleAt !== undefined && staleAt > nowMs ? isoOf(staleAt) : 'due',
      credits: hist?.credits ?? 0,
      runs: hist?.runs ?? 0,
      last_error: env?.last_error ? `${env.last_error.code}: ${env.last_error.message}` : (hist?.last_error ?? null),
    });
  }
  rows.sort((a, b) => (a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : a.query < b.query ? -1 : a.query > b.query ? 1 : a.scope_id < b.scope_id ? -1 : 1));
  return {
    at: isoOf(nowMs),
    cache: `${p.cache.kind} ${p.cache.location}`,
    rows,
    credits: { today: state.credits_by_day[utcDay(nowMs)] ?? 0, total: state.credits_total, daily_budget: p.dailyCreditBudget },
    last_cycle: state.last_cycle === null ? null : { at: state.last_cycle.at, notes: state.last_cycle.notes, active_pools: state.last_cycle.active_pools },
  };
}

export function formatStatus(s: IntelStatus): string {
  const lines = [`intel cache: ${s.cache}   at ${s.at}`, `credits: ${s.credits.today} today of ${s.credits.daily_budget} daily budget, ${s.credits.total} in total`];
  lines.push(s.last_cycle === null ? 'last scheduler cycle: never' : `last scheduler cycle: ${s.last_cycle.at}, active pools ${s.last_cycle.active_pools.join(', ') || '-'}${s.last_cycle.notes.length ? `; ${s.last_cycle.notes.join('; ')}` : ''}`);
  lines.push('');
  const head = ['query', 'P', 'scope', 'quality', 'age', 'next refresh', 'credits', 'last error'];
  const body = s.rows.map((r) => [r.query, r.priority, r.scope_id, r.quality, r.age_s === null ? '-' : `${r.age_s}s`, r.next_refresh, String(r.credits), r.last_error ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  for (const row of [head, ...body]) lines.push(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
  return lines.join('\n');
}
