/**
 * Creating a run's folder (its saved settings, frozen intel snapshot, calibration and starting
 * learning state) and opening an existing one for `--resume`. Both take the run's lock first, so
 * two processes never write one run.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { loadCalibration, type CalibrationReport } from '../intel/calibration/report.ts';
import type { RunContext } from '../episode/RunContext.ts';
import { writeFileAtomic, toJsonText } from '../store/atomicWrite.ts';
import { artifactText } from '../store/artifacts/artifactIo.ts';
import { runConfigSchema } from '../store/artifacts/runFiles.ts';
import { acquireRunLock, type RunLock } from '../store/runLock.ts';
import { runPaths, type RunPaths } from '../store/runPaths.ts';
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

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function checkRunId(runId: string, flag: string): void {
  if (!RUN_ID.test(runId)) throw new ClmmLabError('BAD_FLAG', `${flag}: expected letters, digits, '_', '.' or '-' (at most 128, not starting with a symbol), got ${JSON.stringify(runId)}`, { details: { field: flag, got: runId } });
}

const FILES = { calibration: 'calibration.json', learning: 'learning_state.initial.json' } as const;

export function createRunFolder(params: { dataDir: string; inputs: RunInputs; calibrationText: string | null; env: RunEnv }): OpenRun {
  const { inputs } = params;
  const paths = runPaths(params.dataDir, inputs.runId);
  if (existsSync(paths.root)) {
    throw new ClmmLabError('RUN_EXISTS', `run ${inputs.runId} already exists in ${params.dataDir}; resume it with --resume ${inputs.runId}, or choose another --run-id`, { details: { runId: inputs.runId } });
  }
  mkdirSync(paths.root, { recursive: true });
  const lock = acquireRunLock(paths.lock);
  try {
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

export function openRunFolder(params: { dataDir: string; runId: string }): OpenRun {
  const paths = runPaths(params.dataDir, params.runId);
  if (!existsSync(paths.root)) throw new ClmmLabError('RUN_NOT_FOUND', `no run ${params.runId} in ${params.dataDir} (looked for ${paths.root})`, { details: { runId: params.runId } });
  if (!existsSync(paths.runConfig)) throw new ClmmLabError('RUN_NOT_FOUND', `run ${params.runId} has no run_config.json: it was stopped before it started; delete ${paths.root} and start again`, { details: { runId: params.runId } });
  const lock = acquireRunLock(paths.lock);
  try {
    const config = parseRunConfig(readFileSync(paths.runConfig, 'utf8'), paths.runConfig);
    const intelText = readFileSync(paths.intelSnapshot, 'utf8');
    const calibrationPath = join(paths.root, FILES.calibration);
    let calibration: CalibrationReport | null = null;
    if (config.calibration_sha256 !== null) {
      const loaded = loadCalibration(readFileSync(calibrationPath, 'utf8'), calibrationPath);
      if (loaded.sha256 !== config.calibration_sha256) throw new ClmmLabError('BAD_CALIBRATION', `${calibrationPath}: its sha256 differs from the one in run_config.json`, { details: { field: 'calibration_sha256' } });
      calibration = loaded.report;
    }
    const learningPath = join(paths.root, FILES.learning);
    const learningStateText = config.learning_state_sha256 === null ? null : readFileSync(learningPath, 'utf8');
    const env = JSON.parse(readFileSync(paths.runEnv, 'utf8')) as RunEnv;
    const ctx = buildRunContext({ config, calibration, intelText, learningStateText, intelFile: paths.intelSnapshot });
    if (ctx.intel.sha256 !== config.intel_snapshot_sha256) throw new ClmmLabError('BAD_CONFIG', `${paths.intelSnapshot}: its sha256 differs from the one in run_config.json`, { details: { field: 'intel_snapshot_sha256' } });
    return { paths, config, ctx, env, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
