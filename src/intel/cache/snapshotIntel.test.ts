import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { getQuery, REGISTRY } from '../registry.ts';
import { DEFAULT_POOL, poolScope } from '../scope.ts';
import { openIntelCache } from './openIntelCache.ts';
import { snapshotIntel } from './snapshotIntel.ts';
import { computeMetricWindow, computeSwapWindow } from './windows.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const scope = { chain: 'ethereum', pool_address: DEFAULT_POOL.pool_address };

describe('snapshotIntel', () => {
  it('NOT SET path: with no DUNE_API_KEY and an empty cache every query is missing', async () => {
    const cache = await openIntelCache({ kind: 'sqlite', path: ':memory:' });
    const snap = await snapshotIntel({ cache, registry: REGISTRY, scope, clock: fixedClock(T0) });
    await cache.close();
    assert.equal(Object.keys(snap.entries).length, 11);
    assert.ok(Object.values(snap.entries).every((e) => e.quality === 'missing' && e.age_s === null && e.asof === null));
    assert.deepEqual(snap.hygiene, { total_queries: 11, fresh: 0, stale: 0, missing_or_too_old: 11, fresh_pct: 0 });
    assert.ok(Object.values(snap.data).every((d) => d === null));
  });

  it('measures ages with the clock passed in, withholds too-old data, and is frozen', async () => {
    const cache = await openIntelCache({ kind: 'sqlite', path: ':memory:' });
    const rows = [{ action: 'all', tx_count: 1, gas_used_median: 1, gas_price_gwei_median: 1, gas_price_gwei_p90: 1, gas_price_gwei_last_hour: null, gas_usd_median: 1, gas_usd_p75: 2, gas_usd_p90: 3, eth_usd: 2000 }];
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'gas_regime'), scope: { kind: 'global' }, rows, asof: '2026-03-01T11:58:00Z', source: 'dune_latest', fetchedAtMs: T0 });
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'pool_hourly_fees'), scope: poolScope('ethereum', DEFAULT_POOL.pool_address), rows: [], asof: '2026-03-01T08:00:00Z', source: 'dune_execute', fetchedAtMs: T0 });
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'liquidity_depth'), scope: poolScope('ethereum', DEFAULT_POOL.pool_address), rows: [], asof: '2026-03-01T06:00:00Z', source: 'dune_execute', fetchedAtMs: T0 });
    const snap = await snapshotIntel({ cache, registry: REGISTRY, scope, clock: fixedClock(T0) });
    await cache.close();
    assert.deepEqual(snap.entries.gas_regime, { quality: 'fresh', age_s: 120, asof: '2026-03-01T11:58:00.000Z' });
    assert.equal(snap.entries.pool_hourly_fees!.quality, 'too_old'); // 4 h > max_age 2 h
    assert.equal(snap.data.pool_hourly_fees, null);
    assert.equal(snap.entries.liquidity_depth!.quality, 'fresh'); // 6 h ≤ ttl 6 h
    assert.deepEqual(snap.data.gas_regime, rows);
    assert.deepEqual(snap.hygiene, { total_queries: 11, fresh: 2, stale: 0, missing_or_too_old: 9, fresh_pct: 18.18 });
    assert.ok(Object.isFrozen(snap) && Object.isFrozen(snap.entries.gas_regime) && Object.isFrozen(snap.data.gas_regime));
    assert.throws(() => {
      (snap.hygiene as { fresh: number }).fresh = 5;
    });
  });
  it('an entry newer than the snapshot time is missing with the reason after_run_start, never fresh at age 0', async () => {
    const cache = await openIntelCache({ kind: 'sqlite', path: ':memory:' });
    const rows = [{ action: 'all', tx_count: 1, gas_used_median: 1, gas_price_gwei_median: 1, gas_price_gwei_p90: 1, gas_price_gwei_last_hour: null, gas_usd_median: 1, gas_usd_p75: 2, gas_usd_p90: 3, eth_usd: 2000 }];
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'gas_regime'), scope: { kind: 'global' }, rows, asof: '2026-03-01T12:00:01Z', source: 'dune_latest', fetchedAtMs: T0 });
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'liquidity_depth'), scope: poolScope('ethereum', DEFAULT_POOL.pool_address), rows: [], asof: '2026-03-01T12:00:00.900Z', source: 'dune_execute', fetchedAtMs: T0 });
    const snap = await snapshotIntel({ cache, registry: REGISTRY, scope, clock: fixedClock(T0) });
    await cache.close();
    assert.deepEqual(snap.entries.gas_regime, { quality: 'missing', age_s: null, asof: '2026-03-01T12:00:01.000Z', reason: 'after_run_start' });
    assert.equal(snap.data.gas_regime, null);
    assert.deepEqual(snap.entries.liquidity_depth, { quality: 'fresh', age_s: 0, asof: '2026-03-01T12:00:00.900Z' }, 'within the start\'s second (its resolution) is fresh at age 0');
    assert.equal(snap.hygiene.fresh, 1);
  });
});

describe('window helpers', () => {
  const rows = Array.from({ length: 30 }, (_, h) => ({ hour: new Date(T0 - (30 - h) * 3_600_000).toISOString(), volume_usd: 100 * (h + 1), fees_usd: h + 1, swap_count: 10, price_close: 2000 * 1.001 ** h, price_high: 2100, price_low: 1900 - h }));
  it('swap windows sum the last 1/6/24 hours of the data', () => {
    assert.deepEqual(computeSwapWindow(rows, 1), { volume_usd: 3000, fees_usd: 30, swap_count: 10, hours_covered: 1, window_end: '2026-03-01T12:00:00.000Z' });
    assert.equal(computeSwapWindow(rows, 6)!.fees_usd, 25 + 26 + 27 + 28 + 29 + 30);
    assert.equal(computeSwapWindow(rows, 24)!.hours_covered, 24);
    assert.equal(computeSwapWindow([], 6), null);
  });
  it('metric windows give rates, price change, range and volatility', () => {
    const m = computeMetricWindow(rows, 6)!;
    assert.equal(m.swaps_per_hour, 10);
    assert.ok(Math.abs(m.price_change_pct! - (1.001 ** 5 - 1) * 100) < 1e-9);
    assert.equal(m.price_low, 1900 - 29);
    assert.ok(Math.abs(m.realized_vol_ann! - Math.log(1.001) * Math.sqrt(24 * 365)) < 1e-9);
  });
});
