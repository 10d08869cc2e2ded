/**
 * The intel scheduler: keeps the cache fresh so that episodes never wait on Dune. Each cycle it
 * takes pending triggers, picks the active pools, builds every (query, scope) candidate, asks the
 * planner what to refresh under the daily credit budget, and runs those refreshes with bounded
 * concurrency, dependencies first. Readers keep getting the last good (stale) data meanwhile
 * (stale-while-revalidate); a failure is recorded beside it. No (query, scope) is ever refreshed
 * twice at once, across overlapping cycles too. In-process (`createIntelScheduler`) or as the
 * `clmm-lab intel scheduler` daemon.
 */
import type { IntelCache } from '../cache/IntelCache.ts';
import type { Quality } from '../cache/quality.ts';
import { windowSourceQueries } from '../cache/windows.ts';
import { capText } from '../capText.ts';
import { isoOf, parseTimestamp, type Clock, type Sleep } from '../clock.ts';
import type { DuneClient, Performance } from '../dune/DuneClient.ts';
import type { QueryIds } from '../queryIds.ts';
import { checkRows, priorityRank, sortByPriority, type CostClass, type QuerySpec, type Registry } from '../registry.ts';
import { canonicalScopeId, DEFAULT_POOL, knownPool, normalizeScope, pairScopeOfPool, scopeParams, type IntelScope } from '../scope.ts';
import { planRefresh, type Plan, type PlanCandidate, type PlannerOptions, type PlanSignals, type PlanTrigger } from './planner.ts';
import { emptyState, schedulerStateSchema, STATE_META, utcDay, type SchedulerState } from './state.ts';
import type { SchedulerEvent } from '../../store/artifacts/schedulerEvents.ts';
import { consumeTriggers, type Trigger } from './triggers.ts';

/** Planner defaults per cost class (Dune's legacy prices: 10 credits medium, 20 large); replaced by the observed average once a query has run. */
export const CREDIT_ESTIMATES: Record<CostClass, number> = { cheap: 5, medium: 10, expensive: 20 };

/** One event of the scheduler's log (its schema: store/artifacts/schedulerEvents.ts). */
export type SchedulerLogEvent = SchedulerEvent;
/** An event before its time stamp is added. */
type SchedulerEventBody = SchedulerEvent extends infer E ? (E extends SchedulerEvent ? Omit<E, 'at'> : never) : never;

export interface IntelSchedulerOptions {
  registry: Registry;
  cache: IntelCache;
  /** null: no DUNE_API_KEY; the scheduler then plans but refreshes nothing. */
  client: DuneClient | null;
  queryIds: QueryIds;
  clock: Clock;
  sleep: Sleep;
  /** DUNE_SCHEDULER_WORKERS, 2-4. */
  workers: number;
  /** HB_ACTIVE_POOL_CAP and HB_ACTIVE_POOLS. */
  activePoolCap: number;
  activePools?: string[];
  /** Chain of pools given by address only (default ethereum). */
  chain?: string;
  dailyCreditBudget: number;
  /** Trigger file to consume each cycle (`<dataDir>/intel/triggers.jsonl`); none when omitted. */
  triggersFile?: string;
  planner?: Partial<PlannerOptions>;
  performance?: Performance;
  executionTimeoutMs?: number;
  log?: (e: SchedulerLogEvent) => void;
}

export interface RefreshOutcome {
  key: string;
  query: string;
  ok: boolean;
  credits: number;
  error?: { code: string; message: string };
  source?: 'dune_execute' | 'dune_latest';
}

export interface CycleReport {
  at: string;
  active_pools: string[];
  triggers: number;
  plan: Plan;
  outcomes: RefreshOutcome[];
  credits_spent: number;
  credits_today: number;
  budget: number;
}

export interface IntelScheduler {
  /** Queues a trigger in memory (the file is the cross-process path). */
  enqueue(trigger: Trigger): void;
  /** One cycle: triggers, plan, refreshes; resolves when its refreshes are done. */
  runCycle(): Promise<CycleReport>;
  /** Cycles every intervalMs until stop(); resolves after the last in-flight refresh. */
  run(p: { intervalMs: number; onCycle?: (r: CycleReport) => void }): Promise<void>;
  /** Graceful: no new cycle or refresh starts; waits for the ones in flight. */
  stop(): Promise<void>;
  /** Keys being refreshed right now. */
  inFlight(): string[];
}

interface Candidate {
  spec: QuerySpec;
  scope: IntelScope;
  key: string;
  poolId: string | null;
  triggers: Trigger[];
}

/** A counting semaphore: at most n holders. */
function semaphore(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (f) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await f();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function createIntelScheduler(o: IntelSchedulerOptions): IntelScheduler {
  if (!Number.isInteger(o.workers) || o.workers < 2 || o.workers > 4) throw new Error(`workers must be 2 to 4, got ${o.workers}`);
  const chain = (o.chain ?? DEFAULT_POOL.chain).toLowerCase();
  const inFlight = new Map<string, Promise<RefreshOutcome>>();
  /** Estimated credits of each refresh in flight, held against today's budget until its real cost is recorded. */
  const reservations = new Map<string, number>();
  const queued: Trigger[] = [];
  const limit = semaphore(o.workers);
  let stopping = false;
  let wake: AbortController | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const log = (e: SchedulerEventBody): void => o.log?.({ at: isoOf(o.clock.now()), ...e } as SchedulerEvent);

  async function loadState(): Promise<SchedulerState> {
    return (await o.cache.getMeta(STATE_META, schedulerStateSchema)) ?? emptyState();
  }

  function triggerScope(t: Trigger): { pool?: string; pair?: IntelScope } {
    const p = t.params;
    const pool = typeof p.pool_address === 'string' ? p.pool_address.toLowerCase() : undefined;
    const c = typeof p.chain === 'string' ? p.chain : chain;
    const pair = typeof p.token0 === 'string' && typeof p.token1 === 'string' ? normalizeScope({ kind: 'pair', chain: c, token0: p.token0, token1: p.token1 }) : undefined;
    return { pool, pair };
  }

  /** The top N pools by recent activity (24 h volume in the cache), or HB_ACTIVE_POOLS as given. */
  async function activePools(triggers: Trigger[], nowMs: number): Promise<string[]> {
    if (o.activePools !== undefined && o.activePools.length > 0) return o.activePools.slice(0, o.activePoolCap);
    const feesSpec = o.registry.get('pool_hourly_fees');
    const seen = new Map<string, { volume: number; triggered: boolean }>();
    const add = (addr: string): void => void (seen.has(addr) || seen.set(addr, { volume: 0, triggered: false }));
    add(DEFAULT_POOL.pool_address);
    for (const { envelope } of await o.cache.entries()) if (envelope.scope_kind === 'pool') add(envelope.scope_id.split(':')[1]!);
    for (const t of triggers) {
      const a = triggerScope(t).pool;
      if (a !== undefined && /^0x[0-9a-f]{40}$/.test(a)) {
        add(a);
        seen.get(a)!.triggered = true;
      }
    }
    if (feesSpec !== undefined) {
      for (const [addr, info] of seen) {
        const read = await o.cache.getWithQuality({ spec: feesSpec, scope: { kind: 'pool', chain: knownPool(addr)?.chain ?? chain, pool_address: addr }, nowMs });
        const rows = read.data ?? [];
        const cutoff = Math.max(...rows.map((r) => parseTimestamp(r.hour) ?? 0)) - 23 * 3_600_000;
        info.volume = rows.filter((r) => (parseTimestamp(r.hour) ?? 0) >= cutoff).reduce((s, r) => s + (num(r.volume_usd) ?? 0), 0);
      }
    }
    return [...seen.entries()]
      .sort((a, b) => Number(b[1].triggered) - Number(a[1].triggered) || b[1].volume - a[1].volume || Number(b[0] === DEFAULT_POOL.pool_address) - Number(a[0] === DEFAULT_POOL.pool_address) || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.activePoolCap)
      .map(([a]) => a);
  }

  function buildCandidates(pools: string[], triggers: Trigger[]): Candidate[] {
    const out = new Map<string, Candidate>();
    const windowSources = new Set(windowSourceQueries());
    const add = (spec: QuerySpec, scope: IntelScope, poolId: string | null): Candidate => {
      const key = o.cache.key(spec, scope);
      let c = out.get(key);
      if (c === undefined) {
        c = { spec, scope, key, poolId, triggers: [] };
        out.set(key, c);
      }
      return c;
    };
    const enabled = sortByPriority([...o.registry.values()].filter((q) => q.enabled_default || windowSources.has(q.name)));
    const scopesFor = (spec: QuerySpec, pool: string): IntelScope | undefined => {
      const c = knownPool(pool)?.chain ?? chain;
      if (spec.scope === 'global') return { kind: 'global' };
      if (spec.scope === 'pool') return normalizeScope({ kind: 'pool', chain: c, pool_address: pool });
      if (spec.scope === 'pair') return pairScopeOfPool(c, pool);
      return undefined; // hook and wallet scopes come only from triggers
    };
    for (const pool of pools) {
      for (const spec of enabled) {
        const scope = scopesFor(spec, pool);
        if (scope !== undefined) add(spec, scope, `${knownPool(pool)?.chain ?? chain}:${pool}`);
      }
    }
    for (const t of triggers) {
      const { pool, pair } = triggerScope(t);
      const specs = t.query_key === '*' ? enabled.filter((q) => priorityRank(q.priority) <= priorityRank(t.priority)) : [o.registry.get(t.query_key)].filter((q): q is QuerySpec => q !== undefined);
      for (const spec of specs) {
        let scope: IntelScope | undefined;
        try {
          if (spec.scope === 'global') scope = { kind: 'global' };
          else if (spec.scope === 'pool' && pool !== undefined) scope = normalizeScope({ kind: 'pool', chain: typeof t.params.chain === 'string' ? t.params.chain : chain, pool_address: pool });
          else if (spec.scope === 'pair') scope = pair ?? (pool !== undefined ? pairScopeOfPool(typeof t.params.chain === 'string' ? t.params.chain : chain, pool) : undefined);
          else if (spec.scope === 'hook' && typeof t.params.hook_address === 'string') scope = normalizeScope({ kind: 'hook', chain, hook_address: t.params.hook_address });
          else if (spec.scope === 'wallet' && typeof t.params.wallet_address === 'string') scope = normalizeScope({ kind: 'wallet', chain, wallet_address: t.params.wallet_address });
        } catch {
          scope = undefined; // a malformed address in a trigger: ignored (logged as invalid below)
        }
        if (scope !== undefined) add(spec, scope, pool === undefined ? null : `${chain}:${pool}`).triggers.push(t);
      }
    }
    return [...out.values()];
  }

  /** Signals for the planner from what the cache holds about the primary (first) active pool. */
  async function signals(primary: string | undefined, triggers: Trigger[], state: SchedulerState, nowMs: number): Promise<PlanSignals> {
    const read = async (name: string, scope: IntelScope | undefined) => {
      const spec = o.registry.get(name);
      if (spec === undefined || scope === undefined) return null;
      return (await o.cache.getWithQuality({ spec, scope, nowMs })).data;
    };
    const c = primary === undefined ? chain : (knownPool(primary)?.chain ?? chain);
    const gasRows = await read('gas_regime', { kind: 'global' });
    const all = gasRows?.find((r) => r.action === 'all');
    const feeRows = primary === undefined ? null : await read('pool_hourly_fees', normalizeScope({ kind: 'pool', chain: c, pool_address: primary }));
    const volRows = primary === undefined ? null : await read('realized_vol_jumps', pairScopeOfPool(c, primary));
    const fees = median((feeRows ?? []).map((r) => num(r.fees_usd)).filter((x): x is number => x !== null));
    const gas = num(all?.gas_usd_median);
    const lastHour = num(all?.gas_price_gwei_last_hour);
    const p90 = num(all?.gas_price_gwei_p90);
    const since = nowMs - 6 * 3_600_000;
    const churn = state.regime_changes.filter((t) => (parseTimestamp(t) ?? 0) >= since).length + triggers.filter((t) => t.reason === 'regime_change').length;
    return {
      fees_to_gas: fees !== null && gas !== null && gas > 0 ? fees / gas : null,
      jump_rate: num(volRows?.[0]?.jump_rate),
      high_gas: triggers.some((t) => t.reason === 'gas_spike') || (lastHour !== null && p90 !== null && lastHour > p90),
      high_churn: churn >= 3 || triggers.some((t) => t.params.high_churn === true),
    };
  }

  async function refresh(c: Candidate, depsDone: Array<Promise<RefreshOutcome>>): Promise<RefreshOutcome> {
    await Promise.all(depsDone);
    return limit(async () => {
      const startedMs = o.clock.now();
      const queryId = o.queryIds.get(c.spec.name)!;
      log({ event: 'refresh_start', key: c.key, query: c.spec.name });
      let credits = 0;
      try {
        if (o.client === null) throw Object.assign(new Error('DUNE_API_KEY is not set'), { code: 'INTEL_NO_API_KEY' });
        const parameters = { ...c.spec.params, ...scopeParams(c.scope) };
        let rows: unknown;
        let asof: string | null;
        let source: 'dune_execute' | 'dune_latest';
        let executionId: string | null;
        let partial = false;
        let latestOk = false;
        if (c.spec.method === 'latest') {
          // no stored result yet (404) or one older than the TTL: execute instead, as Dune's SDKs do with max_age
          const latest = await o.client.getLatestResult({ queryId }).catch((e: unknown) => {
            if ((e as { code?: string }).code === 'DUNE_NOT_FOUND') return undefined;
            throw e;
          });
          const ended = parseTimestamp(latest?.execution_ended_at);
          latestOk = latest !== undefined && latest.has_result && ended !== undefined && (o.clock.now() - ended) / 1000 <= c.spec.ttl_seconds;
          if (latestOk && latest !== undefined) {
            rows = latest.rows;
            asof = latest.execution_ended_at;
            source = 'dune_latest';
            executionId = latest.execution_id;
          }
        }
        if (!latestOk) {
          const run = await o.client.runQuery({ queryId, parameters, performance: o.performance ?? 'medium', timeoutMs: o.executionTimeoutMs });
          rows = run.rows;
          asof = run.execution_ended_at;
          source = 'dune_execute';
          executionId = run.execution_id;
          credits = run.credits ?? CREDIT_ESTIMATES[c.spec.cost_class];
          partial = run.partial;
        }
        const checked = checkRows(c.spec, rows!);
        if (!checked.ok) throw Object.assign(new Error(`Dune rows do not match the registry columns: ${checked.issue}`), { code: 'DUNE_MALFORMED' });
        await o.cache.recordSuccess({ spec: c.spec, scope: c.scope, rows: checked.rows, asof: asof!, source: source!, fetchedAtMs: o.clock.now(), executionId: executionId!, credits, partial });
        log({ event: 'refresh_ok', key: c.key, query: c.spec.name, source: source!, credits, ms: o.clock.now() - startedMs });
        await record(c.key, { ok: true, credits, atMs: startedMs });
        return { key: c.key, query: c.spec.name, ok: true, credits, source: source! };
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'INTERNAL';
        const message = (error as Error).message ?? String(error);
        // failed executions are billed too: count what Dune reported
        credits = num((error as { details?: { credits?: unknown } }).details?.credits) ?? credits;
        await o.cache.recordFailure({ spec: c.spec, scope: c.scope, error: { code, message }, atMs: o.clock.now() });
        log({ event: 'refresh_failed', key: c.key, query: c.spec.name, code, message });
        await record(c.key, { ok: false, credits, atMs: startedMs, error: `${code}: ${message}` });
        return { key: c.key, query: c.spec.name, ok: false, credits, error: { code, message } };
      }
    });
  }

  async function record(key: string, r: { ok: boolean; credits: number; atMs: number; error?: string }): Promise<void> {
    await o.cache.updateMeta(STATE_META, schedulerStateSchema, (s0) => {
      const s = s0 ?? emptyState();
      const day = utcDay(o.clock.now());
      const e = s.entries[key] ?? { runs: 0, failures: 0, credits: 0, last_attempt_at: null, last_success_at: null, last_error: null };
      const entries = {
        ...s.entries,
        [key]: {
          runs: e.runs + 1,
          failures: e.failures + (r.ok ? 0 : 1),
          credits: e.credits + r.credits,
          last_attempt_at: isoOf(r.atMs),
          last_success_at: r.ok ? isoOf(o.clock.now()) : e.last_success_at,
          last_error: r.ok || r.error === undefined ? null : capText(r.error),
        },
      };
      const days = Object.entries({ ...s.credits_by_day, [day]: (s.credits_by_day[day] ?? 0) + r.credits })
        .sort(([a], [b]) => (a < b ? 1 : -1))
        .slice(0, 31);
      return { ...s, entries, credits_by_day: Object.fromEntries(days), credits_total: s.credits_total + r.credits };
    });
  }

  let planLock: Promise<unknown> = Promise.resolve();

  /** Planning and in-flight registration run one cycle at a time, so overlapping cycles see each other's reservations. */
  async function cycle(): Promise<CycleReport> {
    let release!: () => void;
    const previous = planLock;
    planLock = new Promise<void>((r) => (release = r));
    await previous;
    let planned: { started: Array<Promise<RefreshOutcome>>; finish: (outcomes: RefreshOutcome[]) => Promise<CycleReport> };
    try {
      planned = await planCycle();
    } finally {
      release();
    }
    return planned.finish(await Promise.all(planned.started));
  }

  async function planCycle(): Promise<{ started: Array<Promise<RefreshOutcome>>; finish: (outcomes: RefreshOutcome[]) => Promise<CycleReport> }> {
    const nowMs = o.clock.now();
    const fromFile = o.triggersFile === undefined ? { triggers: [], invalid: [] } : consumeTriggers(o.triggersFile);
    for (const bad of fromFile.invalid) log({ event: 'trigger_invalid', ...bad });
    const triggers = [...queued.splice(0), ...fromFile.triggers];
    log({ event: 'cycle_start', triggers: triggers.length, in_flight: [...inFlight.keys()] });
    const state = await loadState();
    const pools = await activePools(triggers, nowMs);
    const candidates = buildCandidates(pools, triggers);
    const sig = await signals(pools[0], triggers, state, nowMs);
    const day = utcDay(nowMs);
    // estimates of refreshes still in flight are reserved against today's budget
    const reserved = [...reservations.values()].reduce((s, x) => s + x, 0);
    const spentToday = state.credits_by_day[day] ?? 0;
    const remaining = Math.max(0, o.dailyCreditBudget - spentToday - reserved);
    const byKey = new Map(candidates.map((c) => [c.key, c]));
    const planCandidates: PlanCandidate[] = [];
    for (const c of candidates) {
      const read = await o.cache.getWithQuality({ spec: c.spec, scope: c.scope, nowMs });
      const deps: PlanCandidate['deps'] = [];
      for (const d of c.spec.depends_on) {
        const dspec = o.registry.get(d);
        if (dspec === undefined) continue;
        const dscope = c.poolId === null ? undefined : dspec.scope === 'global' ? ({ kind: 'global' } as IntelScope) : dspec.scope === 'pool' ? normalizeScope({ kind: 'pool', chain: c.poolId.split(':')[0]!, pool_address: c.poolId.split(':')[1]! }) : dspec.scope === 'pair' ? pairScopeOfPool(c.poolId.split(':')[0]!, c.poolId.split(':')[1]!) : undefined;
        if (dscope === undefined) continue;
        const dq: Quality = (await o.cache.getWithQuality({ spec: dspec, scope: dscope, nowMs })).quality;
        deps.push({ query: d, key: o.cache.key(dspec, dscope), quality: dq });
      }
      let risk_scores: PlanCandidate['risk_scores'];
      if (c.spec.risk && c.poolId !== null) {
        const scope = normalizeScope({ kind: 'pool', chain: c.poolId.split(':')[0]!, pool_address: c.poolId.split(':')[1]! });
        const tox = o.registry.get('toxic_flow_index');
        const mev = o.registry.get('mev_risk');
        risk_scores = {
          toxicity: tox === undefined ? null : num((await o.cache.getWithQuality({ spec: tox, scope, nowMs })).data?.[0]?.toxicity_score),
          mev: mev === undefined ? null : num((await o.cache.getWithQuality({ spec: mev, scope, nowMs })).data?.[0]?.mev_risk_score),
        };
      }
      const hist = state.entries[c.key];
      const observed = hist !== undefined && hist.runs > 0 && hist.credits > 0 ? hist.credits / hist.runs : undefined;
      planCandidates.push({
        key: c.key,
        query: c.spec.name,
        scope_id: canonicalScopeId(c.scope),
        priority: c.spec.priority,
        cost_class: c.spec.cost_class,
        ttl_s: c.spec.ttl_seconds,
        quality: read.quality,
        age_s: read.age_s,
        in_flight: inFlight.has(c.key),
        has_query_id: o.queryIds.has(c.spec.name),
        risk: c.spec.risk === true,
        triggers: c.triggers.map((t): PlanTrigger => ({ reason: t.reason, priority: t.priority, ...(typeof t.params.pending_action === 'string' ? { pending_action: t.params.pending_action } : {}) })),
        deps,
        risk_scores,
        estimate: observed ?? CREDIT_ESTIMATES[c.spec.cost_class],
      });
    }
    const plan = planRefresh({ candidates: planCandidates, signals: sig, budget: { remaining }, options: o.planner });
    log({ event: 'plan', active_pools: pools, signals: sig, notes: plan.notes, decisions: plan.decisions.map((d) => ({ key: d.key, action: d.action, reason: d.reason })) });
    await o.cache.updateMeta(STATE_META, schedulerStateSchema, (s0) => {
      const s = s0 ?? emptyState();
      const since = nowMs - 24 * 3_600_000;
      const changes = [...s.regime_changes, ...triggers.filter((t) => t.reason === 'regime_change').map((t) => t.timestamp)].filter((t) => (parseTimestamp(t) ?? 0) >= since);
      return { ...s, regime_changes: changes, last_cycle: { at: isoOf(nowMs), plan: plan.decisions.map((d) => ({ key: d.key, query: d.query, action: d.action, reason: d.reason })), notes: plan.notes, active_pools: pools } };
    });

    const started: Array<Promise<RefreshOutcome>> = [];
    if (o.client === null && plan.refresh.length > 0) plan.notes.push('DUNE_API_KEY is not set: planned refreshes not started (the cache is only read)');
    if (!stopping && o.client !== null) {
      for (const d of plan.refresh) {
        const c = byKey.get(d.key)!;
        if (inFlight.has(c.key)) continue; // planned by an overlapping cycle meanwhile
        const deps = planCandidates.find((p) => p.key === c.key)!.deps.map((x) => inFlight.get(x.key)).filter((p): p is Promise<RefreshOutcome> => p !== undefined);
        reservations.set(c.key, d.estimate);
        const p = refresh(c, deps).finally(() => {
          inFlight.delete(c.key);
          reservations.delete(c.key);
        });
        inFlight.set(c.key, p);
        started.push(p);
      }
    }
    const finish = async (outcomes: RefreshOutcome[]): Promise<CycleReport> => {
      const after = await loadState();
      const report: CycleReport = {
        at: isoOf(nowMs),
        active_pools: pools,
        triggers: triggers.length,
        plan,
        outcomes,
        credits_spent: outcomes.reduce((s, r) => s + r.credits, 0),
        credits_today: after.credits_by_day[day] ?? 0,
        budget: o.dailyCreditBudget,
      };
      log({ event: 'cycle_end', refreshed: outcomes.filter((r) => r.ok).length, failed: outcomes.filter((r) => !r.ok).length, credits: report.credits_spent, credits_today: report.credits_today });
      return report;
    };
    return { started, finish };
  }

  const scheduler: IntelScheduler = {
    enqueue: (t) => void queued.push(t),
    runCycle: () => {
      const p = cycle();
      current = Promise.all([current, p.catch(() => undefined)]);
      return p;
    },
    async run({ intervalMs, onCycle }) {
      while (!stopping) {
        const report = await scheduler.runCycle();
        onCycle?.(report);
        if (stopping) break;
        wake = new AbortController();
        await o.sleep(intervalMs, wake.signal);
      }
      await Promise.all(inFlight.values());
    },
    async stop() {
      if (!stopping) log({ event: 'stopping', in_flight: [...inFlight.keys()] });
      stopping = true;
      wake?.abort();
      await current;
      await Promise.all(inFlight.values());
    },
    inFlight: () => [...inFlight.keys()],
  };
  return scheduler;
}
