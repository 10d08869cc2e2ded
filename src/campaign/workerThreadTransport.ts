/**
 * The `LaneTransport` of one machine: the job's lanes spread over worker threads (lane k on thread
 * k mod workers), each posting its episodes back to the main thread. Back-pressure is a shared
 * acknowledgement counter per thread (laneWorker.ts waits while MAX_AHEAD episodes are unacked); a
 * stop sets a shared flag the threads check between episodes.
 */
import { Worker } from 'node:worker_threads';
import type { LearningState } from '../agent/learning.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { ERROR_CODES, type ErrorCode } from '../errors/errorCodes.ts';
import type { LaneEpisodeMessage, LaneJob, LaneJobHandlers, LaneJobResult, LaneTransport } from './laneTransport.ts';
import type { LaneWorkerData, LaneWorkerMessage } from './laneWorker.ts';
import { splitLanes } from './splitLanes.ts';

const BOOTSTRAP = new URL('./workerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./laneWorker.ts', import.meta.url).href;
/**
 * A lane thread's old-generation cap (MB). A thread's live heap is flat in episodes (about 17 MB), but
 * V8 sizes a heap's next collection as live size times a growth factor that it raises over a long run
 * up to a maximum set by this cap: at the default cap (the process's, gigabytes) a 1,000-episode
 * campaign's threads let their garbage reach about three times their live heap before collecting, so
 * the peak grew with the run's length. A 1 GB cap keeps the factor low and is still far above any
 * lane's live data.
 */
const LANE_THREAD_OLD_GENERATION_MB = 1024;

export function createWorkerThreadTransport(options: { workers: number }): LaneTransport {
  return {
    async runLanes(job: LaneJob, handlers: LaneJobHandlers): Promise<LaneJobResult> {
      const stopFlag = new SharedArrayBuffer(4);
      const stop = () => Atomics.store(new Int32Array(stopFlag), 0, 1);
      if (handlers.signal.aborted) stop();
      handlers.signal.addEventListener('abort', stop, { once: true });
      try {
        const results = await Promise.all(splitLanes(job.lanes, options.workers).map((lanes) => runThread({ ctx: job.ctx, realDataDir: job.realDataDir, lanes, stopFlag }, handlers.onEpisode)));
        if (results.some((r) => r === null)) return null;
        const states = new Map<number, LearningState>();
        for (const r of results) for (const [lane, s] of r!) states.set(lane, s as LearningState);
        return states;
      } catch (error) {
        stop(); // the other threads stop after their episodes in flight
        throw error;
      } finally {
        handlers.signal.removeEventListener('abort', stop);
      }
    },
  };
}

/** One worker thread over its lanes; resolves with its lanes' learning states (null when stopped). */
function runThread(data: Omit<LaneWorkerData, 'entry' | 'ackCounter'>, onEpisode: (m: LaneEpisodeMessage) => Promise<void>): Promise<Array<[number, unknown]> | null> {
  return new Promise((resolve, reject) => {
    const ackCounter = new SharedArrayBuffer(4);
    const acked = new Int32Array(ackCounter);
    const worker = new Worker(BOOTSTRAP, { resourceLimits: { maxOldGenerationSizeMb: LANE_THREAD_OLD_GENERATION_MB }, workerData: { entry: ENTRY, ackCounter, ...data } satisfies LaneWorkerData });
    let settled = false;
    let lateError: unknown;
    const fail = (error: unknown) => {
      if (settled) {
        lateError ??= error; // a write that failed after the thread said done
        return;
      }
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
        // the thread is finished once its last episodes are acknowledged
        Promise.all(inFlight).then(() => (lateError === undefined ? resolve(m.learning) : reject(lateError)), reject);
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
