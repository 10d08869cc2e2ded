/**
 * The one contract every intel cache backend passes (run by sqliteCache.test.ts and
 * redisCache.test.ts): keys, envelopes, quality boundaries, failures kept beside good data,
 * validation on read, listing, atomic meta updates, persistence across handles.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { z } from 'zod';
import { ClmmLabError } from '../../src/errors/ClmmLabError.ts';
import type { IntelCache } from '../../src/intel/cache/IntelCache.ts';
import { getQuery, REGISTRY } from '../../src/intel/registry.ts';
import type { IntelScope } from '../../src/intel/scope.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const POOL: IntelScope = { kind: 'pool', chain: 'ethereum', pool_address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640' };
const POOL_UPPER: IntelScope = { kind: 'pool', chain: 'Ethereum', pool_address: '0x88E6A0C2DDD26FEEB64F039A2C41296FCB3F5640' };
const fees = getQuery(REGISTRY, 'pool_hourly_fees'); // ttl 1800, max_age 7200
const gas = getQuery(REGISTRY, 'gas_regime');
const hourRows = [
  { hour: '2026-03-01 10:00:00.000 UTC', volume_usd: 1000, fees_usd: 0.5, swap_count: 10, price_close: 2000, price_high: 2010, price_low: 1990 },
  { hour: '2026-03-01 11:00:00.000 UTC', volume_usd: 2000, fees_usd: 1.0, swap_count: '20', price_close: null, price_high: null, price_low: null },
];

export function runCacheContract(name: string, hooks: { open: () => Promise<IntelCache>; teardown?: () => Promise<void> }): void {
  describe(`intel cache contract: ${name}`, () => {
    let cache: IntelCache;
    before(async () => {
      cache = await hooks.open();
    });
    after(async () => {
      await cache.close();
      await hooks.teardown?.();
    });
    beforeEach(async () => {
      for (const { key } of await cache.entries()) await cache.delete(key);
    });

    it('an empty cache reads as missing, with no data', async () => {
      const r = await cache.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 });
      assert.equal(r.quality, 'missing');
      assert.equal(r.data, null);
      assert.equal(r.age_s, null);
    });

    it('stores an envelope {ok, data, fetched_at, ttl_s, error, source} + asof, and reads it back fresh', async () => {
      const env = await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: '2026-03-01T11:59:00Z', source: 'dune_execute', fetchedAtMs: T0, executionId: 'E1', credits: 4 });
      assert.equal(env.ok, true);
      assert.equal(env.ttl_s, 1800);
      assert.equal(env.error, null);
      assert.equal(env.source, 'dune_execute');
      assert.equal(env.fetched_at, '2026-03-01T12:00:00.000Z');
      const r = await cache.getWithQuality({ spec: fees, scope: POOL_UPPER, nowMs: T0 });
      assert.equal(r.quality, 'fresh');
      assert.equal(r.age_s, 60, 'age is measured from asof (Dune execution end), not from our fetch');
      assert.equal(r.asof, '2026-03-01T11:59:00.000Z');
      assert.deepEqual(r.data, hourRows);
      assert.equal(r.envelope?.execution_id, 'E1');
      assert.equal(r.envelope?.credits, 4);
    });

    it('quality boundaries: fresh ≤ ttl < stale ≤ max_age < too_old (data withheld)', async () => {
      const asofMs = T0;
      await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: new Date(asofMs).toISOString(), source: 'dune_execute', fetchedAtMs: asofMs });
      const at = async (s: number) => cache.getWithQuality({ spec: fees, scope: POOL, nowMs: asofMs + s * 1000 });
      assert.equal((await at(1800)).quality, 'fresh');
      assert.equal((await at(1801)).quality, 'stale');
      assert.notEqual((await at(1801)).data, null, 'stale data is served (stale-while-revalidate)');
      assert.equal((await at(7200)).quality, 'stale');
      const old = await at(7201);
      assert.equal(old.quality, 'too_old');
      assert.equal(old.data, null);
      assert.equal(old.age_s, 7201);
    });

    it('a failed refresh keeps the last good data and records last_error', async () => {
      await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: '2026-03-01T11:00:00Z', source: 'dune_execute', fetchedAtMs: T0 });
      const env = await cache.recordFailure({ spec: fees, scope: POOL, error: { code: 'DUNE_SERVER', message: 'Dune answered 503' }, atMs: T0 + 60_000 });
      assert.equal(env.ok, true);
      assert.deepEqual(env.data, hourRows);
      assert.deepEqual(env.last_error, { at: '2026-03-01T12:01:00.000Z', code: 'DUNE_SERVER', message: 'Dune answered 503' });
      const r = await cache.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 + 60_000 });
      assert.equal(r.quality, 'stale', 'quality still follows the good data’s asof');
      assert.deepEqual(r.data, hourRows);
      assert.equal(r.last_error?.code, 'DUNE_SERVER');
      // the next success clears it
      await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: '2026-03-01T12:02:00Z', source: 'dune_execute', fetchedAtMs: T0 + 120_000 });
      assert.equal((await cache.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 + 120_000 })).last_error, null);
    });

    it('a failure with no good data is an ok=false envelope: missing', async () => {
      const env = await cache.recordFailure({ spec: gas, scope: { kind: 'global' }, error: { code: 'DUNE_UNAUTHORIZED', message: '401' }, atMs: T0 });
      assert.equal(env.ok, false);
      assert.equal(env.source, 'error');
      assert.equal(env.error, '401');
      const r = await cache.getWithQuality({ spec: gas, scope: { kind: 'global' }, nowMs: T0 });
      assert.equal(r.quality, 'missing');
      assert.equal(r.data, null);
    });

    it('keys: canonical scope ids, sorted parameters, scope kind checked', async () => {
      assert.equal(cache.key(fees, POOL_UPPER), 'dune:pool_hourly_fees:pool:ethereum:0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640');
      const vol = getQuery(REGISTRY, 'realized_vol_jumps');
      const a = cache.key(vol, { kind: 'pair', chain: 'ethereum', token0: 'WETH', token1: 'USDC' }, { window_hours: 6, lookback_days: 30 });
      const b = cache.key(vol, { kind: 'pair', chain: 'ethereum', token0: 'usdc', token1: 'weth' }, { lookback_days: '30', window_hours: '6' });
      assert.equal(a, b);
      assert.equal(a, 'dune:realized_vol_jumps:pair:ethereum:usdc/weth:lookback_days=30:window_hours=6');
      assert.notEqual(cache.key(fees, POOL, { hours: 24 }), cache.key(fees, POOL));
      assert.throws(() => cache.key(fees, { kind: 'global' }), (e: unknown) => e instanceof ClmmLabError && e.code === 'INTEL_SCOPE');
      assert.throws(() => cache.key(fees, { kind: 'pool', chain: 'ethereum', pool_address: '0x123' }), (e: unknown) => e instanceof ClmmLabError && e.code === 'INTEL_SCOPE');
    });

    it('validates on every read: bad rows, a bad timestamp or a corrupt envelope read as missing', async () => {
      const key = cache.key(fees, POOL);
      const good = await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: '2026-03-01T11:59:00Z', source: 'dune_execute', fetchedAtMs: T0 });
      await cache.write(key, { ...good, data: [{ hour: 'yesterday', volume_usd: 'lots' }] });
      const bad = await cache.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 });
      assert.equal(bad.quality, 'missing');
      assert.match(bad.reason ?? '', /pool_hourly_fees rows/);
      await cache.write(key, { ...good, asof: 'not-a-time' });
      const badTs = await cache.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 });
      assert.equal(badTs.quality, 'missing');
      assert.match(badTs.reason ?? '', /bad timestamp/);
      await assert.rejects(cache.recordSuccess({ spec: fees, scope: POOL, rows: [{ hour: 1 }], asof: null, source: 'dune_execute', fetchedAtMs: T0 }), (e: unknown) => e instanceof ClmmLabError && e.code === 'DUNE_MALFORMED');
    });

    it('lists entries in key order and deletes them', async () => {
      await cache.recordSuccess({ spec: gas, scope: { kind: 'global' }, rows: [], asof: null, source: 'dune_latest', fetchedAtMs: T0 });
      await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: null, source: 'dune_execute', fetchedAtMs: T0 });
      const keys = (await cache.entries()).map((e) => e.key);
      assert.deepEqual(keys, [cache.key(gas, { kind: 'global' }), cache.key(fees, POOL)]);
      // an asof-less entry ages from its fetch time
      assert.equal((await cache.getWithQuality({ spec: gas, scope: { kind: 'global' }, nowMs: T0 + 10_000 })).age_s, 10);
      assert.equal(await cache.delete(keys[0]!), true);
      assert.equal((await cache.entries()).length, 1);
    });

    it('meta documents update atomically under concurrency', async () => {
      const schema = z.object({ n: z.number() });
      const name = `counter-${Math.floor(T0 / 1000)}`;
      await Promise.all(Array.from({ length: 25 }, () => cache.updateMeta(name, schema, (c) => ({ n: (c?.n ?? 0) + 1 }))));
      assert.deepEqual(await cache.getMeta(name, schema), { n: 25 });
      assert.equal(await cache.getMeta('absent', schema), undefined);
    });

    it('persists across handles', async () => {
      await cache.recordSuccess({ spec: fees, scope: POOL, rows: hourRows, asof: '2026-03-01T11:59:00Z', source: 'dune_execute', fetchedAtMs: T0 });
      const other = await hooks.open();
      try {
        const r = await other.getWithQuality({ spec: fees, scope: POOL, nowMs: T0 });
        assert.equal(r.quality, 'fresh');
        assert.deepEqual(r.data, hourRows);
      } finally {
        await other.close();
      }
    });
  });
}
