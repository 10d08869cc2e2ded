/**
 * executeRun holds only the LaneTransport port: an in-process transport (no threads, one episode
 * acknowledged before the next) writes the same bytes as the worker-thread one, and a stop signal
 * reaches the transport.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openIntelCache } from '../intel/cache/openIntelCache.ts';
import { episodeId } from '../store/runPaths.ts';
import { executeRun, type ProgressSink } from './executeRun.ts';
import type { LaneTransport } from './laneTransport.ts';
import { marketSourceFor } from './marketSources.ts';
import { prepareRun } from './prepareRun.ts';
import { runLaneEpisodes } from './runLaneEpisodes.ts';
import { createWorkerThreadTransport } from './workerThreadTransport.ts';

const root = mkdtempSync(join(tmpdir(), 'clmm-transport-'));
after(() => rmSync(root, { recursive: true, force: true }));
const silent: ProgressSink = { start() {}, update() {}, stop() {} };
const RUN_ID = 't_20260301_120000';

/** Runs the job's lanes in this thread, awaiting each acknowledgement before the next episode. */
function inProcessTransport(seen: { jobs: number; lanes: number[] }): LaneTransport {
  return {
    async runLanes(job, handlers) {
      seen.jobs++;
      seen.lanes.push(...job.lanes);
      const emitted: Array<Parameters<typeof handlers.onEpisode>[0]> = [];
      const states = await runLaneEpisodes({
        ctx: job.ctx,
        source: marketSourceFor(job.ctx, job.realDataDir),
        lanes: job.lanes,
        shouldStop: () => handlers.signal.aborted,
        emit: (a, wallMs) => emitted.push({ index: a.index, episodeId: a.episodeId, files: a.files, metricsLine: a.metricsLine, wallMs }),
      });
      for (const m of emitted) await handlers.onEpisode(m);
      return states;
    },
  };
}

async function prepared(dataDir: string) {
  const deps = { clock: () => new Date('2026-03-01T12:00:00Z'), dataDir, cwd: root, openIntelCache: () => openIntelCache({ kind: 'sqlite', path: ':memory:' }), host: { host: 'h', node: 'v', clmm_lab: '0' } };
  return prepareRun(deps, { kind: 'new', flags: { episodes: '6', lanes: '2', horizonSeconds: '3600' }, env: {}, runId: RUN_ID, workers: 2 });
}

test('an in-process transport writes the bytes of the worker-thread transport', async () => {
  const files = (dataDir: string) => ['episode_metrics.jsonl', 'metrics_summary.json', 'learning_state.json', ...Array.from({ length: 6 }, (_, i) => join('episodes', episodeId(RUN_ID, i), 'result.json'))].map((f) => readFileSync(join(dataDir, 'runs', RUN_ID, f), 'utf8'));
  const outcomes = [];
  const seen = { jobs: 0, lanes: [] as number[] };
  for (const [name, transport] of [['threads', createWorkerThreadTransport({ workers: 2 })], ['in-process', inProcessTransport(seen)]] as const) {
    const dataDir = join(root, name);
    const { run, realDataDir } = await prepared(dataDir);
    try {
      const r = await executeRun({ paths: run.paths, ctx: run.ctx, transport, realDataDir, signal: new AbortController().signal, logFile: () => {}, progress: silent });
      assert.equal(r.completed, true);
      outcomes.push(files(dataDir));
    } finally {
      run.lock.release();
    }
  }
  assert.deepEqual(seen, { jobs: 1, lanes: [0, 1] }, 'one job with every lane');
  assert.deepEqual(outcomes[1], outcomes[0]);
});

test('an aborted signal reaches the transport, and the run is left incomplete', async () => {
  const { run, realDataDir } = await prepared(join(root, 'stopped'));
  try {
    const stop = new AbortController();
    stop.abort();
    const r = await executeRun({ paths: run.paths, ctx: run.ctx, transport: inProcessTransport({ jobs: 0, lanes: [] }), realDataDir, signal: stop.signal, logFile: () => {}, progress: silent });
    assert.deepEqual({ completed: r.completed, written: r.written }, { completed: false, written: 0 });
  } finally {
    run.lock.release();
  }
});
