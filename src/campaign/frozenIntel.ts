/**
 * The intel snapshot a run (or an experiment, for all its variants) freezes at its start: read from
 * the cache only, never waiting on Dune, with ages measured against the simulated start.
 */
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import { snapshotIntel } from '../intel/cache/snapshotIntel.ts';
import { fixedClock } from '../intel/clock.ts';
import { REGISTRY } from '../intel/registry.ts';
import { DEFAULT_POOL } from '../intel/scope.ts';
import { artifactText, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { intelSnapshotSchema } from '../store/artifacts/intelSnapshot.ts';

export async function frozenIntelText(p: { openCache: () => Promise<IntelCache>; poolAddress: string; atSeconds: number }): Promise<string> {
  const cache = await p.openCache();
  try {
    const snapshot = await snapshotIntel({ cache, registry: REGISTRY, scope: { chain: DEFAULT_POOL.chain, pool_address: p.poolAddress.toLowerCase() }, clock: fixedClock(p.atSeconds * 1000) });
    // the run folder's form: what the agent reads is rebuilt from these bytes (runSpec.intelFromText)
    return artifactText(intelSnapshotSchema, { schema_version: SCHEMA_VERSION, entries: snapshot.entries, hygiene: snapshot.hygiene, data: snapshot.data }, 'intel_snapshot.json');
  } finally {
    await cache.close();
  }
}
