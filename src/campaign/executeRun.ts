/**
 * Runs a prepared run's episodes through a `LaneTransport` and writes its folder. This is the
 * only writer: each episode's files (atomic, `result.json` last, so its presence marks the episode
 * finished), `episode_metrics.jsonl` in index order, the lanes' and the merged learning state, and
 * `metrics_summary.json`. On resume every episode is simulated again (a lane's pools and positions
 * carry over between its episodes) and the finished ones are checked byte for byte instead of
 * written, so a killed and resumed run ends with exactly the bytes of an uninterrupted one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeLearningStates, emptyLearningState, type LearningState } from '../agent/learning.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { DETERMINISTIC_EPISODE_FILES } from '../episode/episodeArtifacts.ts';
import type { RunContext } from '../episode/RunContext.ts';
import { writeFileAtomic, writeFilesAtomicAsync } from '../store/atomicWrite.ts';
import { artifactText, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { timingsSchema } from '../store/artifacts/episodeFiles.ts';
import { metricsSummarySchema, type EpisodeMetricsRow, type MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { learningStateFileSchema } from '../store/artifacts/runFiles.ts';
import { episodeId, type RunPaths } from '../store/runPaths.ts';
import { renderCampaignHtml } from './campaignReport.ts';
import type { LaneEpisodeMessage, LaneJobResult, LaneTransport } from './laneTransport.ts';
import { MetricsSummaryBuilder, parseEpisodeMetrics } from './metricsSummary.ts';
import { RebuiltJsonlFile } from './RebuiltJsonlFile.ts';
import { RunEventLog } from './RunEventLog.ts';

export interface ProgressSink {
  start(total: number): void;
  update(done: number, agentNetPnlUsd: number): void;
  stop(): void;
}

export interface ExecuteRunParams {
  paths: RunPaths;
  ctx: RunContext;
  /** Where the lanes run (worker threads, a queue); the caller picks it. */
  transport: LaneTransport;
  realDataDir: string;
  /** Aborted to stop after the episodes in flight. */
  signal: AbortSignal;
  /** A line for the campaign log only (the terminal shows the progress bar). */
  logFile(line: string): void;
  progress: ProgressSink;
  /** Each episode's metrics row, in index order, as it is appended (e.g. to raise intel triggers). */
  onRow?: (row: EpisodeMetricsRow) => void;
}

export interface ExecuteRunResult {
  completed: boolean;
  /** Episodes written (new) and checked (already on disk) in this invocation. */
  written: number;
  verified: number;
  summary: MetricsSummary | null;
}

/** Episodes whose `result.json` is on disk. */
function finishedEpisodes(paths: RunPaths, ctx: RunContext): Set<number> {
  const done = new Set<number>();
  for (let i = 0; i < ctx.episodes; i++) if (existsSync(join(paths.episodeDir(episodeId(ctx.runId, i)), 'result.json'))) done.add(i);
  return done;
}

export async function executeRun(p: ExecuteRunParams): Promise<ExecuteRunResult> {
  const { paths, ctx } = p;
  const finished = finishedEpisodes(paths, ctx);
  const summary = new MetricsSummaryBuilder(ctx.runId);
  const pending = new Map<number, { line: string; startSeconds: number }>();
  let nextLine = 0;
  let written = 0;
  let verified = 0;
  let agentPnl = 0;
  // rebuilt from the start: every line is re-derived, so a line cut by a SIGKILL never survives
  const metrics = new RebuiltJsonlFile(paths.episodeMetrics);
  const events = new RunEventLog(paths.events, ctx);
  events.runStarted();
  p.progress.start(ctx.episodes);

  let aborted = false;
  /** Writes (or, on resume, verifies) one episode; the files go through the thread pool so writes overlap. */
  const onEpisode = async (m: LaneEpisodeMessage): Promise<void> => {
    if (aborted) return;
    const dir = paths.episodeDir(m.episodeId);
    if (finished.has(m.index)) {
      for (const [name, text] of m.files) {
        if (!(DETERMINISTIC_EPISODE_FILES as readonly string[]).includes(name)) continue;
        const path = join(dir, name);
        const onDisk = existsSync(path) ? readFileSync(path, 'utf8') : null;
        if (onDisk !== text) {
          throw new ClmmLabError('RESUME_MISMATCH', `episode ${m.episodeId}: ${name} on disk differs from its re-simulation; the code, settings or data changed since the run started`, { details: { episode: m.episodeId, file: name } });
        }
      }
      verified++;
      p.logFile(`✔ Episode ${m.index + 1}/${ctx.episodes} (${m.episodeId}) already on disk, verified`);
    } else {
      const timings = artifactText(timingsSchema, { schema_version: SCHEMA_VERSION, episode_id: m.episodeId, wall_ms: m.wallMs }, `${m.episodeId} timings.json`);
      const files = m.files.slice();
      files.splice(files.length - 1, 0, ['timings.json', timings]);
      await writeFilesAtomicAsync(dir, files);
      if (aborted) return;
      written++;
      p.logFile(`🎬 Episode ${m.index + 1}/${ctx.episodes}`);
      p.logFile(`🆔 Episode ID: ${m.episodeId}`);
      p.logFile('⏭  Skipping pool validation (mock mode)');
      const failed = m.files.some(([name]) => name === 'failure.json');
      p.logFile(failed ? `❌ Episode failed (see ${m.episodeId}/failure.json)` : `✅ Episode complete in ${(m.wallMs / 1000).toFixed(2)}s.`);
    }
    pending.set(m.index, { line: m.metricsLine, startSeconds: RunEventLog.episodeStart(m.files, m.episodeId) });
    while (pending.has(nextLine)) {
      const { line, startSeconds } = pending.get(nextLine)!;
      pending.delete(nextLine);
      metrics.append(line, !finished.has(nextLine));
      // the worker validated the row when it built it; parsing it back gives the typed row
      const row = JSON.parse(line) as EpisodeMetricsRow;
      events.episode(row, startSeconds, !finished.has(nextLine));
      summary.add(row);
      p.onRow?.(row);
      agentPnl += row.pnl_usd;
      nextLine++;
    }
    p.progress.update(written + verified, agentPnl);
  };

  // a failure anywhere stops every lane after its episodes in flight
  const stop = new AbortController();
  const forwardStop = () => stop.abort();
  if (p.signal.aborted) stop.abort();
  p.signal.addEventListener('abort', forwardStop, { once: true });
  let laneStates: LaneJobResult;
  try {
    const allLanes = Array.from({ length: ctx.lanes }, (_, k) => k);
    laneStates = await p.transport.runLanes({ runId: ctx.runId, ctx, realDataDir: p.realDataDir, lanes: allLanes }, { onEpisode, signal: stop.signal });
    if (laneStates !== null && nextLine === ctx.episodes) metrics.complete();
  } catch (error) {
    aborted = true;
    stop.abort();
    events.close();
    throw error;
  } finally {
    p.signal.removeEventListener('abort', forwardStop);
    metrics.close();
    p.progress.stop();
  }
  if (laneStates === null || nextLine < ctx.episodes) {
    events.close();
    return { completed: false, written, verified, summary: null };
  }

  const lanes = [...laneStates.keys()].sort((a, b) => a - b);
  const learningText = (state: LearningState, name: string) => artifactText(learningStateFileSchema, { schema_version: SCHEMA_VERSION, ...state }, name);
  for (const lane of lanes) writeFileAtomic(paths.laneLearningState(lane), learningText(laneStates.get(lane)!, `lanes/${lane}/learning_state.json`));
  const base = ctx.initialLearningState ?? emptyLearningState();
  writeFileAtomic(paths.learningState, learningText(mergeLearningStates(lanes.map((l) => laneStates.get(l)!), base), 'learning_state.json'));
  const result = summary.finish();
  writeFileAtomic(paths.metricsSummary, artifactText(metricsSummarySchema, result, 'metrics_summary.json'));
  events.runFinished(result);
  events.close();
  writeFileAtomic(paths.report, renderCampaignHtml(ctx.runId, result, parseEpisodeMetrics(readFileSync(paths.episodeMetrics, 'utf8'), paths.episodeMetrics)));
  return { completed: true, written, verified, summary: result };
}
