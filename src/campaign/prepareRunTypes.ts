/** What run preparation is given (deps, injected by the caller) and what it returns. */
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import type { OpenRun, RunEnv } from './runFolder.ts';

export interface PrepareRunDeps {
  /** The wall clock: the default run id, `run_env.json`'s start, the simulated start of an id without a time. */
  clock: () => Date;
  /** Absolute data dir; runs go to `<dataDir>/runs/<run_id>/`. */
  dataDir: string;
  /** Relative paths in the settings (recorded data, calibration, learning state) resolve against it. */
  cwd: string;
  /** Opens the intel cache the run's snapshot is read from. */
  openIntelCache: () => Promise<IntelCache>;
  /** Host facts for `run_env.json`. */
  host: Pick<RunEnv, 'host' | 'node' | 'clmm_lab'>;
  /** Notes for the campaign log (e.g. an interrupted creation cleaned up). */
  log?: (line: string) => void;
}

export interface PreparedRun {
  run: OpenRun;
  realDataDir: string;
  /** Replay windows counted while validating a new replay run. */
  replayWindows?: number;
  resumed: boolean;
}
