/**
 * Creating a run's folder (its saved settings, frozen intel snapshot, calibration and starting
 * learning state) and opening an existing one for `--resume`. Both take the run's lock first, so
 * two processes never write one run. `run_config.json` is written last: a folder without it is a
 * creation that was interrupted (a kill, a full disk), and creating the run again clears it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { loadCalibration, type CalibrationReport } from '../intel/calibration/report.ts';
import type { RunContext } from '../episode/RunContext.ts';
import { removeDeadWritersTempFiles, writeFileAtomic, toJsonText } from '../store/atomicWrite.ts';
import { artifactText } from '../store/artifacts/artifactIo.ts';
import { runConfigSchema } from '../store/artifacts/runFiles.ts';
import { checkRealDataFingerprint } from '../store/realData.ts';
import { acquireRunLock, type RunLock } from '../store/runLock.ts';
import { runPaths, type RunPaths } from '../store/runPaths.ts';
import { parseRunEnvFile, readHashedRunFile, readRunFile } from './runFiles.ts';
import { buildRunConfig, buildRunContext, parseRunConfig, type RunConfig, type RunInputs } from './runSpec.ts';

/** Host-specific facts of a run (`run_env.json`), kept out of every deterministic file. */
export interface RunEnv {
  started_at: string;
  host: string;
  node: string;
  clmm_lab: string;
  workers: number;
  data_dir: string;
  real_data_dir: string;
  calibration_path: string | null;
  learning_state_path: string | null;
  resumed_at?: string[];
}

export interface OpenRun {
  paths: RunPaths;
  config: RunConfig;
  ctx: RunContext;
  env: RunEnv;
  lock: RunLock;
}

/** A run or experiment id: safe as one folder name. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function checkRunId(runId: string, flag: string): void {
  if (!RUN_ID.test(runId)) throw new ClmmLabError('BAD_FLAG', `${flag}: expected letters, digits, '_', '.' or '-' (at most 128, not starting with a symbol), got ${JSON.stringify(runId)}`, { details: { field: flag, got: runId } });
}

const FILES = { calibration: 'calibration.json', learning: 'learning_state.initial.json' } as const;

export function createRunFolder(params: { dataDir: string; inputs: RunInputs; calibrationText: string | null; env: RunEnv; log?: (line: string) => void }): OpenRun {
  const { inputs } = params;
  const paths = runPaths(params.dataDir, inputs.runId);
  const exists = () => new ClmmLabError('RUN_EXISTS', `run ${inputs.runId} already exists in ${params.dataDir}; resume it with --resume ${inputs.runId}, or choose another --run-id`, { details: { runId: inputs.runId } });
  if (existsSync(paths.runConfig)) throw exists();
  const interrupted = existsSync(paths.root);
  mkdirSync(paths.root, { recursive: true });
  // a live creator of the same id holds the lock (RUN_LOCKED); a dead one's lock is taken over
  const lock = acquireRunLock(paths.lock);
  try {
    if (interrupted) {
      if (existsSync(paths.runConfig)) throw exists(); // finished by another process meanwhile
      clearInterruptedCreation(paths.root, paths.lock);
      params.log?.(`🧹 Run ${inputs.runId}: its folder had no run_config.json (an interrupted creation); cleared and created again`);
    }
    const config = buildRunConfig(inputs);
    writeFileAtomic(paths.intelSnapshot, inputs.intelText);
    if (params.calibrationText !== null) writeFileAtomic(join(paths.root, FILES.calibration), params.calibrationText);
    if (inputs.learningStateText !== null) writeFileAtomic(join(paths.root, FILES.learning), inputs.learningStateText);
    writeFileAtomic(paths.runEnv, toJsonText(params.env));
    // last: a folder without run_config.json is an aborted start, reported as such on resume
    writeFileAtomic(paths.runConfig, artifactText(runConfigSchema, config, 'run_config.json'));
    const ctx = buildRunContext({ config, calibration: inputs.calibration?.report ?? null, intelText: inputs.intelText, learningStateText: inputs.learningStateText });
    return { paths, config, ctx, env: params.env, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Removes what an interrupted creation left (never the lock this process now holds). */
function clearInterruptedCreation(root: string, lockPath: string): void {
  for (const name of readdirSync(root)) {
    const full = join(root, name);
    if (full !== lockPath) rmSync(full, { recursive: true, force: true });
  }
}

/**
 * Opens a run for `--resume`: takes its lock, removes temp files a killed writer left, and checks
 * every saved input (a missing or damaged file is RUN_DAMAGED; changed recorded data of a replay run
 * is REAL_DATA_CHANGED). `realDataDir` is the folder the resume will replay (default: the one saved
 * in run_env.json; when that is gone and none is given, the replay itself reports it).
 */
export function openRunFolder(params: { dataDir: string; runId: string; realDataDir?: string }): OpenRun {
  const paths = runPaths(params.dataDir, params.runId);
  if (!existsSync(paths.root)) throw new ClmmLabError('RUN_NOT_FOUND', `no run ${params.runId} in ${params.dataDir} (looked for ${paths.root})`, { details: { runId: params.runId } });
  if (!existsSync(paths.runConfig)) throw new ClmmLabError('RUN_NOT_FOUND', `run ${params.runId} has no run_config.json: its creation was interrupted before it started, so there is nothing to resume; start it again with --run-id ${params.runId} (the partial folder is cleared automatically)`, { details: { runId: params.runId } });
  const lock = acquireRunLock(paths.lock);
  try {
    removeDeadWritersTempFiles(paths.root);
    const config = parseRunConfig(readFileSync(paths.runConfig, 'utf8'), paths.runConfig);
    const intelText = readHashedRunFile(paths.intelSnapshot, config.intel_snapshot_sha256, params.runId);
    const calibrationPath = join(paths.root, FILES.calibration);
    let calibration: CalibrationReport | null = null;
    if (config.calibration_sha256 !== null) {
      const loaded = loadCalibration(readRunFile(calibrationPath, params.runId), calibrationPath);
      if (loaded.sha256 !== config.calibration_sha256) throw new ClmmLabError('BAD_CALIBRATION', `${calibrationPath}: its sha256 differs from the one in run_config.json`, { details: { field: 'calibration_sha256' } });
      calibration = loaded.report;
    }
    const learningPath = join(paths.root, FILES.learning);
    const learningStateText = config.learning_state_sha256 === null ? null : readHashedRunFile(learningPath, config.learning_state_sha256, params.runId);
    const env = parseRunEnvFile<RunEnv>(paths.runEnv, params.runId);
    if (config.real_data_fingerprint !== null) {
      const dir = params.realDataDir ?? env.real_data_dir;
      if (params.realDataDir !== undefined || existsSync(dir)) checkRealDataFingerprint({ dir, expected: config.real_data_fingerprint, runId: params.runId });
    }
    const ctx = buildRunContext({ config, calibration, intelText, learningStateText, intelFile: paths.intelSnapshot });
    return { paths, config, ctx, env, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
