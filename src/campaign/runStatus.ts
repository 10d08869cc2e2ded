/**
 * What a run folder says about its run: its saved settings, its episode rows, its summary when it
 * is complete, and its status. One definition for every reader (`clmm-lab runs`, the server's API
 * and metrics): `complete` when `metrics_summary.json` sits beside as many rows as the run has
 * episodes (a summary beside fewer rows, from an older `metrics --write`, does not make a run
 * complete), `running` when a live process holds the run's lock, else `stopped` (resumable);
 * `damaged` when a file cannot be read back.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { readArtifact } from '../store/artifacts/artifactIo.ts';
import { metricsSummarySchema, type EpisodeMetricsRow, type MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { runConfigSchema, type RunConfig } from '../store/artifacts/runFiles.ts';
import { liveLockHolder } from '../store/runLock.ts';
import { runPaths, runsDir } from '../store/runPaths.ts';
import { parseEpisodeMetrics } from './metricsSummary.ts';

export const RUN_STATUSES = ['complete', 'running', 'stopped', 'damaged'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run read back: `error` is set (and the rest may be missing) when the run is damaged. */
export interface RunState {
  runId: string;
  status: RunStatus;
  config: RunConfig | null;
  rows: EpisodeMetricsRow[];
  /** `metrics_summary.json`, only for a complete run. */
  summary: MetricsSummary | null;
  error: ClmmLabError | null;
}

/** One line of a run list (`clmm-lab runs --json`, `GET /api/runs`). */
export interface RunListItem {
  run_id: string;
  status: RunStatus;
  episodes: number | null;
  episodes_done: number;
  seed: number | null;
  market: string | null;
  total_pnl_usd: number | null;
}

/** The names of the folders under `<dataDir>/runs/`, sorted. */
export function listRunIds(dataDir: string): string[] {
  const dir = runsDir(dataDir);
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/** Whether `<dataDir>/runs/<runId>/` is a run folder (has its run_config.json). */
export function runExists(dataDir: string, runId: string): boolean {
  return existsSync(runPaths(dataDir, runId).runConfig);
}

function asClmmLabError(error: unknown): ClmmLabError {
  if (error instanceof ClmmLabError) return error;
  return new ClmmLabError('ARTIFACT_INVALID', (error as Error).message, { cause: error });
}

/**
 * Reads a run's config, rows and (when complete) summary; files are named in errors relative to the
 * data dir (`runs/<run_id>/...`). Never throws: a file that cannot be read back makes it `damaged`.
 */
export function readRunState(dataDir: string, runId: string): RunState {
  const paths = runPaths(dataDir, runId);
  const name = (file: string) => `runs/${runId}/${file}`;
  let config: RunConfig | null = null;
  let rows: EpisodeMetricsRow[] = [];
  try {
    config = readArtifact(runConfigSchema, readFileSync(paths.runConfig, 'utf8'), name('run_config.json'));
    rows = existsSync(paths.episodeMetrics) ? parseEpisodeMetrics(readFileSync(paths.episodeMetrics, 'utf8'), name('episode_metrics.jsonl')) : [];
    const complete = existsSync(paths.metricsSummary) && rows.length === config.settings.episodes;
    const summary = complete ? readArtifact(metricsSummarySchema, readFileSync(paths.metricsSummary, 'utf8'), name('metrics_summary.json')) : null;
    const status: RunStatus = complete ? 'complete' : liveLockHolder(paths.lock) !== null ? 'running' : 'stopped';
    return { runId, status, config, rows, summary, error: null };
  } catch (error) {
    return { runId, status: 'damaged', config, rows, summary: null, error: asClmmLabError(error) };
  }
}

export function runListItem(state: RunState): RunListItem {
  if (state.status === 'damaged') return { run_id: state.runId, status: 'damaged', episodes: null, episodes_done: 0, seed: null, market: null, total_pnl_usd: null };
  const s = state.config!.settings;
  return { run_id: state.runId, status: state.status, episodes: s.episodes, episodes_done: state.rows.length, seed: s.seed, market: s.market, total_pnl_usd: state.summary?.total_pnl_usd ?? null };
}
