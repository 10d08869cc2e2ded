import { schedulerEventSchema } from '../../store/artifacts/schedulerEvents.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startFakeDuneServer, type FakeDuneServer, type FakeQuery } from '../../../test/dune/fakeDuneServer.ts';
import { sampleRows } from '../../../test/intel/sampleRows.ts';
import type { IntelCache } from '../cache/IntelCache.ts';
import { openIntelCache } from '../cache/openIntelCache.ts';
import { snapshotIntel } from '../cache/snapshotIntel.ts';
import { swapWindow, metricWindow } from '../cache/windows.ts';
import { fixedClock, type Clock } from '../clock.ts';
import { createDuneClient } from '../dune/DuneClient.ts';
import { REGISTRY } from '../registry.ts';
import { DEFAULT_POOL, poolScope } from '../scope.ts';
import { CREDIT_ESTIMATES, createIntelScheduler, type IntelSchedulerOptions } from './scheduler.ts';
import { formatStatus, intelStatus } from './status.ts';
import { appendTrigger, triggersPath } from './triggers.ts';

const KEY = 'sched-test-key';
const T0 = Date.parse('2026-03-01T12:00:00Z');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every registered query gets id 1000 + its index; the fake answers with valid rows and charges its class estimate. */
function fakeQueries(over: (name: string) => Partial<FakeQuery> = () => ({})): { queries: Record<number, FakeQuery>; ids: Map<string, number> } {
  const queries: Record<number, FakeQuery> = {};
  const ids = new Map<string, number>();
  [...REGISTRY.values()].forEach((spec, i) => {
    const id = 1000 + i;
    ids.set(spec.name, id);
    const rows = spec.name === 'pool_hourly_fees' ? Array.from({ length: 30 }, (_, h) => ({ hour: new Date(T0 - (30 - h) * 3_600_000).toISOString(), volume_usd: 1_000_000, fees_usd: 500, swap_count: 100, price_close: 2000 + h, price_high: 2010 + h, price_low: 1990 + h })) : sampleRows(spec);
    queries[id] = { rows, params: [...Object.keys(spec.params), 'chain', 'pool_address', 'token0', 'token1', 'hook_address', 'wallet_address'], costCredits: CREDIT_ESTIMATES[spec.cost_class], ...over(spec.name) };
  });
  return { queries, ids };
}

async function setup(p: { server?: Partial<Parameters<typeof startFakeDuneServer>[0]>; scheduler?: Partial<IntelSchedulerOptions>; over?: (name: string) => Partial<FakeQuery> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clmm-sched-'));
  dirs.push(dir);
  const clock = fixedClock(T0);
  const { queries, ids } = fakeQueries(p.over);
  const server = await startFakeDuneServer({ apiKey: KEY, queries, now: () => clock.now(), ...p.server });
  const cache = await openIntelCache({ kind: 'sqlite', dataDir: dir });
  const client = createDuneClient({ apiKey: KEY, baseUrl: server.baseUrl, clock, sleep: async () => {} });
  const events: Array<{ event: string; [k: string]: unknown }> = [];
  const scheduler = createIntelScheduler({
    registry: REGISTRY,
    cache,
    client,
    queryIds: ids,
    clock,
    sleep: async () => {},
    workers: 3,
    activePoolCap: 3,
    dailyCreditBudget: 1000,
    triggersFile: triggersPath(dir),
    log: (e) => events.push(e),
    ...p.scheduler,
  });
  return { dir, clock, server, cache, client, scheduler, ids, events };
}

/** Closes a setup; every event the scheduler logged must fit its schema (store/artifacts/schedulerEvents.ts). */
async function closeAll(s: { server: FakeDuneServer; cache: IntelCache; events?: unknown[] }): Promise<void> {
  for (const e of s.events ?? []) {
    const r = schedulerEventSchema.safeParse(e);
    assert.ok(r.success, `scheduler event ${JSON.stringify(e)}: ${r.error?.issues[0]?.message}`);
  }
  await s.cache.close();
  await s.server.close();
}

const pool = poolScope(DEFAULT_POOL.chain, DEFAULT_POOL.pool_address);

describe('intel scheduler against the fake Dune server', () => {
  it('one cycle refreshes P0 and P1 for the active pool, leaves P2 risk queries (no signal), and the windows become fresh', async () => {
    const s = await setup();
    try {
      const report = await s.scheduler.runCycle();
      const refreshed = report.outcomes.filter((o) => o.ok).map((o) => o.query).sort();
      assert.deepEqual(refreshed, ['dynamic_fee_analysis', 'gas_regime', 'liquidity_depth', 'pool_health_score', 'pool_hourly_fees', 'realized_vol_jumps', 'rebalance_hint', 'regime_frequencies']);
      assert.equal(report.active_pools[0], DEFAULT_POOL.pool_address);
      for (const q of ['mev_risk', 'toxic_flow_index', 'jit_liquidity_monitor']) assert.match(report.plan.decisions.find((d) => d.query === q)!.reason, /risk/);
      // gas_regime reads 'latest' first; with no stored result it executed
      assert.equal(report.outcomes.find((o) => o.query === 'gas_regime')!.source, 'dune_execute');
      // the pool query got its scope parameters
      const feesExec = [...s.server.executions.values()].find((e) => e.queryId === s.ids.get('pool_hourly_fees'))!;
      assert.deepEqual(feesExec.params, { hours: 720, chain: 'ethereum', pool_address: DEFAULT_POOL.pool_address });
      for (const w of ['1h', '6h', '24h'] as const) {
        const r = await swapWindow({ cache: s.cache, registry: REGISTRY, pool, window: w, nowMs: s.clock.now() });
        assert.equal(r.quality, 'fresh', `swaps_${w}`);
        assert.equal(r.data?.swap_count, 100 * Number.parseInt(w, 10));
      }
      const m = await metricWindow({ cache: s.cache, registry: REGISTRY, pool, window: '6h', nowMs: s.clock.now() });
      assert.equal(m.quality, 'fresh');
      assert.equal(m.data?.fees_usd_per_hour, 500);
      const snap = await snapshotIntel({ cache: s.cache, registry: REGISTRY, scope: { chain: 'ethereum', pool_address: DEFAULT_POOL.pool_address }, clock: s.clock });
      assert.equal(snap.hygiene.total_queries, 11);
      assert.equal(snap.hygiene.fresh, 8);
      assert.equal(snap.hygiene.missing_or_too_old, 3);
      assert.deepEqual(report.credits_today, 5 * 3 + 10 * 4 + 20);

      // a second cycle at once: everything fresh, nothing executed
      const before = s.server.executions.size;
      const again = await s.scheduler.runCycle();
      assert.equal(again.plan.refresh.length, 0);
      for (const kind of ['cycle_start', 'plan', 'refresh_start', 'refresh_ok', 'cycle_end']) assert.ok(s.events.some((e) => e.event === kind), kind);
      assert.equal(s.server.executions.size, before);
      const status = await intelStatus({ cache: s.cache, registry: REGISTRY, clock: s.clock, dailyCreditBudget: 1000 });
      assert.equal(status.credits.today, 75);
      assert.ok(status.rows.find((r) => r.query === 'gas_regime')!.next_refresh.startsWith('2026-03-01T12:05'));
      assert.match(formatStatus(status), /gas_regime\s+P0\s+global\s+fresh/);
    } finally {
      await closeAll(s);
    }
  });

  it('slow server + burst of triggers: bounded concurrency, no duplicate in-flight refresh, daily budget respected', async () => {
    const budget = 50;
    const s = await setup({ server: { delayMs: 40 }, scheduler: { workers: 3, dailyCreditBudget: budget } });
    try {
      // the burst: 40 triggers in memory and in the file, for the same pool and every reason
      for (let i = 0; i < 20; i++) {
        const t = { timestamp: new Date(T0).toISOString(), reason: ['episode_start', 'regime_change', 'gas_spike'][i % 3]!, query_key: i % 2 === 0 ? '*' : 'pool_hourly_fees', params: { chain: 'ethereum', pool_address: DEFAULT_POOL.pool_address }, priority: 'P1' as const };
        s.scheduler.enqueue(t);
        appendTrigger(triggersPath(s.dir), t);
      }
      const [a, b, c] = await Promise.all([s.scheduler.runCycle(), s.scheduler.runCycle(), s.scheduler.runCycle()]);
      assert.ok(s.server.maxConcurrentExecutions <= 3, `at most 3 executions at once, saw ${s.server.maxConcurrentExecutions}`);
      assert.ok(s.server.maxConcurrentExecutions >= 2, 'the workers did run in parallel');
      const perKey = new Map<string, number>();
      for (const e of s.server.executions.values()) {
        const k = `${e.queryId}:${JSON.stringify(e.params)}`;
        perKey.set(k, (perKey.get(k) ?? 0) + 1);
      }
      assert.ok([...perKey.values()].every((n) => n === 1), 'no (query, scope) executed twice');
      const later = [b!, c!].flatMap((r) => r.plan.decisions);
      assert.ok(later.some((d) => /already in flight|fresh|budget/.test(d.reason)));
      const credits = a!.credits_spent + b!.credits_spent + c!.credits_spent;
      assert.ok(credits <= budget, `spent ${credits} of ${budget}`);
      assert.ok(s.server.creditsCharged() <= budget);
      assert.ok([a!, b!, c!].some((r) => r.plan.decisions.some((d) => /daily credit budget/.test(d.reason))), 'something was held back by the budget');
      // high churn (3+ regime changes) and a gas spike: no expensive query
      assert.equal(a!.plan.max_expensive, 0);
      assert.ok(!existsSync(triggersPath(s.dir)), 'the trigger file was consumed');
    } finally {
      await closeAll(s);
    }
  });

  it('a failed refresh keeps the last good data (stale-while-revalidate) and records the error', async () => {
    const s = await setup();
    try {
      await s.scheduler.runCycle();
      s.clock.advance(400_000); // gas_regime (ttl 300s) is stale now
      s.server.fault({ method: 'GET', path: /\/query\/\d+\/results$/, status: 500, times: 10 });
      s.server.fault({ method: 'POST', path: /\/execute$/, status: 500, times: 10 });
      const r = await s.scheduler.runCycle();
      const gas = r.outcomes.find((o) => o.query === 'gas_regime')!;
      assert.equal(gas.ok, false);
      assert.equal(gas.error?.code, 'DUNE_SERVER');
      const read = await s.cache.getWithQuality({ spec: REGISTRY.get('gas_regime')!, scope: { kind: 'global' }, nowMs: s.clock.now() });
      assert.equal(read.quality, 'stale');
      assert.notEqual(read.data, null);
      assert.equal(read.last_error?.code, 'DUNE_SERVER');
      const status = await intelStatus({ cache: s.cache, registry: REGISTRY, clock: s.clock, dailyCreditBudget: 1000 });
      assert.match(status.rows.find((x) => x.query === 'gas_regime')!.last_error ?? '', /DUNE_SERVER/);
    } finally {
      await closeAll(s);
    }
  });

  it('runs as a loop and stops gracefully: the refresh in flight completes, no new cycle starts', async () => {
    const s = await setup({ server: { delayMs: 30 } });
    try {
      let cycles = 0;
      const running = s.scheduler.run({ intervalMs: 60_000, onCycle: () => void cycles++ });
      while (s.scheduler.inFlight().length === 0) await new Promise((r) => setTimeout(r, 5));
      await s.scheduler.stop();
      await running;
      assert.equal(s.scheduler.inFlight().length, 0);
      assert.equal(cycles, 1);
      const entries = await s.cache.entries();
      assert.ok(entries.length >= 8, 'the cycle in flight finished and was written');
      assert.ok(s.events.some((e) => e.event === 'stopping'));
    } finally {
      await closeAll(s);
    }
  });

  it('with HB_ACTIVE_POOLS it refreshes those pools (up to the cap) and says why it skips', async () => {
    const other = '0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8';
    const s = await setup({ scheduler: { activePools: [other, DEFAULT_POOL.pool_address, '0x45dda9cb7c25131df268515131f647d726f50608'], activePoolCap: 2 } });
    try {
      const r = await s.scheduler.runCycle();
      assert.deepEqual(r.active_pools, [other, DEFAULT_POOL.pool_address]);
      const pools = new Set(r.outcomes.filter((o) => o.query === 'pool_hourly_fees').map((o) => o.key.split(':').pop()));
      assert.deepEqual([...pools].sort(), [DEFAULT_POOL.pool_address, other].sort());
      // both pools are USDC/WETH on Ethereum: the pair query runs once
      assert.equal(r.outcomes.filter((o) => o.query === 'realized_vol_jumps').length, 1);
      assert.ok(s.events.some((e) => e.event === 'plan'));
    } finally {
      await closeAll(s);
    }
  });

  it('without DUNE_API_KEY it plans, refreshes nothing, and the cache stays readable (NOT SET path)', async () => {
    const s = await setup({ scheduler: { client: null } });
    try {
      const r = await s.scheduler.runCycle();
      assert.equal(r.outcomes.length, 0);
      assert.ok(r.plan.notes.some((n) => /DUNE_API_KEY is not set/.test(n)));
      assert.equal(s.server.requests.length, 0);
    } finally {
      await closeAll(s);
    }
  });

  it('rejects a worker count outside 2-4', () => {
    assert.throws(() => createIntelScheduler({ workers: 5 } as IntelSchedulerOptions), /workers must be 2 to 4/);
  });
});

export type { Clock };
