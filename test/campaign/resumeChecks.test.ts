/**
 * What a resume checks before it touches a run: temp files of killed writers are removed, a damaged
 * or missing saved input is a named error (exit 2), and a replay run's recorded data must hold the
 * bytes the run started with. A refused resume changes no byte of the run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { realDataDir } from '../replay/realData.ts';
import { allFileBytes, deterministicTree, runInProcess, SMALL, tempDirs, treeDifference } from './campaignHarness.ts';

const dir = tempDirs();
const REAL = realDataDir(new URL('../../', import.meta.url));


/** A pid that no process has now: one of a child that has exited and been reaped. */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

describe('resume of a damaged run', () => {
  const d = dir('damaged');
  const source = join(d, 'src');
  before(async () => {
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'dm', '--data-dir', source, ...SMALL]);
    assert.equal(r.code, 0, r.err);
  });

  const cases: Array<{ name: string; damage: (root: string) => void; file: RegExp }> = [
    { name: 'intel_snapshot.json deleted', damage: (root) => rmSync(join(root, 'intel_snapshot.json')), file: /intel_snapshot\.json: missing/ },
    { name: 'intel_snapshot.json garbage', damage: (root) => writeFileSync(join(root, 'intel_snapshot.json'), '{"entries": [garbage'), file: /intel_snapshot\.json: its sha256 differs/ },
    { name: 'run_env.json deleted', damage: (root) => rmSync(join(root, 'run_env.json')), file: /run_env\.json: missing/ },
    { name: 'run_env.json garbage', damage: (root) => writeFileSync(join(root, 'run_env.json'), 'not json at all'), file: /run_env\.json: not JSON/ },
    { name: 'run_env.json without real_data_dir', damage: (root) => writeFileSync(join(root, 'run_env.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(source, 'runs', 'dm', 'run_env.json'), 'utf8')), real_data_dir: 5 })), file: /run_env\.json: real_data_dir/ },
  ];
  for (const c of cases) {
    test(`resume with ${c.name} is RUN_DAMAGED (exit 2) naming the file, and changes no byte`, async () => {
      const data = join(d, c.name.replace(/[^a-z]/g, '_'));
      cpSync(source, data, { recursive: true });
      const root = join(data, 'runs', 'dm');
      c.damage(root);
      const before = allFileBytes(root);
      const r = await runInProcess(['campaign', '--resume', 'dm', '--data-dir', data]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /RUN_DAMAGED/);
      assert.match(r.err, c.file);
      assert.doesNotMatch(r.err, /INTERNAL|at .*\.ts:\d+/);
      assert.deepEqual(allFileBytes(root), before);
    });
  }
});

describe('temp files of killed writers', () => {
  test('SIGKILL leaves .<file>.tmp-PID-N files: resume removes those of dead writers and keeps a live writer’s', async () => {
    const data = dir('tmp');
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'tf', '--data-dir', data, ...SMALL]);
    assert.equal(r.code, 0, r.err);
    const root = join(data, 'runs', 'tf');
    const tree = deterministicTree(root);
    const dead = deadPid();
    const leftovers = [join(root, `.episode_metrics.jsonl.tmp-${dead}-3`), join(root, 'episodes', 'ep_tf_2', `.result.json.tmp-${dead}-17`), join(root, 'lanes', '1', `.learning_state.json.tmp-${dead}-0`)];
    for (const f of leftovers) writeFileSync(f, '{"half": ');
    const liveWriters = join(root, `.metrics_summary.json.tmp-${process.ppid}-4`); // a live process may be writing it
    writeFileSync(liveWriters, '{');
    const resumed = await runInProcess(['campaign', '--resume', 'tf', '--data-dir', data]);
    assert.equal(resumed.code, 0, resumed.err);
    for (const f of leftovers) assert.equal(existsSync(f), false, `${f} is removed`);
    assert.equal(existsSync(liveWriters), true, 'a live writer’s temp file is left alone');
    assert.equal(treeDifference(tree, deterministicTree(root)), null);
  });
});

describe('replay resume and the recorded data', () => {
  test('replay resume checks the recorded data: one changed byte (same size) is REAL_DATA_CHANGED (exit 2) and changes no byte', async () => {
    const real = dir('real');
    // a copy of one recorded day (never copied into the repo)
    const name = 'polygon-0x45dda9cb7c25131df268515131f647d726f50608-2022-07-19.minute.csv';
    mkdirSync(join(real, 'zelos-alpha-demeter'));
    const file = join(real, 'zelos-alpha-demeter', name);
    copyFileSync(join(REAL, 'zelos-alpha-demeter', name), file);
    chmodSync(file, 0o644);
    const data = dir('replay');
    const args = ['campaign', '--market', 'replay', '--episodes', '4', '--lanes', '2', '--run-id', 'rp', '--data-dir', data, '--real-data', real];
    const r = await runInProcess(args);
    assert.equal(r.code, 0, r.err);
    const root = join(data, 'runs', 'rp');
    // an unchanged copy resumes
    assert.equal((await runInProcess(['campaign', '--resume', 'rp', '--data-dir', data])).code, 0);
    // one digit of a late price changes, the size does not
    const text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf('\n', text.length - 2) + 1;
    const line = text.slice(at);
    const digit = line.search(/[1-8]/);
    const changed = text.slice(0, at + digit) + String(Number(line[digit]) + 1) + text.slice(at + digit + 1);
    assert.equal(changed.length, text.length);
    writeFileSync(file, changed);
    const before = allFileBytes(root);
    const resumed = await runInProcess(['campaign', '--resume', 'rp', '--data-dir', data]);
    assert.equal(resumed.code, 2, resumed.err + resumed.out);
    assert.match(resumed.err, /REAL_DATA_CHANGED/);
    assert.match(resumed.err, new RegExp(real.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.deepEqual(allFileBytes(root), before);
  });
});
