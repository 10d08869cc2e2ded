/**
 * `clmm-lab serve`: the read-only HTTP server over the data dir (src/server/buildApp.ts): the REST
 * API, the live event stream, `/metrics` and `/openapi.json`. Binds 127.0.0.1 unless told
 * otherwise; stops on SIGINT / SIGTERM after closing its open streams (exit 0: stopping is how a
 * server ends). Environment: CLMM_SERVER_HOST, CLMM_SERVER_PORT, CLMM_METRICS_FINISHED_RUNS, and the
 * intel cache's (CLMM_INTEL_CACHE, CLMM_INTEL_REDIS_URL, DUNE_DAILY_CREDIT_BUDGET); a flag wins.
 */
import type { Command } from 'commander';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import { systemClock } from '../../intel/clock.ts';
import { parseIntelEnv, type Env } from '../../intel/env.ts';
import { REGISTRY } from '../../intel/registry.ts';
import { buildApp, DEFAULT_FINISHED_RUNS_CAP } from '../../server/buildApp.ts';
import { createIntelStatusSource } from '../../server/intelStatusSource.ts';
import { resolveDataDir } from '../dataDir.ts';
import { addCacheOptions, openCacheFromFlags, type CacheOptionValues } from '../intelCacheFlags.ts';
import { packageVersion } from '../version.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

interface ServeFlags extends CacheOptionValues {
  port?: string;
  host?: string;
  metricsFinishedRuns?: string;
}

/** A flag, else its variable, else the default; `parse` names whichever was used. */
function pick<T>(flag: string | undefined, flagName: string, env: Env, envName: string, fallback: T, parse: (raw: string, name: string, code: 'BAD_FLAG' | 'BAD_ENV') => T): T {
  if (flag !== undefined) return parse(flag, flagName, 'BAD_FLAG');
  const v = env[envName];
  return v === undefined || v.trim() === '' ? fallback : parse(v.trim(), envName, 'BAD_ENV');
}

function intIn(min: number, max: number) {
  return (raw: string, name: string, code: 'BAD_FLAG' | 'BAD_ENV'): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw badInput(code, name, `a decimal integer from ${min} to ${max}`, raw);
    return Number(raw);
  };
}

function hostName(raw: string, name: string, code: 'BAD_FLAG' | 'BAD_ENV'): string {
  if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(raw)) throw badInput(code, name, 'a host name or IP address (e.g. 127.0.0.1)', raw);
  return raw;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function registerServe(program: Command, deps: { env?: Env; print?: (line: string) => void } = {}): void {
  const env = (): Env => deps.env ?? process.env;
  const print = deps.print ?? ((line: string) => console.log(line));
  addCacheOptions(program.command('serve').description('Serve the data dir read-only over HTTP: REST API, live run events (SSE), Prometheus /metrics, /openapi.json'))
    .option('--port <port>', `TCP port, 0 for any free one (env CLMM_SERVER_PORT, default ${DEFAULT_PORT})`)
    .option('--host <host>', `address to bind (env CLMM_SERVER_HOST, default ${DEFAULT_HOST}: this machine only)`)
    .option('--metrics-finished-runs <n>', `finished runs with their own /metrics series besides the running ones (env CLMM_METRICS_FINISHED_RUNS, default ${DEFAULT_FINISHED_RUNS_CAP})`)
    .action(async (opts: ServeFlags) => {
      const e = env();
      const intelEnv = parseIntelEnv(e);
      const dataDir = resolveDataDir(opts.dataDir, e);
      const port = pick(opts.port, '--port', e, 'CLMM_SERVER_PORT', DEFAULT_PORT, intIn(0, 65535));
      const host = pick(opts.host, '--host', e, 'CLMM_SERVER_HOST', DEFAULT_HOST, hostName);
      const finishedRunsCap = pick(opts.metricsFinishedRuns, '--metrics-finished-runs', e, 'CLMM_METRICS_FINISHED_RUNS', DEFAULT_FINISHED_RUNS_CAP, intIn(0, 10_000));
      if (opts.cache !== undefined && opts.cache !== 'sqlite' && opts.cache !== 'redis') throw badInput('BAD_FLAG', '--cache', 'sqlite or redis', opts.cache);
      const intel = createIntelStatusSource({ open: () => openCacheFromFlags({ ...opts, dataDir }, intelEnv), registry: REGISTRY, clock: systemClock, dailyCreditBudget: intelEnv.dailyCreditBudget });
      // warnings and faults (a 500's cause) go to stdout as JSON lines; requests are not logged
      const { app } = await buildApp({ dataDir, intel, version: packageVersion(), finishedRunsCap, logger: { level: 'warn' } });
      let address: string;
      try {
        address = await app.listen({ host, port });
      } catch (cause) {
        await app.close();
        throw new ClmmLabError('SERVER_LISTEN', `cannot listen on ${host}:${port}: ${(cause as Error).message}`, { details: { field: '--port', host, port }, cause });
      }
      if (!LOOPBACK.has(host)) print(`warning: bound to ${host}: anyone who can reach it can read the runs (the API is read-only)`);
      print(`clmm-lab serve: listening on ${address} (data dir ${dataDir}); API /api/runs, events /api/runs/<run_id>/events, metrics /metrics, document /openapi.json`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.removeListener('SIGINT', stop);
          process.removeListener('SIGTERM', stop);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      print('clmm-lab serve: stopped');
    });
}
