/**
 * `clmm-lab campaign`: resolves the settings (flag > environment > --config file > calibration >
 * default), freezes the intel snapshot and the calibration, creates the run folder (or opens it with
 * `--resume`), prints the original's start lines, runs the lanes on worker threads with a progress
 * bar, and prints the agent against every baseline per regime. SIGINT/SIGTERM stop after the
 * episodes in flight and leave a resumable run (exit 130).
 */
import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { AgentConfigPatch } from '../../agent/agentConfig.ts';
import { parseLearningState } from '../../agent/learning.ts';
import { AgentConfigError, parseAgentConfigPatch } from '../../agent/parseAgentConfigPatch.ts';
import { startBackgroundIntel, type BackgroundIntel } from '../../campaign/backgroundIntel.ts';
import { executeRun } from '../../campaign/executeRun.ts';
import { formatEndTable } from '../../campaign/endTable.ts';
import { replayMarketSource } from '../../campaign/marketSources.ts';
import { checkRunId, createRunFolder, openRunFolder, type OpenRun, type RunEnv } from '../../campaign/runFolder.ts';
import { frozenIntelText } from '../../campaign/frozenIntel.ts';
import { RUN_SETTING_KEYS, epochOfRunId, type RunSettings } from '../../campaign/runSpec.ts';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { EpisodeMetricsRow } from '../../episode/episodeArtifacts.ts';
import { resolveSettings, type ResolvedSettings } from '../../config/resolveSettings.ts';
import { SETTINGS, settingByKey, type SettingDef } from '../../config/settingsTable.ts';
import { loadCalibration, type CalibrationReport } from '../../intel/calibration/report.ts';
import { parseIntelEnv, type Env, type IntelEnv } from '../../intel/env.ts';
import { MarketConfigError, parseMarketConfig, type MarketConfig } from '../../market/marketConfig.ts';
import { formatRegimeMix, parseRegimeMix, RegimeMixError } from '../../market/regimeMix.ts';
import { createRng } from '../../market/Rng.ts';
import { realDataFingerprint, replayEpisodeMarkets, resolveRealDataDir } from '../../store/realData.ts';
import { defaultRunId } from '../../store/runPaths.ts';
import { resolveDataDir } from '../dataDir.ts';
import { intFlag } from '../flags.ts';
import { progressSink, usd } from '../progress.ts';
import { packageVersion } from '../version.ts';
import { openCacheFromFlags } from './intel.ts';

export const DEFAULT_DATA_DIR = 'data';

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

const CAMPAIGN_SETTINGS = SETTINGS.filter((s) => s.scope !== 'intel');

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

interface ConfigFile {
  settings: Record<string, unknown>;
  market: unknown;
  agent: unknown;
}

function readConfigFile(path: string): ConfigFile {
  if (!existsSync(path)) throw badInput('BAD_CONFIG', '--config', 'an existing JSON file', path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ClmmLabError('BAD_CONFIG', `${path}: not JSON (${(error as Error).message})`, { details: { field: '(root)', path } });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw badInput('BAD_CONFIG', `${path}: (root)`, 'a JSON object of settings', json);
  const { market, agent, ...settings } = json as Record<string, unknown>;
  return { settings, market, agent };
}

function marketConfigOf(json: unknown, path: string | undefined): MarketConfig {
  try {
    return parseMarketConfig(json);
  } catch (error) {
    if (error instanceof MarketConfigError) throw new ClmmLabError('BAD_CONFIG', `${path ?? 'config'}: market.${error.field}: expected ${error.expected}`, { details: error.details });
    throw error;
  }
}

function agentPatchOf(json: unknown, path: string | undefined): AgentConfigPatch {
  try {
    return parseAgentConfigPatch(json);
  } catch (error) {
    if (error instanceof AgentConfigError) throw new ClmmLabError('BAD_CONFIG', `${path ?? 'config'}: agent.${error.field}: expected ${error.expected}`, { details: { field: `agent.${error.field}` } });
    throw error;
  }
}

/** EXEC_MODE as DESIGN.md resolves it: MOCK_CLMM=true forces mock; HB_ENV=real with EXEC_MODE unset means shadow. */
export function resolveExecMode(values: Record<string, unknown>): string {
  if (values.mockClmm === true) return 'mock';
  if (values.execMode !== null && values.execMode !== undefined) return values.execMode as string;
  return values.hbEnv === 'real' ? 'shadow' : 'mock';
}

function loadCalibrationFile(path: string, source: string): { report: CalibrationReport; sha256: string; text: string } {
  if (!existsSync(path)) throw badInput('BAD_CALIBRATION', source, 'an existing calibration report file', path);
  const text = readFileSync(path, 'utf8');
  return { ...loadCalibration(text, path), text };
}

function mixError(error: unknown, resolved: ResolvedSettings): never {
  if (error instanceof RegimeMixError) {
    const where = resolved.sources.regimeMix === 'flag' ? '--regime-mix' : resolved.sources.regimeMix === 'env' ? 'HB_REGIME_MIX' : 'config.regimeMix';
    throw new ClmmLabError('BAD_REGIME_MIX', `${where}: ${error.message}`, { details: { field: where, part: error.part } });
  }
  throw error;
}

export async function runCampaignCommand(opts: CampaignFlags, deps: CampaignDeps): Promise<number> {
  const env = deps.env ?? process.env;
  const print = deps.print ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => new Date());
  const dataDir = resolveDataDir(opts.dataDir, env);
  const flags = flagValues(opts);
  const failEpisodes = parseFailEpisodes(env.CLMM_FAIL_EPISODES);
  const defaultWorkers = Math.max(1, availableParallelism());

  const intelEnv = parseIntelEnv(flags.duneApiKey === undefined ? env : { ...env, DUNE_API_KEY: flags.duneApiKey });
  const intelRefresh = resolveSettings({ flags: { intelRefresh: flags.intelRefresh }, env }, [settingByKey('intelRefresh')]).values.intelRefresh === true;
  const { run, realDataDir, replayWindows } = opts.resume !== undefined
    ? resumeRun({ opts, resume: opts.resume, flags, dataDir })
    : await newRun({ opts, flags, env, dataDir, intelEnv, now, failEpisodes, defaultWorkers });

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
  let stopFlag: SharedArrayBuffer | undefined;
  let removeSignals = () => {};
  let background: BackgroundIntel | undefined;
  try {
    log(`🆔 Run ID: ${ctx.runId}`);
    log(`🌍 Env: HB_ENV=${s.hbEnv} | MOCK_CLMM=${s.mockClmm} | EXEC_MODE=mock`);
    log(`🧪 Learning: LEARN_FROM_MOCK=${s.learnFromMock}`);
    log(`🎲 Seed: HB_SEED=${s.seed}`);
    log(`🔑 Dune API: ${intelEnv.duneApi}`);
    log(`🚀 ${resuming ? 'Resuming' : 'Starting'} clmm-lab campaign (Uniswap V3 CLMM, ${s.market === 'replay' ? 'recorded-data replay' : 'simulated market'})`);
    log(`🎯 Episodes: 0..${ctx.episodes - 1} (${ctx.episodes} in ${ctx.lanes} lanes on ${workers} worker${workers === 1 ? '' : 's'})`);
    log(`📁 Run dir: ${paths.root}`);
    log(`🗂  Campaign log: ${paths.campaignLog}`);
    const mix = parseRegimeMix(s.regimeMix);
    log(s.market === 'replay' ? '🔁 Regime mix: not used (each recorded window is labelled with the regime its statistics show)' : `🔁 Regime mix: ${formatRegimeMix(mix.mix)}${mix.normalised ? ' (renormalised)' : ''}`);
    log(`💰 Gating: GAS=${usd(ctx.agentConfig.gasUsd)}, FEE_GATE=${usd(ctx.agentConfig.feeGateUsd)} (exec_mode=mock, EV gate ${ctx.agentConfig.evGateEnabled ? 'on' : 'off'})`);
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

    stopFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(stopFlag);
    let signals = 0;
    const onSignal = deps.onSignal ?? defaultSignalHandlers;
    removeSignals = onSignal((signal) => {
      signals++;
      if (signals > 1) {
        logFile(`🛑 ${signal} again: exiting now; the run is resumable`);
        process.exit(130);
      }
      Atomics.store(flag, 0, 1);
      log(`🛑 ${signal}: stopping after the episodes in flight (press again to exit now)`);
    });
    // with the refresher on, a change of the agent's regime estimate asks for fresh intel
    let lastRegime: string | null = null;
    const onRow = (row: EpisodeMetricsRow) => {
      if (background !== undefined && row.regime_estimate !== null && lastRegime !== null && row.regime_estimate !== lastRegime) background.trigger('regime_change', poolScope);
      if (row.regime_estimate !== null) lastRegime = row.regime_estimate;
    };
    const result = await executeRun({ paths, ctx, workers, realDataDir, stopFlag, logFile, onRow, progress: progressSink({ tty: deps.tty ?? process.stdout.isTTY === true, print, label: ctx.runId }) });
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

interface PreparedRun {
  run: OpenRun;
  realDataDir: string;
  /** Replay windows counted while validating a new replay run. */
  replayWindows?: number;
}

/** `--resume ID`: the saved run, its lock taken; a flag that disagrees with the saved settings is an error. */
function resumeRun(p: { opts: CampaignFlags; resume: string; flags: Record<string, string | undefined>; dataDir: string }): PreparedRun {
  const { opts, flags, dataDir } = p;
  checkRunId(p.resume, '--resume');
  if (opts.runId !== undefined && opts.runId !== p.resume) throw new ClmmLabError('RESUME_CONFLICT', `--run-id ${opts.runId} conflicts with --resume ${p.resume}`, { details: { field: '--run-id' } });
  if (opts.config !== undefined) throw new ClmmLabError('RESUME_CONFLICT', '--config cannot be given with --resume: the run uses its saved settings', { details: { field: '--config' } });
  const run = openRunFolder({ dataDir, runId: p.resume });
  try {
    checkResumeFlags(flags, run.config.settings);
    const realDataDir = flags.realDataDir !== undefined ? resolveRealDataDir({ dir: flags.realDataDir, baseDir: process.cwd() }) : run.env.real_data_dir;
    return { run, realDataDir };
  } catch (error) {
    run.lock.release();
    throw error;
  }
}

/** A new run: settings resolved and validated, intel frozen, the run folder created (lock taken). */
async function newRun(p: { opts: CampaignFlags; flags: Record<string, string | undefined>; env: Env; dataDir: string; intelEnv: IntelEnv; now: () => Date; failEpisodes: number[]; defaultWorkers: number }): Promise<PreparedRun> {
  const { opts, flags, env, dataDir, intelEnv, now, failEpisodes, defaultWorkers } = p;
  let replayWindows: number | undefined;
  const config = opts.config === undefined ? null : readConfigFile(opts.config);
  const first = resolveSettings({ flags, env, config: config?.settings ?? {} }, CAMPAIGN_SETTINGS);
  const calibrationPath = first.values.calibration as string | null;
  const calibration = calibrationPath === null ? null : loadCalibrationFile(calibrationPath, first.sources.calibration === 'flag' ? '--calibration' : 'DUNE_CALIBRATION_JSON');
  const resolved = calibration === null ? first : resolveSettings({ flags, env, config: config?.settings ?? {}, calibration: { GAS_USD: calibration.report.calibrated_constants.GAS_USD, FEE_GATE: calibration.report.calibrated_constants.FEE_GATE } }, CAMPAIGN_SETTINGS);
  const v = resolved.values;
  const mode = resolveExecMode(v);
  if (mode === 'live' && v.iUnderstandLiveRisk !== true) throw new ClmmLabError('LIVE_NOT_ACKNOWLEDGED', 'EXEC_MODE=live needs I_UNDERSTAND_LIVE_RISK=true (or --i-understand-live-risk true)');
  if (mode !== 'mock') throw new ClmmLabError('MODE_NOT_AVAILABLE', `EXEC_MODE=${mode} is not available yet: only mock (sim) campaigns run in this version`, { details: { field: 'EXEC_MODE', mode } });
  try {
    parseRegimeMix(v.regimeMix as string);
  } catch (error) {
    mixError(error, resolved);
  }
  const marketConfig = marketConfigOf(config?.market, opts.config);
  const agentPatch = agentPatchOf(config?.agent, opts.config);
  // the recorded data must exist when replayed or named explicitly; a sim run does not need the default folder
  const realDataDir = v.market === 'replay' || resolved.sources.realDataDir !== 'default' ? resolveRealDataDir({ dir: v.realDataDir as string, baseDir: process.cwd() }) : resolve(v.realDataDir as string);
  if (v.market === 'replay') {
    if ((v.horizonSeconds as number) % 60 !== 0) {
      const where = resolved.sources.horizonSeconds === 'flag' ? '--horizon-s' : resolved.sources.horizonSeconds === 'env' ? 'HB_EPISODE_HORIZON_S' : 'config.horizonSeconds';
      throw badInput(resolved.sources.horizonSeconds === 'flag' ? 'BAD_FLAG' : resolved.sources.horizonSeconds === 'env' ? 'BAD_ENV' : 'BAD_CONFIG', where, 'a whole number of minutes with --market replay (the data has minute bars)', v.horizonSeconds);
    }
    // read the recorded data now, so a bad file is reported before the run folder exists
    replayWindows = replayEpisodeMarkets({ dataDir: realDataDir, horizonSeconds: v.horizonSeconds as number, blockSeconds: 12, config: marketConfig, rng: createRng(0) }).windowCount;
  }
  const learningPath = v.learningState as string | null;
  let learningStateText: string | null = null;
  if (learningPath !== null) {
    if (!existsSync(learningPath)) throw badInput('BAD_LEARNING_STATE', '--learning-state', 'an existing learning state file', learningPath);
    learningStateText = readFileSync(learningPath, 'utf8');
    try {
      parseLearningState(JSON.parse(learningStateText));
    } catch (error) {
      throw new ClmmLabError('BAD_LEARNING_STATE', `${learningPath}: ${(error as Error).message}`, { details: { field: '--learning-state' } });
    }
  }
  const runId = opts.runId ?? defaultRunId(now());
  checkRunId(runId, '--run-id');
  const settings = Object.fromEntries(RUN_SETTING_KEYS.map((k) => [k, k === 'execMode' ? 'mock' : v[k]])) as RunSettings;

  // the intel snapshot: read from the cache only (never waits on Dune), ages against the run's simulated start
  const intelText = await frozenIntelText({ openCache: () => openCacheFromFlags({ dataDir }, intelEnv), poolAddress: marketConfig.pool.address, atSeconds: settings.simStartSeconds ?? epochOfRunId(runId) });
  const runEnv: RunEnv = {
    started_at: now().toISOString(),
    host: hostname(),
    node: process.version,
    clmm_lab: packageVersion(),
    workers: opts.workers ?? defaultWorkers,
    data_dir: dataDir,
    real_data_dir: realDataDir,
    calibration_path: calibrationPath === null ? null : resolve(calibrationPath),
    learning_state_path: learningPath === null ? null : resolve(learningPath),
  };
  const run = createRunFolder({
    dataDir,
    calibrationText: calibration?.text ?? null,
    env: runEnv,
    inputs: {
      runId,
      settings,
      marketConfig,
      agentPatch,
      calibration: calibration === null ? null : { report: calibration.report, sha256: calibration.sha256 },
      intelText,
      learningStateText,
      realDataFingerprint: settings.market === 'replay' ? realDataFingerprint(realDataDir) : null,
      agentVersion: `clmm-lab@${packageVersion()}`,
      failEpisodes,
    },
  });
  return { run, realDataDir, ...(replayWindows === undefined ? {} : { replayWindows }) };
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

/** A flag given with --resume must agree with the run's saved value. */
function checkResumeFlags(flags: Record<string, string | undefined>, saved: RunSettings): void {
  for (const [key, raw] of Object.entries(flags)) {
    if (raw === undefined) continue;
    const def = settingByKey(key);
    if (!(RUN_SETTING_KEYS as string[]).includes(key)) {
      if (key === 'realDataDir' || key === 'duneApiKey' || key === 'intelRefresh') continue; // host-side, not part of the run's bytes
      throw new ClmmLabError('RESUME_CONFLICT', `${def.flag} cannot be changed on --resume: the run uses its saved inputs`, { details: { field: def.flag } });
    }
    const resolved = resolveSettings({ flags: { [key]: raw }, env: {} }, [def]).values[key];
    const was = saved[key as keyof RunSettings];
    if (resolved !== was) throw new ClmmLabError('RESUME_CONFLICT', `${def.flag} ${raw} conflicts with the run's saved value ${JSON.stringify(was)}; drop the flag to resume`, { details: { field: def.flag, saved: was, got: raw } });
  }
}

function parseFailEpisodes(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const t = part.trim();
    if (!/^\d+$/.test(t)) throw badInput('BAD_ENV', 'CLMM_FAIL_EPISODES', 'comma-separated episode indices (a testing aid)', raw);
    return Number(t);
  });
}
