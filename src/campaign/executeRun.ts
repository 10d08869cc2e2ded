/**
 * Runs a prepared run's episodes on worker threads and writes its folder. The main thread is the
 * only writer: each episode's files (atomic, `result.json` last, so its presence marks the episode
 * finished), `episode_metrics.jsonl` in index order, the lanes' and the merged learning state, and
 * `metrics_summary.json`. On resume every episode is simulated again (a lane's pools and positions
 * carry over between its episodes) and the finished ones are checked byte for byte instead of
 * written, so a killed and resumed run ends with exactly the bytes of an uninterrupted one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeLearningStates, emptyLearningState, type LearningState } from '../agent/learning.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { ERROR_CODES, type ErrorCode } from '../errors/errorCodes.ts';
import { DETERMINISTIC_EPISODE_FILES } from '../episode/episodeArtifacts.ts';
import type { RunContext } from '../episode/RunContext.ts';
import { writeFileAtomic, writeFilesAtomicAsync } from '../store/atomicWrite.ts';
import { artifactText, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { timingsSchema } from '../store/artifacts/episodeFiles.ts';
import { metricsSummarySchema, type EpisodeMetricsRow, type MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { learningStateFileSchema } from '../store/artifacts/runFiles.ts';
import { episodeId, type RunPaths } from '../store/runPaths.ts';
import type { LaneWorkerData, LaneWorkerMessage } from './laneWorker.ts';
import { renderCampaignHtml } from './campaignReport.ts';
import { MetricsSummaryBuilder, parseEpisodeMetrics } from './metricsSummary.ts';
import { lanesOfWorker } from './runLaneEpisodes.ts';
import { RunEventLog } from './RunEventLog.ts';

export interface ProgressSink {
  start(total: number): void;
  update(done: number, agentNetPnlUsd: number): void;
  stop(): void;
}

export interface ExecuteRunParams {
  paths: RunPaths;
  ctx: RunContext;
  workers: number;
  realDataDir: string;
  /** Set to 1 (Atomics) to stop after the episodes in flight. */
  stopFlag: SharedArrayBuffer;
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
  const workers = Math.max(1, Math.min(p.workers, ctx.lanes));
  const summary = new MetricsSummaryBuilder(ctx.runId);
  const pending = new Map<number, { line: string; startSeconds: number }>();
  let nextLine = 0;
  let written = 0;
  let verified = 0;
  let agentPnl = 0;
  // rebuilt from the start: every line is re-derived, so a line cut by a SIGKILL never survives
  const metricsFd = openSync(paths.episodeMetrics, 'w');
  const events = new RunEventLog(paths.events, ctx);
  events.runStarted();
  p.progress.start(ctx.episodes);

  let aborted = false;
  /** Writes (or, on resume, verifies) one episode; the files go through the thread pool so writes overlap. */
  const onEpisode = async (m: Extract<LaneWorkerMessage, { type: 'episode' }>): Promise<void> => {
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
      writeSync(metricsFd, line);
      // the worker validated the row when it built it; parsing it back gives the typed row
      const row = JSON.parse(line) as EpisodeMetricsRow;
      events.episode(row, startSeconds);
      summary.add(row);
      p.onRow?.(row);
      agentPnl += row.pnl_usd;
      nextLine++;
    }
    p.progress.update(written + verified, agentPnl);
  };

  const laneStates = new Map<number, LearningState>();
  let stopped = false;
  try {
    await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        runWorker({ ctx, realDataDir: p.realDataDir, lanes: lanesOfWorker(ctx, w, workers), stopFlag: p.stopFlag }, onEpisode).then((states) => {
          if (states === null) stopped = true;
          else for (const [lane, s] of states) laneStates.set(lane, s as LearningState);
        }),
      ),
    );
  } catch (error) {
    aborted = true;
    events.close();
    Atomics.store(new Int32Array(p.stopFlag), 0, 1);
    throw error;
  } finally {
    fsyncSync(metricsFd);
    closeSync(metricsFd);
    p.progress.stop();
  }
  if (stopped || nextLine < ctx.episodes) {
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

const BOOTSTRAP = new URL('./workerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./laneWorker.ts', import.meta.url).href;

/** One worker thread over its lanes; resolves with its lanes' learning states (null when stopped). */
function runWorker(data: Omit<LaneWorkerData, 'entry' | 'ackCounter'>, onEpisode: (m: Extract<LaneWorkerMessage, { type: 'episode' }>) => Promise<void>): Promise<Array<[number, unknown]> | null> {
  return new Promise((resolve, reject) => {
    const ackCounter = new SharedArrayBuffer(4);
    const acked = new Int32Array(ackCounter);
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, ackCounter, ...data } satisfies LaneWorkerData });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error);
    };
    const inFlight = new Set<Promise<void>>();
    worker.on('message', (m: LaneWorkerMessage) => {
      if (settled) return;
      if (m.type === 'episode') {
        const write = onEpisode(m).then(
          () => {
            inFlight.delete(write);
            Atomics.add(acked, 0, 1);
            Atomics.notify(acked, 0);
          },
          (error: unknown) => fail(error),
        );
        inFlight.add(write);
      } else if (m.type === 'done') {
        settled = true;
        // the worker is finished once its last episodes are on disk
        Promise.all(inFlight).then(() => resolve(m.learning), reject);
      } else fail(new ClmmLabError(isErrorCode(m.code) ? m.code : 'INTERNAL', m.message, { details: { stack: m.stack } }));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!settled) fail(new ClmmLabError('INTERNAL', `a lane worker exited with code ${code} before finishing`));
    });
  });
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
