/**
 * A new campaign run: settings resolved (flag > environment > --config file > calibration >
 * default) and validated, the calibration and learning state read, the mode gate passed, the
 * recorded data checked for a replay, the intel snapshot frozen, and only then the run folder
 * created (its lock taken). Any bad input is reported before a byte is written.
 */
import { resolve } from 'node:path';
import { parseLearningState } from '../agent/learning.ts';
import { resolveSettings, type ResolvedSettings } from '../config/resolveSettings.ts';
import { SETTINGS } from '../config/settingsTable.ts';
import { badInput, ClmmLabError } from '../errors/ClmmLabError.ts';
import type { Env } from '../intel/env.ts';
import { parseRegimeMix, RegimeMixError } from '../market/regimeMix.ts';
import { createRng } from '../market/Rng.ts';
import { realDataFingerprint, replayEpisodeMarkets, resolveRealDataDir } from '../store/realData.ts';
import { readInputFile } from '../store/readInputFile.ts';
import { defaultRunId } from '../store/runPaths.ts';
import { checkExecMode } from './execMode.ts';
import { frozenIntelText } from './frozenIntel.ts';
import { checkDataDir } from '../store/checkDataDir.ts';
import { loadCalibrationFile } from './loadCalibrationFile.ts';
import type { PreparedRun, PrepareRunDeps } from './prepareRunTypes.ts';
import { agentPatchOf, marketConfigOf, readConfigFile } from './readConfigFile.ts';
import { checkRunId, createRunFolder, type RunEnv } from './runFolder.ts';
import { RUN_SETTING_KEYS, epochOfRunId, timeOfRunId, type RunSettings } from './runSpec.ts';

/** The settings a campaign takes (every one but the intel scheduler's). */
export const CAMPAIGN_SETTINGS = SETTINGS.filter((s) => s.scope !== 'intel');

export interface NewRunRequest {
  kind: 'new';
  /** Setting key → raw flag value. */
  flags: Record<string, string | undefined>;
  env: Env;
  configPath?: string;
  runId?: string;
  /** Worker count, recorded in run_env.json. */
  workers: number;
}

export async function prepareNewRun(deps: PrepareRunDeps, req: NewRunRequest): Promise<PreparedRun> {
  const { flags, env } = req;
  const failEpisodes = parseFailEpisodes(env.CLMM_FAIL_EPISODES);
  const config = req.configPath === undefined ? null : readConfigFile(req.configPath);
  const first = resolveSettings({ flags, env, config: config?.settings ?? {} }, CAMPAIGN_SETTINGS);
  const calibrationPath = first.values.calibration as string | null;
  const calibration = calibrationPath === null ? null : loadCalibrationFile(resolve(deps.cwd, calibrationPath), first.sources.calibration === 'flag' ? '--calibration' : first.sources.calibration === 'env' ? 'DUNE_CALIBRATION_JSON' : 'config.calibration');
  const resolved = calibration === null ? first : resolveSettings({ flags, env, config: config?.settings ?? {}, calibration: { GAS_USD: calibration.report.calibrated_constants.GAS_USD, FEE_GATE: calibration.report.calibrated_constants.FEE_GATE } }, CAMPAIGN_SETTINGS);
  const v = resolved.values;
  checkExecMode({ values: v, sources: resolved.sources });
  try {
    parseRegimeMix(v.regimeMix as string);
  } catch (error) {
    mixError(error, resolved);
  }
  const marketConfig = marketConfigOf(config?.market, req.configPath);
  const agentPatch = agentPatchOf(config?.agent, req.configPath);
  // the recorded data must exist when replayed or named explicitly; a sim run does not need the default folder
  const realDataDir = v.market === 'replay' || resolved.sources.realDataDir !== 'default' ? resolveRealDataDir({ dir: v.realDataDir as string, baseDir: deps.cwd }) : resolve(deps.cwd, v.realDataDir as string);
  let replayWindows: number | undefined;
  if (v.market === 'replay') {
    if ((v.horizonSeconds as number) % 60 !== 0) {
      const src = resolved.sources.horizonSeconds;
      throw badInput(src === 'flag' ? 'BAD_FLAG' : src === 'env' ? 'BAD_ENV' : 'BAD_CONFIG', src === 'flag' ? '--horizon-s' : src === 'env' ? 'HB_EPISODE_HORIZON_S' : 'config.horizonSeconds', 'a whole number of minutes with --market replay (the data has minute bars)', v.horizonSeconds);
    }
    // read the recorded data now, so a bad file is reported before the run folder exists
    replayWindows = replayEpisodeMarkets({ dataDir: realDataDir, horizonSeconds: v.horizonSeconds as number, blockSeconds: 12, config: marketConfig, rng: createRng(0) }).windowCount;
  }
  const learningPath = v.learningState as string | null;
  const learningStateText = learningPath === null ? null : readLearningState(resolve(deps.cwd, learningPath), resolved.sources.learningState === 'env' ? 'HB_LEARNING_STATE' : resolved.sources.learningState === 'config' ? 'config.learningState' : '--learning-state');
  const runId = req.runId ?? defaultRunId(deps.clock());
  checkRunId(runId, '--run-id');
  const settings = Object.fromEntries(RUN_SETTING_KEYS.map((k) => [k, k === 'execMode' ? 'mock' : v[k]])) as RunSettings;
  // an id without a time would otherwise put every such run at one fixed date: its start is its creation time, saved so a resume sees the same
  if (settings.simStartSeconds === null && timeOfRunId(runId) === null) settings.simStartSeconds = Math.floor(deps.clock().getTime() / 1000);

  // the run folder must be writable before the intel cache is opened (a read-only data dir is a refused write, exit 3)
  checkDataDir({ dataDir: deps.dataDir, sub: 'runs', readOnly: 'disk' });
  // the intel snapshot: read from the cache only (never waits on Dune), ages against the run's simulated start
  const intelText = await frozenIntelText({ openCache: deps.openIntelCache, poolAddress: marketConfig.pool.address, atSeconds: settings.simStartSeconds ?? epochOfRunId(runId) });
  const runEnv: RunEnv = {
    started_at: deps.clock().toISOString(),
    ...deps.host,
    workers: req.workers,
    data_dir: deps.dataDir,
    real_data_dir: realDataDir,
    calibration_path: calibrationPath === null ? null : resolve(deps.cwd, calibrationPath),
    learning_state_path: learningPath === null ? null : resolve(deps.cwd, learningPath),
  };
  const run = createRunFolder({
    dataDir: deps.dataDir,
    calibrationText: calibration?.text ?? null,
    env: runEnv,
    ...(deps.log === undefined ? {} : { log: deps.log }),
    inputs: {
      runId,
      settings,
      marketConfig,
      agentPatch,
      calibration: calibration === null ? null : { report: calibration.report, sha256: calibration.sha256 },
      intelText,
      learningStateText,
      realDataFingerprint: settings.market === 'replay' ? realDataFingerprint(realDataDir) : null,
      agentVersion: `clmm-lab@${deps.host.clmm_lab}`,
      failEpisodes,
    },
  });
  return { run, realDataDir, resumed: false, ...(replayWindows === undefined ? {} : { replayWindows }) };
}

function readLearningState(path: string, field: string): string {
  const text = readInputFile({ path, field, code: 'BAD_LEARNING_STATE', what: 'a learning state file (JSON)' });
  try {
    parseLearningState(JSON.parse(text));
  } catch (error) {
    throw new ClmmLabError('BAD_LEARNING_STATE', `${field}: ${path}: ${(error as Error).message}`, { details: { field, path } });
  }
  return text;
}

function mixError(error: unknown, resolved: ResolvedSettings): never {
  if (error instanceof RegimeMixError) {
    const where = resolved.sources.regimeMix === 'flag' ? '--regime-mix' : resolved.sources.regimeMix === 'env' ? 'HB_REGIME_MIX' : 'config.regimeMix';
    throw new ClmmLabError('BAD_REGIME_MIX', `${where}: ${error.message}`, { details: { field: where, part: error.part } });
  }
  throw error;
}

function parseFailEpisodes(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const t = part.trim();
    if (!/^\d+$/.test(t)) throw badInput('BAD_ENV', 'CLMM_FAIL_EPISODES', 'comma-separated episode indices (a testing aid)', raw);
    return Number(t);
  });
}
