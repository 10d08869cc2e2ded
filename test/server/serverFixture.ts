/**
 * Fixtures of the server's tests: a data dir holding one finished campaign (with a failed episode)
 * and one experiment, made once per test file, and apps built on it with an in-memory intel cache
 * that holds one fresh P0 entry. Apps validate every JSON response against its schema.
 */
import { after } from 'node:test';
import { join } from 'node:path';
import { fixedClock } from '../../src/intel/clock.ts';
import type { IntelCache } from '../../src/intel/cache/IntelCache.ts';
import { openIntelCache } from '../../src/intel/cache/openIntelCache.ts';
import { getQuery, REGISTRY } from '../../src/intel/registry.ts';
import { buildApp, type BuildAppDeps, type ClmmLabApp } from '../../src/server/buildApp.ts';
import { createIntelStatusSource, type IntelStatusSource } from '../../src/server/intelStatusSource.ts';
import { writeFileSync } from 'node:fs';
import { runInProcess, SMALL, tempDirs } from '../campaign/campaignHarness.ts';

export const RUN = 'srv';
export const RUN_EPISODES = 12;
/** The episode that fails on purpose (CLMM_FAIL_EPISODES). */
export const FAILED_INDEX = 5;
export const EXPERIMENT = 'srvexp_n2_s1';
/** The intel clock: the fresh gas_regime entry below is 60 s old. */
export const INTEL_NOW_MS = Date.parse('2026-03-01T12:00:00Z');

const dirs = tempDirs();
const apps: ClmmLabApp[] = [];
after(async () => {
  for (const a of apps) await a.app.close();
});

export function tempDir(prefix: string): string {
  return dirs(prefix);
}

/** A data dir with run `srv` (finished) and experiment `srvexp_n2_s1`. */
export async function finishedDataDir(): Promise<string> {
  const d = dirs('server');
  const run = await runInProcess(['campaign', '--episodes', String(RUN_EPISODES), ...SMALL, '--run-id', RUN, '--data-dir', d, '--workers', '1'], { CLMM_FAIL_EPISODES: String(FAILED_INDEX) });
  if (run.code !== 0) throw new Error(`campaign failed: ${run.err}`);
  const spec = join(d, 'spec.json');
  writeFileSync(spec, JSON.stringify({ name: 'srvexp', market: { regime_mix: 'mean_revert:0.4,jumpy:0.3,trend_up:0.3', horizon_s: 3600, lanes: 2 }, variants: [{ name: 'A', learning: false, settings: { evGate: false } }, { name: 'B', learning: false }], reference: 'B', candidates: ['A'] }));
  const exp = await runInProcess(['compare', '--spec', spec, '--episodes', '2', '--seed', '1', '--data-dir', d, '--workers', '1']);
  if (exp.code !== 0) throw new Error(`compare failed: ${exp.err}`);
  return d;
}

/** An in-memory cache with gas_regime fetched 60 s before INTEL_NOW_MS. */
export async function memoryIntelCache(): Promise<IntelCache> {
  const cache = await openIntelCache({ kind: 'sqlite', path: ':memory:' });
  await cache.recordSuccess({ spec: getQuery(REGISTRY, 'gas_regime'), scope: { kind: 'global' }, rows: [{ action: 'all', tx_count: 1, gas_used_median: 1, gas_price_gwei_median: 1, gas_price_gwei_p90: 1, gas_price_gwei_last_hour: null, gas_usd_median: 1, gas_usd_p75: 2, gas_usd_p90: 3, eth_usd: 2000 }], asof: '2026-03-01T11:59:00Z', source: 'dune_latest', fetchedAtMs: INTEL_NOW_MS - 60_000 });
  return cache;
}

export function memoryIntel(open: () => Promise<IntelCache> = memoryIntelCache): IntelStatusSource {
  return createIntelStatusSource({ open, registry: REGISTRY, clock: fixedClock(INTEL_NOW_MS), dailyCreditBudget: 80 });
}

/** An app on `dataDir`, closed after the test file's tests. */
export async function testApp(dataDir: string, deps: Partial<BuildAppDeps> = {}): Promise<ClmmLabApp> {
  const built = await buildApp({ dataDir, intel: memoryIntel(), checkResponses: true, ...deps });
  apps.push(built);
  return built;
}
