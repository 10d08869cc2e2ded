import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openIntelCache } from '../intel/cache/openIntelCache.ts';
import { prepareRun } from './prepareRun.ts';
import type { PrepareRunDeps } from './prepareRunTypes.ts';

const root = mkdtempSync(join(tmpdir(), 'clmm-prepare-'));
after(() => rmSync(root, { recursive: true, force: true }));
const T = new Date('2026-03-01T12:00:00Z');

function deps(dataDir: string, logged: string[] = []): PrepareRunDeps {
  return {
    clock: () => T,
    dataDir,
    cwd: root,
    openIntelCache: () => openIntelCache({ kind: 'sqlite', path: ':memory:' }),
    host: { host: 'h', node: 'v20', clmm_lab: '0.0.0-test' },
    log: (line) => logged.push(line),
  };
}

test('the clock, data dir, cwd and host come from deps: the default run id, run_env.json and the simulated start of an id without a time', async () => {
  const dataDir = join(root, 'a');
  const a = await prepareRun(deps(dataDir), { kind: 'new', flags: { episodes: '2', lanes: '1' }, env: {}, workers: 3 });
  a.run.lock.release();
  assert.equal(a.run.ctx.runId, 'run_20260301_120000');
  assert.equal(a.run.config.settings.simStartSeconds, null);
  assert.equal(a.run.ctx.epochSeconds, T.getTime() / 1000);
  const env = JSON.parse(readFileSync(a.run.paths.runEnv, 'utf8')) as Record<string, unknown>;
  assert.deepEqual({ started_at: env.started_at, host: env.host, workers: env.workers, data_dir: env.data_dir }, { started_at: T.toISOString(), host: 'h', workers: 3, data_dir: dataDir });
  assert.equal(a.run.config.agent_version, 'clmm-lab@0.0.0-test');

  const b = await prepareRun(deps(dataDir), { kind: 'new', flags: { episodes: '2', lanes: '1' }, env: { HB_SEED: '9' }, runId: 'mine', workers: 1 });
  b.run.lock.release();
  assert.equal(b.run.config.settings.simStartSeconds, T.getTime() / 1000);
  assert.equal(b.run.config.settings.seed, 9, 'the environment is the one passed in');

  const resumed = await prepareRun(deps(dataDir), { kind: 'resume', runId: 'mine', flags: {} });
  resumed.run.lock.release();
  assert.equal(resumed.resumed, true);
  assert.deepEqual(resumed.run.config, b.run.config);
});

test('a run from resolved inputs is created, then opened while its config matches, and a mismatch is the caller\'s error', async () => {
  const dataDir = join(root, 'b');
  const base = await prepareRun(deps(join(root, 'seed')), { kind: 'new', flags: { episodes: '1', lanes: '1' }, env: {}, runId: 'v_20260301_120000', workers: 1 });
  base.run.lock.release();
  const inputs = { runId: 'v', settings: base.run.config.settings, marketConfig: base.run.ctx.marketConfig, agentPatch: null, calibration: null, intelText: readFileSync(base.run.paths.intelSnapshot, 'utf8'), learningStateText: null, realDataFingerprint: null, agentVersion: 'x' };
  const env = { workers: 1, real_data_dir: '/r', calibration_path: null, learning_state_path: null };
  const conflict = () => new Error('conflict') as never;
  const made = await prepareRun(deps(dataDir), { kind: 'inputs', inputs, calibrationText: null, env, conflict });
  made.run.lock.release();
  assert.equal(made.resumed, false);
  const opened = await prepareRun(deps(dataDir), { kind: 'inputs', inputs, calibrationText: null, env, conflict });
  opened.run.lock.release();
  assert.equal(opened.resumed, true);
  await assert.rejects(prepareRun(deps(dataDir), { kind: 'inputs', inputs: { ...inputs, settings: { ...inputs.settings, seed: 1 } }, calibrationText: null, env, conflict }), /conflict/);
});
