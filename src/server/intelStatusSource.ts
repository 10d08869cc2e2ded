/**
 * The intel status the server reports (`GET /api/intel/status`, the `clmm_intel_*` metrics), from
 * the same `intelStatus` as `clmm-lab intel status`. The cache is opened on first use, not at
 * start, so a server whose cache cannot be opened (a Redis that is down) still serves the runs; a
 * failed open is retried on the next request.
 */
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import type { Clock } from '../intel/clock.ts';
import type { Registry } from '../intel/registry.ts';
import { intelStatus, type IntelStatus } from '../intel/scheduler/status.ts';

export interface IntelStatusSource {
  status(): Promise<IntelStatus>;
  close(): Promise<void>;
}

export function createIntelStatusSource(p: { open: () => Promise<IntelCache>; registry: Registry; clock: Clock; dailyCreditBudget: number }): IntelStatusSource {
  let cache: Promise<IntelCache> | null = null;
  const opened = (): Promise<IntelCache> => {
    if (cache === null) {
      cache = p.open();
      cache.catch(() => {
        cache = null;
      });
    }
    return cache;
  };
  return {
    status: async () => intelStatus({ cache: await opened(), registry: p.registry, clock: p.clock, dailyCreditBudget: p.dailyCreditBudget }),
    close: async () => {
      const c = cache;
      cache = null;
      if (c !== null) await (await c.catch(() => null))?.close();
    },
  };
}
