/**
 * Worker-thread entry: runs the lanes it is given and posts each episode's artifacts to the main
 * thread, which alone writes the run folder. A shared flag set by the main thread (SIGINT/SIGTERM)
 * stops it between episodes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunContext } from '../episode/RunContext.ts';
import { MAX_EPISODES_AHEAD } from './laneTransport.ts';
import { marketSourceFor } from './marketSources.ts';
import { runLaneEpisodes } from './runLaneEpisodes.ts';

export interface LaneWorkerData {
  entry: string;
  ctx: RunContext;
  realDataDir: string;
  lanes: number[];
  stopFlag: SharedArrayBuffer;
  /** Episodes the main thread has written from this worker (it adds one per episode). */
  ackCounter: SharedArrayBuffer;
}

/** How many episodes a worker may run ahead of the main thread's writes: bounds memory and makes a stop prompt. */
export const MAX_AHEAD = MAX_EPISODES_AHEAD;

export type LaneWorkerMessage =
  | { type: 'episode'; index: number; episodeId: string; files: Array<[string, string]>; metricsLine: string; wallMs: number }
  | { type: 'done'; learning: Array<[number, unknown]> | null }
  | { type: 'error'; code: string; message: string; stack?: string };

const data = workerData as LaneWorkerData;
const port = parentPort!;
const stop = new Int32Array(data.stopFlag);
const acked = new Int32Array(data.ackCounter);
let emitted = 0;
/** Blocks (without spinning) while MAX_AHEAD episodes wait to be written, unless a stop is asked. */
function waitForWriter(): void {
  for (;;) {
    const seen = Atomics.load(acked, 0);
    if (emitted - seen < MAX_AHEAD || Atomics.load(stop, 0) !== 0) return;
    Atomics.wait(acked, 0, seen, 100);
  }
}
try {
  const source = marketSourceFor(data.ctx, data.realDataDir);
  const learning = await runLaneEpisodes({
    ctx: data.ctx,
    source,
    lanes: data.lanes,
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    emit: (a, wallMs) => {
      waitForWriter();
      emitted++;
      port.postMessage({ type: 'episode', index: a.index, episodeId: a.episodeId, files: a.files, metricsLine: a.metricsLine, wallMs } satisfies LaneWorkerMessage);
    },
  });
  port.postMessage({ type: 'done', learning: learning === null ? null : [...learning] } satisfies LaneWorkerMessage);
} catch (error) {
  const e = error as { code?: unknown; message?: unknown; stack?: unknown };
  port.postMessage({ type: 'error', code: typeof e.code === 'string' ? e.code : 'INTERNAL', message: String(e.message ?? error), ...(typeof e.stack === 'string' ? { stack: e.stack } : {}) } satisfies LaneWorkerMessage);
}
