/**
 * Run preparation for every caller (campaign, compare / validate, later the server and the queue
 * coordinator): a new run from settings, a resume of a saved one, or a run from inputs already
 * resolved (an experiment's variant), each ending with the run folder open and its lock held.
 * Nothing here reads process.env or the clock: the caller passes both in (`deps`, `env`).
 */
import { existsSync } from 'node:fs';
import { toJsonText } from '../store/atomicWrite.ts';
import { runPaths } from '../store/runPaths.ts';
import type { ClmmLabError } from '../errors/ClmmLabError.ts';
import { prepareNewRun, type NewRunRequest } from './prepareNewRun.ts';
import { prepareResume, type ResumeRequest } from './prepareResume.ts';
import type { PreparedRun, PrepareRunDeps } from './prepareRunTypes.ts';
import { createRunFolder, openRunFolder, type RunEnv } from './runFolder.ts';
import { buildRunConfig, type RunConfig, type RunInputs } from './runSpec.ts';

/** A run whose inputs the caller has resolved and validated: created, or opened when it exists with the same config. */
export interface RunFromInputsRequest {
  kind: 'inputs';
  inputs: RunInputs;
  calibrationText: string | null;
  env: Omit<RunEnv, 'started_at' | 'host' | 'node' | 'clmm_lab' | 'data_dir'>;
  /** The error when a run of this id exists with another config. */
  conflict(saved: RunConfig): ClmmLabError;
}

export type PrepareRunRequest = NewRunRequest | ResumeRequest | RunFromInputsRequest;

export async function prepareRun(deps: PrepareRunDeps, req: PrepareRunRequest): Promise<PreparedRun> {
  switch (req.kind) {
    case 'new':
      return prepareNewRun(deps, req);
    case 'resume':
      return prepareResume(deps, req);
    case 'inputs':
      return prepareFromInputs(deps, req);
  }
}

function prepareFromInputs(deps: PrepareRunDeps, req: RunFromInputsRequest): PreparedRun {
  const paths = runPaths(deps.dataDir, req.inputs.runId);
  if (existsSync(paths.runConfig)) {
    const run = openRunFolder({ dataDir: deps.dataDir, runId: req.inputs.runId, realDataDir: req.env.real_data_dir });
    if (toJsonText(run.config) !== toJsonText(buildRunConfig(req.inputs))) {
      run.lock.release();
      throw req.conflict(run.config);
    }
    return { run, realDataDir: req.env.real_data_dir, resumed: true };
  }
  const run = createRunFolder({
    dataDir: deps.dataDir,
    inputs: req.inputs,
    calibrationText: req.calibrationText,
    env: { started_at: deps.clock().toISOString(), ...deps.host, workers: req.env.workers, data_dir: deps.dataDir, real_data_dir: req.env.real_data_dir, calibration_path: req.env.calibration_path, learning_state_path: req.env.learning_state_path },
    ...(deps.log === undefined ? {} : { log: deps.log }),
  });
  return { run, realDataDir: req.env.real_data_dir, resumed: false };
}
