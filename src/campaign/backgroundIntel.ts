/**
 * The intel scheduler running inside a campaign (`--intel-refresh true`): it refreshes the cache
 * in the background for later runs, while this run keeps the snapshot it froze at its start. It
 * never blocks an episode: episodes run on worker threads and read nothing from it, and at the end
 * the campaign aborts whatever Dune has not answered instead of waiting for it.
 */
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import { realSleep, systemClock } from '../intel/clock.ts';
import { createDuneClient } from '../intel/dune/DuneClient.ts';
import type { IntelEnv } from '../intel/env.ts';
import { loadQueryIds } from '../intel/queryIds.ts';
import { REGISTRY } from '../intel/registry.ts';
import { createIntelScheduler, type SchedulerLogEvent } from '../intel/scheduler/scheduler.ts';
import { appendTrigger, triggersPath } from '../intel/scheduler/triggers.ts';

export interface BackgroundIntel {
  /** Asks the scheduler for a refresh (appends to the triggers file it consumes each cycle). */
  trigger(reason: 'episode_start' | 'regime_change', params: { chain: string; pool_address: string }): void;
  /** Aborts Dune requests in flight, waits for the scheduler to wind down, closes its cache connection. */
  stop(): Promise<{ refreshed: number; failed: number }>;
}

export async function startBackgroundIntel(params: { dataDir: string; env: IntelEnv; openCache: () => Promise<IntelCache>; log: (line: string) => void; intervalMs?: number }): Promise<BackgroundIntel> {
  const { env } = params;
  const shutdown = new AbortController();
  const cache = await params.openCache();
  const { ids } = loadQueryIds({ registry: REGISTRY, dataDir: params.dataDir, inline: env.queryIdsInline });
  const client = env.duneApiKey === undefined ? null : createDuneClient({ apiKey: env.duneApiKey, baseUrl: env.duneBaseUrl, clock: systemClock, sleep: realSleep, requestTimeoutMs: 15_000, signal: shutdown.signal });
  const file = triggersPath(params.dataDir);
  let refreshed = 0;
  let failed = 0;
  const scheduler = createIntelScheduler({
    registry: REGISTRY,
    cache,
    client,
    queryIds: ids,
    clock: systemClock,
    sleep: realSleep,
    workers: env.schedulerWorkers,
    activePoolCap: env.activePoolCap,
    activePools: env.activePools,
    dailyCreditBudget: env.dailyCreditBudget,
    triggersFile: file,
    log: (e: SchedulerLogEvent) => {
      if (e.event === 'refresh_ok') refreshed++;
      else if (e.event === 'refresh_failed') {
        failed++;
        params.log(`🧠 intel refresh failed: ${String(e.key)}: ${String(e.code)}`);
      }
    },
  });
  const running = scheduler.run({ intervalMs: params.intervalMs ?? 60_000 }).catch((error: unknown) => params.log(`🧠 intel scheduler stopped: ${(error as Error).message}`));
  return {
    trigger(reason, scope) {
      appendTrigger(file, { timestamp: new Date().toISOString(), reason, query_key: '*', params: scope, priority: 'P1' });
    },
    async stop() {
      shutdown.abort();
      await scheduler.stop();
      await running;
      await cache.close();
      return { refreshed, failed };
    },
  };
}
