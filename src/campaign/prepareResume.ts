/**
 * `campaign --resume ID`: the saved run opened (its lock taken) with its saved settings; a flag that
 * disagrees with them is an error, and the host-side ones (recorded data folder, Dune key, intel
 * refresh) may change.
 */
import { resolveSettings } from '../config/resolveSettings.ts';
import { settingByKey } from '../config/settingsTable.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { resolveRealDataDir } from '../store/realData.ts';
import type { PreparedRun, PrepareRunDeps } from './prepareRunTypes.ts';
import { checkRunId, openRunFolder } from './runFolder.ts';
import { RUN_SETTING_KEYS, type RunSettings } from './runSpec.ts';

export interface ResumeRequest {
  kind: 'resume';
  runId: string;
  /** Setting key → raw flag value. */
  flags: Record<string, string | undefined>;
  /** A --run-id given beside --resume (must be the same id). */
  runIdFlag?: string;
  /** A --config given beside --resume (an error: the run uses its saved settings). */
  configPath?: string;
}

/** Settings that belong to the host, not to the run's bytes. */
const HOST_SIDE = new Set(['realDataDir', 'duneApiKey', 'intelRefresh']);

export function prepareResume(deps: PrepareRunDeps, req: ResumeRequest): PreparedRun {
  checkRunId(req.runId, '--resume');
  if (req.runIdFlag !== undefined && req.runIdFlag !== req.runId) throw new ClmmLabError('RESUME_CONFLICT', `--run-id ${req.runIdFlag} conflicts with --resume ${req.runId}`, { details: { field: '--run-id' } });
  if (req.configPath !== undefined) throw new ClmmLabError('RESUME_CONFLICT', '--config cannot be given with --resume: the run uses its saved settings', { details: { field: '--config' } });
  // a --real-data given on resume is the folder whose content is checked against the run's fingerprint
  const givenRealData = req.flags.realDataDir === undefined ? undefined : resolveRealDataDir({ dir: req.flags.realDataDir, baseDir: deps.cwd });
  const run = openRunFolder({ dataDir: deps.dataDir, runId: req.runId, ...(givenRealData === undefined ? {} : { realDataDir: givenRealData }) });
  try {
    checkResumeFlags(req.flags, run.config.settings);
    return { run, realDataDir: givenRealData ?? run.env.real_data_dir, resumed: true };
  } catch (error) {
    run.lock.release();
    throw error;
  }
}

/** A flag given with --resume must agree with the run's saved value. */
function checkResumeFlags(flags: Record<string, string | undefined>, saved: RunSettings): void {
  for (const [key, raw] of Object.entries(flags)) {
    if (raw === undefined) continue;
    const def = settingByKey(key);
    if (!(RUN_SETTING_KEYS as string[]).includes(key)) {
      if (HOST_SIDE.has(key)) continue;
      throw new ClmmLabError('RESUME_CONFLICT', `${def.flag} cannot be changed on --resume: the run uses its saved inputs`, { details: { field: def.flag } });
    }
    const resolved = resolveSettings({ flags: { [key]: raw }, env: {} }, [def]).values[key];
    const was = saved[key as keyof RunSettings];
    if (resolved !== was) throw new ClmmLabError('RESUME_CONFLICT', `${def.flag} ${raw} conflicts with the run's saved value ${JSON.stringify(was)}; drop the flag to resume`, { details: { field: def.flag, saved: was, got: raw } });
  }
}
