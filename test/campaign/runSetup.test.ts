/**
 * Run setup under crashes and bad input (issue 11): a failed resume changes no byte, an interrupted
 * creation is cleared and created again, an id without a time starts at its creation time (and
 * cached intel from after that start is missing, never `fresh, age 0`), and input files that are
 * directories or huge are named bad-input errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { openIntelCache } from '../../src/intel/cache/openIntelCache.ts';
import { getQuery, REGISTRY } from '../../src/intel/registry.ts';
import { runInProcess, SMALL, tempDirs } from './campaignHarness.ts';

const dir = tempDirs();
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Every file of a folder with its bytes, but the lock and the log (volatile by design). */
function allBytes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name !== '.lock' && name !== 'campaign.log') out.set(relative(root, full), readFileSync(full, 'latin1'));
    }
  };
  walk(root);
  return out;
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** A sparse file of `mb` megabytes (no disk used; `truncate -s`). */
function sparseFile(path: string, mb: number): string {
  const fd = openSync(path, 'w');
  closeSync(fd);
  spawnSync('truncate', ['-s', `${mb}M`, path]);
  assert.equal(statSync(path).size, mb * 1024 * 1024);
  return path;
}

describe('run setup', () => {
  test('A failed resume (RESUME_MISMATCH) truncates episode_metrics.jsonl of a finished run (60 lines → 5): now it changes no byte', async () => {
    const d = dir('mismatch');
    const made = await runInProcess(['campaign', '--episodes', '12', '--run-id', 'fin', '--data-dir', d, ...SMALL]);
    assert.equal(made.code, 0, made.err);
    const root = join(d, 'runs', 'fin');
    const result = join(root, 'episodes', 'ep_fin_5', 'result.json');
    writeFileSync(result, readFileSync(result, 'utf8').replace('"status": "success"', '"status": "succes"'));
    const before = allBytes(root);
    assert.equal(before.get('episode_metrics.jsonl')!.split('\n').filter(Boolean).length, 12);
    const r = await runInProcess(['campaign', '--resume', 'fin', '--data-dir', d, '--workers', '2']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /RESUME_MISMATCH.*ep_fin_5/);
    const after = allBytes(root);
    assert.deepEqual([...after.keys()], [...before.keys()], 'no file added or removed');
    for (const [name, bytes] of before) assert.equal(after.get(name), bytes, `${name} changed`);
    assert.equal((readJson(join(root, 'run_env.json')) as { resumed_at?: unknown }).resumed_at, undefined);
  });

  test('`campaign` killed between creating its folder and writing run_config.json: the same command clears it and runs', async () => {
    const d = dir('partial');
    const root = join(d, 'runs', 'half');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'intel_snapshot.json'), '{"entries": {');
    writeFileSync(join(root, '.lock'), `${deadPid()}\n`);
    const resume = await runInProcess(['campaign', '--resume', 'half', '--data-dir', d]);
    assert.equal(resume.code, 2);
    assert.match(resume.err, /RUN_NOT_FOUND.*start it again with --run-id half/);
    assert.doesNotMatch(resume.err, /delete/);
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'half', '--data-dir', d, ...SMALL]);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /RUN_EXISTS/);
    assert.match(r.out, /interrupted creation/);
    assert.equal(readJson(join(root, 'metrics_summary.json')).total_episodes, 4);
    assert.equal(existsSync(join(root, '.lock')), false);
  });

  test('`campaign` with a missing calibration file writes no run folder', async () => {
    const d = dir('nocal');
    const r = await runInProcess(['campaign', '--episodes', '2', '--run-id', 'nocal', '--data-dir', d, ...SMALL], { DUNE_CALIBRATION_JSON: join(d, 'absent.json') });
    assert.equal(r.code, 2);
    assert.match(r.err, /BAD_CALIBRATION.*DUNE_CALIBRATION_JSON.*does not exist/);
    assert.equal(existsSync(join(d, 'runs', 'nocal')), false);
  });

  test('A custom --run-id with no time in it puts the simulated clock at 2025-01-01, so newer cached intel reads as fresh, age 0: now it starts at its creation time', async () => {
    const d = dir('clock');
    const startMs = Date.now();
    const cache = await openIntelCache({ kind: 'sqlite', dataDir: d });
    const gasRows = [{ action: 'all', tx_count: 1, gas_used_median: 1, gas_price_gwei_median: 1, gas_price_gwei_p90: 1, gas_price_gwei_last_hour: null, gas_usd_median: 1, gas_usd_p75: 2, gas_usd_p90: 3, eth_usd: 2000 }];
    const asof = new Date(Math.floor(startMs / 1000) * 1000 - 120_000).toISOString();
    await cache.recordSuccess({ spec: getQuery(REGISTRY, 'gas_regime'), scope: { kind: 'global' }, rows: gasRows, asof, source: 'dune_latest', fetchedAtMs: startMs });
    await cache.close();

    const r = await runInProcess(['campaign', '--episodes', '2', '--run-id', 'custom', '--data-dir', d, ...SMALL]);
    assert.equal(r.code, 0, r.err);
    const root = join(d, 'runs', 'custom');
    const config = readJson(join(root, 'run_config.json')) as { settings: { simStartSeconds: number | null }; epoch_seconds: number };
    const start = config.settings.simStartSeconds;
    assert.ok(start !== null && start >= Math.floor(startMs / 1000) && start <= Math.ceil(Date.now() / 1000), `simStartSeconds ${start} is the creation time`);
    assert.equal(config.epoch_seconds, start);
    const snapshot = readJson(join(root, 'intel_snapshot.json')) as { entries: Record<string, { quality: string; age_s: number | null }> };
    assert.equal(snapshot.entries.gas_regime!.quality, 'fresh');
    assert.equal(snapshot.entries.gas_regime!.age_s, start - Date.parse(asof) / 1000, 'age against the creation time, not 2025-01-01');

    // a run whose id has a time before the cached data: that entry did not exist yet
    const early = await runInProcess(['campaign', '--episodes', '1', '--run-id', 'early_20250101_000000', '--data-dir', d, ...SMALL]);
    assert.equal(early.code, 0, early.err);
    const earlyRoot = join(d, 'runs', 'early_20250101_000000');
    const earlyConfig = readJson(join(earlyRoot, 'run_config.json')) as { settings: { simStartSeconds: number | null }; epoch_seconds: number };
    assert.equal(earlyConfig.settings.simStartSeconds, null, 'an id with a time keeps simStartSeconds null (run_config.json bytes unchanged)');
    assert.equal(earlyConfig.epoch_seconds, 1_735_689_600);
    const earlySnap = readJson(join(earlyRoot, 'intel_snapshot.json')) as { entries: Record<string, { quality: string; age_s: number | null; reason?: string }>; data: Record<string, unknown> };
    assert.deepEqual(earlySnap.entries.gas_regime, { quality: 'missing', age_s: null, asof, reason: 'after_run_start' });
    assert.equal(earlySnap.data.gas_regime, null);
    for (const e of Object.values(earlySnap.entries)) assert.ok(e.age_s === null || e.age_s >= 0);

    // a resume sees the saved start, whatever the clock says now
    const resumed = await runInProcess(['campaign', '--resume', 'custom', '--data-dir', d]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal((readJson(join(root, 'run_config.json')) as { settings: { simStartSeconds: number } }).settings.simStartSeconds, start);
  });
});

describe('A directory, or a 600 MB file, given as DUNE_CALIBRATION_JSON, HB_LEARNING_STATE or --spec', () => {
  const d = dir('inputs');
  const folder = join(d, 'a-folder');
  mkdirSync(folder);
  const huge = sparseFile(join(d, 'huge.json'), 600);
  const cases: Array<{ name: string; env: Record<string, string>; code: RegExp; field: RegExp }> = [
    { name: 'DUNE_CALIBRATION_JSON', env: {}, code: /BAD_CALIBRATION/, field: /DUNE_CALIBRATION_JSON/ },
    { name: 'HB_LEARNING_STATE', env: {}, code: /BAD_LEARNING_STATE/, field: /HB_LEARNING_STATE/ },
  ];
  for (const c of cases) {
    for (const [what, path, problem] of [['a directory', folder, /is a directory/], ['a 600 MB file', huge, /is 600 MB/]] as const) {
      test(`${c.name} naming ${what} is a named bad-input error (exit 2), checked before reading`, async () => {
        const r = await runInProcess(['campaign', '--episodes', '1', '--run-id', 'x', '--data-dir', join(d, 'data'), ...SMALL], { [c.name]: path });
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, c.code);
        assert.match(r.err, c.field);
        assert.match(r.err, problem);
        assert.equal(existsSync(join(d, 'data', 'runs', 'x')), false);
      });
    }
  }
  for (const [what, path, problem] of [['a directory', folder, /is a directory/], ['a 600 MB file', huge, /is 600 MB/]] as const) {
    test(`--spec naming ${what} is a named bad-input error (exit 2)`, async () => {
      const r = await runInProcess(['compare', '--spec', path, '--episodes', '2', '--data-dir', join(d, 'data')]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /BAD_SPEC.*--spec/);
      assert.match(r.err, problem);
    });
  }
});
