/** The artifact tree of a run (DESIGN.md): every path a writer or reader of a run uses. */
import { join } from 'node:path';

export interface RunPaths {
  root: string;
  campaignLog: string;
  episodeMetrics: string;
  /** events.jsonl: the run's RunEvents (store/artifacts/runEvents.ts). */
  events: string;
  metricsSummary: string;
  /** report.html: the run in pictures. */
  report: string;
  runConfig: string;
  runEnv: string;
  lock: string;
  intelSnapshot: string;
  calibration: string;
  learningState: string;
  episodesDir: string;
  episodeDir(episodeId: string): string;
  laneLearningState(lane: number): string;
}

export function runsDir(dataDir: string): string {
  return join(dataDir, 'runs');
}

export function runPaths(dataDir: string, runId: string): RunPaths {
  const root = join(runsDir(dataDir), runId);
  return {
    root,
    campaignLog: join(root, 'campaign.log'),
    episodeMetrics: join(root, 'episode_metrics.jsonl'),
    events: join(root, 'events.jsonl'),
    metricsSummary: join(root, 'metrics_summary.json'),
    report: join(root, 'report.html'),
    runConfig: join(root, 'run_config.json'),
    runEnv: join(root, 'run_env.json'),
    lock: join(root, '.lock'),
    intelSnapshot: join(root, 'intel_snapshot.json'),
    calibration: join(root, 'calibration.json'),
    learningState: join(root, 'learning_state.json'),
    episodesDir: join(root, 'episodes'),
    episodeDir: (episodeId) => join(root, 'episodes', episodeId),
    laneLearningState: (lane) => join(root, 'lanes', String(lane), 'learning_state.json'),
  };
}

export function episodeId(runId: string, index: number): string {
  return `ep_${runId}_${index}`;
}

/** `run_<UTC time>` as the original named runs, from a wall-clock Date the CLI passes in. */
export function defaultRunId(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `run_${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}
