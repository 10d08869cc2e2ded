/**
 * `clmm-lab campaign`: turns flags and the environment into a prepared run (campaign/prepareRun:
 * settings, calibration, intel freeze, run folder, or the saved run with `--resume`), prints the
 * original's start lines, runs the lanes through the worker-thread transport with a progress bar,
 * and prints the agent against every baseline per regime. SIGINT/SIGTERM stop after the episodes
 * in flight and leave a resumable run (exit 130).
 */
import { appendFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { Option, type Command } from 'commander';
import { startBackgroundIntel, type BackgroundIntel } from '../../campaign/backgroundIntel.ts';
import { executeRun } from '../../campaign/executeRun.ts';
import { formatEndTable } from '../../campaign/endTable.ts';
import { replayMarketSource } from '../../campaign/marketSources.ts';
import { CAMPAIGN_SETTINGS } from '../../campaign/prepareNewRun.ts';
import { prepareRun } from '../../campaign/prepareRun.ts';
import type { PrepareRunDeps } from '../../campaign/prepareRunTypes.ts';
import { createWorkerThreadTransport } from '../../campaign/workerThreadTransport.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { EpisodeMetricsRow } from '../../episode/episodeArtifacts.ts';
import { resolveSettings } from '../../config/resolveSettings.ts';
import { settingByKey, type SettingDef } from '../../config/settingsTable.ts';
import { parseIntelEnv, type Env } from '../../intel/env.ts';
import { formatRegimeMix, parseRegimeMix } from '../../market/regimeMix.ts';
import { resolveDataDir } from '../dataDir.ts';
import { intFlag } from '../flags.ts';
import { openCacheFromFlags } from '../intelCacheFlags.ts';
import { progressSink, usd } from '../progress.ts';
import { packageVersion } from '../version.ts';

interface CampaignFlags {
  dataDir: string;
  runId?: string;
  resume?: string;
  workers?: number;
  config?: string;
  [key: string]: unknown;
}

export interface CampaignDeps {
  env?: Env;
  print?: (line: string) => void;
  now?: () => Date;
  tty?: boolean;
  /** Installs SIGINT/SIGTERM handlers; returns a function that removes them. */
  onSignal?: (handler: (signal: string) => void) => () => void;
}

/** The commander attribute name of a long flag (`--horizon-s` → `horizonS`). */
function attributeOf(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function settingOption(def: SettingDef): Option {
  const env = def.env.join(' / ');
  return new Option(`${def.flag} <${def.valueName ?? 'value'}>`, `${def.description} (env ${env}; default ${def.defaultDoc})`);
}

export function registerCampaign(program: Command, deps: CampaignDeps = {}): void {
  const cmd = program
    .command('campaign')
    .description('Run a campaign of episodes of the LP agent and every baseline on the same market paths, and write its artifact tree')
    .option('--data-dir <dir>', 'where runs/<run_id>/ is written (env CLMM_DATA_DIR)', undefined)
    .option('--run-id <id>', 'name of the run (default run_<UTC time>)')
    .option('--resume <id>', 'continue a stopped run; its saved settings are used (a conflicting flag is an error)')
    .option('--workers <n>', 'worker threads (results do not depend on it; default: cores, at most the lanes)', intFlag('--workers', 1, 64))
    .option('--config <file>', 'JSON file of settings (keys as in docs/settings.md) and optional "market" and "agent" objects');
  for (const def of CAMPAIGN_SETTINGS) cmd.addOption(settingOption(def));
  cmd.action(async (opts: CampaignFlags) => {
    const code = await runCampaignCommand(opts, deps);
    if (code === 130) throw new ClmmLabError('INTERRUPTED', 'campaign stopped by a signal after the episodes in flight; resume it with --resume');
  });
}

function flagValues(opts: CampaignFlags): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const def of CAMPAIGN_SETTINGS) {
    const v = opts[attributeOf(def.flag)];
    if (v !== undefined) out[def.key] = String(v);
  }
  return out;
}

export async function runCampaignCommand(opts: CampaignFlags, deps: CampaignDeps): Promise<number> {
  const env = deps.env ?? process.env;
  const print = deps.print ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => new Date());
  const dataDir = resolveDataDir(opts.dataDir, env);
  const flags = flagValues(opts);
  const defaultWorkers = Math.max(1, availableParallelism());

  const intelEnv = parseIntelEnv(flags.duneApiKey === undefined ? env : { ...env, DUNE_API_KEY: flags.duneApiKey });
  const intelRefresh = resolveSettings({ flags: { intelRefresh: flags.intelRefresh }, env }, [settingByKey('intelRefresh')]).values.intelRefresh === true;
  const setupNotes: string[] = [];
  const prepareDeps: PrepareRunDeps = {
    clock: now,
    dataDir,
    cwd: process.cwd(),
    openIntelCache: () => openCacheFromFlags({ dataDir }, intelEnv),
    host: { host: hostname(), node: process.version, clmm_lab: packageVersion() },
    log: (line) => setupNotes.push(line),
  };
  const { run, realDataDir, replayWindows } = opts.resume !== undefined
    ? await prepareRun(prepareDeps, { kind: 'resume', runId: opts.resume, flags, ...(opts.runId === undefined ? {} : { runIdFlag: opts.runId }), ...(opts.config === undefined ? {} : { configPath: opts.config }) })
    : await prepareRun(prepareDeps, { kind: 'new', flags, env, workers: opts.workers ?? defaultWorkers, ...(opts.config === undefined ? {} : { configPath: opts.config }), ...(opts.runId === undefined ? {} : { runId: opts.runId }) });

  const { paths, ctx } = run;
  const workers = Math.min(opts.workers ?? defaultWorkers, ctx.lanes);
  const stamp = () => {
    const d = now();
    const p = (n: number) => String(n).padStart(2, '0');
    return `[${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}] `;
  };
  const logFile = (line: string) => appendFileSync(paths.campaignLog, `${stamp()}${line}\n`);
  const log = (line: string) => {
    print(`${stamp()}${line}`);
    logFile(line);
  };
  const s = run.config.settings;
  const poolScope = { chain: ctx.marketConfig.pool.chain, pool_address: ctx.marketConfig.pool.address.toLowerCase() };
  const resuming = opts.resume !== undefined;
  let removeSignals = () => {};
  let background: BackgroundIntel | undefined;
  try {
    log(`🆔 Run ID: ${ctx.runId}`);
    for (const line of setupNotes) log(line);
    log(`🌍 Env: HB_ENV=${s.hbEnv} | MOCK_CLMM=${s.mockClmm} | EXEC_MODE=${ctx.execution.mode} (executor ${ctx.execution.executor})`);
    log(`🧪 Learning: LEARN_FROM_MOCK=${s.learnFromMock}`);
    log(`🎲 Seed: HB_SEED=${s.seed}`);
    log(`🔑 Dune API: ${intelEnv.duneApi}`);
    log(`🚀 ${resuming ? 'Resuming' : 'Starting'} clmm-lab campaign (Uniswap V3 CLMM, ${s.market === 'replay' ? 'recorded-data replay' : 'simulated market'})`);
    log(`🎯 Episodes: 0..${ctx.episodes - 1} (${ctx.episodes} in ${ctx.lanes} lanes on ${workers} worker${workers === 1 ? '' : 's'})`);
    log(`📁 Run dir: ${paths.root}`);
    log(`🗂  Campaign log: ${paths.campaignLog}`);
    const mix = parseRegimeMix(s.regimeMix);
    log(s.market === 'replay' ? '🔁 Regime mix: not used (each recorded window is labelled with the regime its statistics show)' : `🔁 Regime mix: ${formatRegimeMix(mix.mix)}${mix.normalised ? ' (renormalised)' : ''}`);
    log(`💰 Gating: GAS=${usd(ctx.agentConfig.gasUsd)}, FEE_GATE=${usd(ctx.agentConfig.feeGateUsd)} (exec_mode=${ctx.execution.mode}, EV gate ${ctx.agentConfig.evGateEnabled ? 'on' : 'off'})`);
    log(`📐 Calibration: ${ctx.calibrationSha256 === null ? 'none' : `sha256 ${ctx.calibrationSha256}`}`);
    log(`🧠 Intel snapshot: ${ctx.intel.hygiene.fresh}/${ctx.intel.hygiene.total_queries} fresh, ${ctx.intel.hygiene.stale} stale (sha256 ${ctx.intel.sha256.slice(0, 16)})`);
    if (s.market === 'replay') log(`📼 Replay windows: ${replayWindows ?? replayMarketSource(ctx, realDataDir).windowCount} from ${realDataDir} (episode i replays window i mod the count)`);
    log(s.disablePoolValidation ? '⏭  Skipping pool validation (DISABLE_POOL_VALIDATION=true)' : '⏭  Skipping pool validation (mock mode)');
    log('⏭  Skipping Gateway check (Mock Mode active)');
    if (ctx.intel.hygiene.fresh + ctx.intel.hygiene.stale === 0) {
      log(`🧠 Intel: no usable cached result (${intelEnv.duneApiKey === undefined ? 'Dune API NOT SET' : 'cache empty or too old'}): every query is missing or too old; the agent uses its defaults`);
    }
    if (intelRefresh) {
      if (intelEnv.duneApiKey === undefined) log('🧠 Intel refresh: skipped (DUNE_API_KEY not set)');
      else {
        background = await startBackgroundIntel({ dataDir, env: intelEnv, openCache: () => openCacheFromFlags({ dataDir }, intelEnv), log: logFile });
        log('🧠 Intel refresh: scheduler running in the background (results serve later runs; this run keeps its snapshot)');
        background.trigger('episode_start', poolScope);
      }
    }

    const stop = new AbortController();
    let signals = 0;
    const onSignal = deps.onSignal ?? defaultSignalHandlers;
    removeSignals = onSignal((signal) => {
      signals++;
      if (signals > 1) {
        logFile(`🛑 ${signal} again: exiting now; the run is resumable`);
        process.exit(130);
      }
      stop.abort();
      log(`🛑 ${signal}: stopping after the episodes in flight (press again to exit now)`);
    });
    // with the refresher on, a change of the agent's regime estimate asks for fresh intel
    let lastRegime: string | null = null;
    const onRow = (row: EpisodeMetricsRow) => {
      if (background !== undefined && row.regime_estimate !== null && lastRegime !== null && row.regime_estimate !== lastRegime) background.trigger('regime_change', poolScope);
      if (row.regime_estimate !== null) lastRegime = row.regime_estimate;
    };
    const result = await executeRun({ paths, ctx, transport: createWorkerThreadTransport({ workers }), realDataDir, signal: stop.signal, logFile, onRow, progress: progressSink({ tty: deps.tty ?? process.stdout.isTTY === true, print, label: ctx.runId }) });
    if (!result.completed) {
      log(`⏸  Stopped: ${result.written} episodes written${result.verified > 0 ? `, ${result.verified} verified` : ''}. Resume with: clmm-lab campaign --resume ${ctx.runId} --data-dir ${dataDir}`);
      return 130;
    }
    log('🏆 Campaign Complete!');
    log('📊 Generating metrics...');
    const summary = result.summary!;
    log(`📊 ${summary.successful as number} successful, ${summary.failed as number} failed, ${summary.skipped as number} skipped; agent net PnL ${usd(summary.total_pnl_usd as number)} (fees ${usd(summary.total_fees_usd as number)}, gas ${usd(summary.total_gas_usd as number)}), alpha ${usd(summary.total_alpha_usd as number)}, widen ${(summary.widen_pct as number).toFixed(1)}%`);
    if (resuming) log(`🔁 Resume: ${result.verified} episodes verified byte for byte, ${result.written} written`);
    for (const line of formatEndTable(summary)) log(line);
    log(`📈 Report: ${paths.report}`);
    log(`📁 Artifacts: ${paths.root}`);
    return 0;
  } finally {
    removeSignals();
    if (background !== undefined) {
      const r = await background.stop();
      log(`🧠 Intel refresh: stopped (${r.refreshed} refreshed, ${r.failed} failed; Dune requests still unanswered were abandoned)`);
    }
    run.lock.release();
  }
}

function defaultSignalHandlers(handler: (signal: string) => void): () => void {
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}
