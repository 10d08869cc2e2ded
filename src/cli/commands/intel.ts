/**
 * `clmm-lab intel registry | status | scheduler`: the Dune query registry, the cache's state, and
 * the refresh daemon. Environment (validated, errors name the variable): DUNE_API_KEY (presence
 * only; never printed), DUNE_SCHEDULER_WORKERS (2-4), HB_ACTIVE_POOL_CAP, HB_ACTIVE_POOLS,
 * DUNE_DAILY_CREDIT_BUDGET, DUNE_QUERY_IDS, DUNE_API_BASE_URL, CLMM_INTEL_CACHE, CLMM_INTEL_REDIS_URL.
 * A flag wins over its variable.
 */
import type { Command } from 'commander';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import { realSleep, systemClock } from '../../intel/clock.ts';
import { createDuneClient } from '../../intel/dune/DuneClient.ts';
import { parseIntelEnv, parsePoolList, parsePositiveInt, parsePositiveNumber, parseWorkers, type Env } from '../../intel/env.ts';
import { loadQueryIds } from '../../intel/queryIds.ts';
import { formatRegistry, PRIORITIES, REGISTRY, summarizeRegistry, type Priority } from '../../intel/registry.ts';
import { cycleFailure } from '../../intel/scheduler/cycleFailure.ts';
import { createIntelScheduler, type CycleReport, type SchedulerLogEvent } from '../../intel/scheduler/scheduler.ts';
import { formatStatus, intelStatus } from '../../intel/scheduler/status.ts';
import { triggersPath } from '../../intel/scheduler/triggers.ts';
import { resolveDataDir } from '../dataDir.ts';
import { addCacheOptions, openCacheFromFlags, type CacheOptionValues } from '../intelCacheFlags.ts';

interface SchedulerFlags extends CacheOptionValues {
  once?: boolean;
  interval: string;
  workers?: string;
  budget?: string;
  maxPriority: string;
  maxExpensive: string;
  queryIds?: string;
  activePools?: string;
  activePoolCap?: string;
  duneUrl?: string;
  performance: string;
  json?: boolean;
}

export function registerIntel(program: Command, deps: { env?: Env; print?: (line: string) => void } = {}): void {
  const env = (): Env => deps.env ?? process.env;
  const print = deps.print ?? ((line: string) => console.log(line));
  const intel = program.command('intel').description('Market intelligence from Dune: the query registry, the cache, the refresh scheduler');

  intel
    .command('registry')
    .description('List the 28 registered Dune queries by priority (enabled by default ✅, disabled ⬜) with scope and TTL')
    .option('--json', 'print {total, enabled_default, pool_scoped, by_priority, queries}')
    .action((opts: { json?: boolean }) => {
      print(opts.json ? JSON.stringify(summarizeRegistry(REGISTRY), null, 2) : formatRegistry(REGISTRY));
    });

  addCacheOptions(intel.command('status').description("Each cached query's quality, age, next refresh, credits spent and last error"))
    .option('--json', 'print the status as JSON')
    .action(async (opts: CacheOptionValues & { json?: boolean }) => {
      const e = parseIntelEnv(env());
      const cache = await openCacheFromFlags({ ...opts, dataDir: resolveDataDir(opts.dataDir, env()) }, e);
      try {
        const status = await intelStatus({ cache, registry: REGISTRY, clock: systemClock, dailyCreditBudget: e.dailyCreditBudget });
        print(opts.json ? JSON.stringify({ dune_api: e.duneApi, ...status }, null, 2) : `Dune API: ${e.duneApi}\n${formatStatus(status)}`);
      } finally {
        await cache.close();
      }
    });

  addCacheOptions(intel.command('scheduler').description('Keep the intel cache fresh: plan and run Dune refreshes under a daily credit budget (a daemon; --once for one cycle)'))
    .option('--once', 'run one cycle and exit')
    .option('--interval <seconds>', 'seconds between cycles', '60')
    .option('--workers <n>', 'concurrent refreshes, 2 to 4 (env DUNE_SCHEDULER_WORKERS, default 3)')
    .option('--budget <credits>', 'daily credit budget (env DUNE_DAILY_CREDIT_BUDGET, default 80)')
    .option('--max-priority <P>', 'highest priority refreshed besides risk queries: P0..P3', 'P1')
    .option('--max-expensive <n>', 'expensive queries per cycle (0 under high churn or high gas anyway)', '1')
    .option('--query-ids <file>', 'JSON {query name: Dune query id} (also DUNE_QUERY_IDS, <data-dir>/intel/query_ids.json)')
    .option('--active-pools <list>', 'comma list of pool addresses (env HB_ACTIVE_POOLS)')
    .option('--active-pool-cap <n>', 'how many active pools (env HB_ACTIVE_POOL_CAP, default 3)')
    .option('--dune-url <url>', 'Dune API base URL (env DUNE_API_BASE_URL)')
    .option('--performance <tier>', 'medium or large', 'medium')
    .option('--json', 'log events as JSON lines')
    .action(async (opts: SchedulerFlags) => {
      const e = parseIntelEnv(env());
      const dataDir = resolveDataDir(opts.dataDir, env());
      if (e.duneApiKey === undefined) throw new ClmmLabError('INTEL_NO_API_KEY', 'DUNE_API_KEY is not set: the scheduler needs a Dune API key (Dune API: NOT SET). Reading the cache (intel status, snapshots) works without it.');
      const workers = opts.workers === undefined ? e.schedulerWorkers : parseWorkers(opts.workers, '--workers', 'BAD_FLAG');
      const budget = opts.budget === undefined ? e.dailyCreditBudget : parsePositiveNumber(opts.budget, '--budget', 'BAD_FLAG');
      const cap = opts.activePoolCap === undefined ? e.activePoolCap : parsePositiveInt(opts.activePoolCap, '--active-pool-cap', 'BAD_FLAG');
      const pools = opts.activePools === undefined ? e.activePools : parsePoolList(opts.activePools, '--active-pools', 'BAD_FLAG');
      const interval = parsePositiveNumber(opts.interval, '--interval', 'BAD_FLAG');
      if (!(PRIORITIES as readonly string[]).includes(opts.maxPriority)) throw badInput('BAD_FLAG', '--max-priority', 'P0, P1, P2 or P3', opts.maxPriority);
      if (!/^\d+$/.test(opts.maxExpensive)) throw badInput('BAD_FLAG', '--max-expensive', 'a non-negative integer', opts.maxExpensive);
      if (opts.performance !== 'medium' && opts.performance !== 'large') throw badInput('BAD_FLAG', '--performance', 'medium or large', opts.performance);
      const { ids, sources } = loadQueryIds({ registry: REGISTRY, dataDir, inline: e.queryIdsInline, file: opts.queryIds });
      const cache = await openCacheFromFlags({ ...opts, dataDir }, e);
      const client = createDuneClient({ apiKey: e.duneApiKey, baseUrl: opts.duneUrl ?? e.duneBaseUrl, clock: systemClock, sleep: realSleep });
      const log = (ev: SchedulerLogEvent): void => {
        if (opts.json) return print(JSON.stringify(ev));
        if (ev.event === 'plan') {
          print(`[${ev.at}] plan: active pools ${(ev.active_pools as string[]).join(', ')}${(ev.notes as string[]).length ? `; ${(ev.notes as string[]).join('; ')}` : ''}`);
          for (const d of ev.decisions as Array<{ key: string; action: string; reason: string }>) print(`  ${d.action === 'refresh' ? 'refresh' : 'skip   '} ${d.key}: ${d.reason}`);
        } else if (ev.event === 'refresh_ok') print(`[${ev.at}] ok      ${ev.key} (${ev.source}, ${ev.credits} credits)`);
        else if (ev.event === 'refresh_failed') print(`[${ev.at}] failed  ${ev.key}: ${ev.code}: ${ev.message}`);
        else if (ev.event === 'cycle_end') print(`[${ev.at}] cycle done: ${ev.refreshed} refreshed, ${ev.failed} failed, ${ev.credits} credits (${ev.credits_today} today of ${budget})`);
        else if (ev.event === 'trigger_invalid') print(`[${ev.at}] invalid trigger skipped: ${ev.issue}`);
        else if (ev.event === 'stopping') print(`[${ev.at}] stopping: waiting for ${(ev.in_flight as string[]).length} refresh(es) in flight`);
      };
      print(`Dune API: PRESENT | cache ${cache.kind} ${cache.location} | workers ${workers} | budget ${budget}/day | query ids: ${ids.size} (${sources.join(', ') || 'none configured'})`);
      const scheduler = createIntelScheduler({
        registry: REGISTRY,
        cache,
        client,
        queryIds: ids,
        clock: systemClock,
        sleep: realSleep,
        workers,
        activePoolCap: cap,
        activePools: pools,
        dailyCreditBudget: budget,
        triggersFile: triggersPath(dataDir),
        planner: { max_priority: opts.maxPriority as Priority, max_expensive: Number(opts.maxExpensive) },
        performance: opts.performance,
        log,
      });
      let interrupted = false;
      const onSignal = (): void => {
        interrupted = true;
        void scheduler.stop();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let once: CycleReport | undefined;
      try {
        if (opts.once) once = await scheduler.runCycle();
        else await scheduler.run({ intervalMs: interval * 1000 });
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        await cache.close();
      }
      if (interrupted) throw new ClmmLabError('INTERRUPTED', 'scheduler stopped by a signal after its refreshes in flight', { details: { triggers: triggersPath(dataDir) } });
      const failure = once === undefined ? null : cycleFailure(once);
      if (failure !== null) throw failure;
    });
}
