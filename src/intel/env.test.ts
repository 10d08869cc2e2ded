import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { parseIntelEnv } from './env.ts';
import { loadQueryIds, parseQueryIdsInline } from './queryIds.ts';
import { REGISTRY } from './registry.ts';

const named = (field: string, code = 'BAD_ENV') => (e: unknown) => e instanceof ClmmLabError && e.code === code && e.message.startsWith(`${field}:`);

describe('intel environment', () => {
  it('defaults, and DUNE_API_KEY is presence only', () => {
    const e = parseIntelEnv({});
    assert.deepEqual([e.duneApi, e.schedulerWorkers, e.activePoolCap, e.activePools, e.cacheKind, e.dailyCreditBudget], ['NOT SET', 3, 3, undefined, 'sqlite', 80]);
    assert.equal(parseIntelEnv({ DUNE_API_KEY: 'abc' }).duneApi, 'PRESENT');
    assert.equal(parseIntelEnv({ DUNE_API_KEY: '  ' }).duneApi, 'NOT SET');
  });
  it('validates each variable with an error naming it', () => {
    for (const v of ['1', '5', 'three', '2.5']) assert.throws(() => parseIntelEnv({ DUNE_SCHEDULER_WORKERS: v }), named('DUNE_SCHEDULER_WORKERS'));
    for (const v of ['2', '3', '4']) assert.equal(parseIntelEnv({ DUNE_SCHEDULER_WORKERS: v }).schedulerWorkers, Number(v));
    for (const v of ['0', '-1', 'x']) assert.throws(() => parseIntelEnv({ HB_ACTIVE_POOL_CAP: v }), named('HB_ACTIVE_POOL_CAP'));
    assert.throws(() => parseIntelEnv({ HB_ACTIVE_POOLS: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640,0xnothex' }), named('HB_ACTIVE_POOLS'));
    assert.throws(() => parseIntelEnv({ HB_ACTIVE_POOLS: ',' }), named('HB_ACTIVE_POOLS'));
    assert.deepEqual(parseIntelEnv({ HB_ACTIVE_POOLS: ' 0x88E6A0C2DDD26FEEB64F039A2C41296FCB3F5640 , 0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640' }).activePools, ['0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640']);
    assert.throws(() => parseIntelEnv({ DUNE_DAILY_CREDIT_BUDGET: '0' }), named('DUNE_DAILY_CREDIT_BUDGET'));
  });
  it('number settings are decimal only: DUNE_DAILY_CREDIT_BUDGET=0x10 is bad input, not 16', () => {
    for (const v of ['0x10', '0b11', 'Infinity']) assert.throws(() => parseIntelEnv({ DUNE_DAILY_CREDIT_BUDGET: v }), named('DUNE_DAILY_CREDIT_BUDGET'));
    assert.equal(parseIntelEnv({ DUNE_DAILY_CREDIT_BUDGET: '12.5' }).dailyCreditBudget, 12.5);
    assert.throws(() => parseIntelEnv({ CLMM_INTEL_CACHE: 'memcached' }), named('CLMM_INTEL_CACHE'));
    assert.throws(() => parseIntelEnv({ CLMM_INTEL_REDIS_URL: 'http://x' }), named('CLMM_INTEL_REDIS_URL'));
  });
  it('query ids: per user, from the data dir file, DUNE_QUERY_IDS and --query-ids, validated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clmm-qids-'));
    try {
      mkdirSync(join(dir, 'intel'));
      writeFileSync(join(dir, 'intel', 'query_ids.json'), JSON.stringify({ gas_regime: 1, pool_hourly_fees: 2 }));
      writeFileSync(join(dir, 'flag.json'), JSON.stringify({ pool_hourly_fees: 3 }));
      const { ids, sources } = loadQueryIds({ registry: REGISTRY, dataDir: dir, inline: 'gas_regime=10,mev_risk=11', file: join(dir, 'flag.json') });
      assert.deepEqual(Object.fromEntries(ids), { gas_regime: 10, pool_hourly_fees: 3, mev_risk: 11 });
      assert.equal(sources.length, 3);
      assert.throws(() => parseQueryIdsInline(REGISTRY, 'nope=1'), named('DUNE_QUERY_IDS: nope', 'INTEL_QUERY_IDS'));
      assert.throws(() => parseQueryIdsInline(REGISTRY, 'gas_regime=-4'), named('DUNE_QUERY_IDS: gas_regime', 'INTEL_QUERY_IDS'));
      assert.throws(() => loadQueryIds({ registry: REGISTRY, dataDir: dir, file: join(dir, 'none.json') }), (e: unknown) => e instanceof ClmmLabError && e.code === 'INTEL_QUERY_IDS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
