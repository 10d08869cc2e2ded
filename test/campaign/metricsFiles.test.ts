/**
 * `clmm-lab metrics` writes only where it should: `--csv PATH` takes a new path or a regular file
 * (never a folder, link, device or pipe), and `--write` refuses a run that has not finished.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runInProcess, SMALL, tempDirs } from './campaignHarness.ts';

const dir = tempDirs();

describe('metrics output files', () => {
  const d = dir('metrics-files');
  before(async () => {
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'mf', '--data-dir', d, ...SMALL]);
    assert.equal(r.code, 0, r.err);
  });

  test('--csv PATH refuses anything but a regular file or a new path (a folder, a pipe, a link) and leaves no temp file', async () => {
    const out = join(d, 'out');
    mkdirSync(out);
    const folder = join(out, 'folder');
    mkdirSync(folder);
    const fifo = join(out, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const target = join(out, 'target.csv');
    writeFileSync(target, 'keep me\n');
    const link = join(out, 'link.csv');
    symlinkSync(target, link);
    for (const [path, kind] of [[folder, /a folder/], [fifo, /a device or special file/], [link, /a symbolic link/]] as const) {
      const r = await runInProcess(['metrics', 'mf', '--data-dir', d, '--csv', path]);
      assert.equal(r.code, 2, `${path}: ${r.err}`);
      assert.match(r.err, /BAD_FLAG.*--csv.*a new file path or an existing regular file/);
      assert.match(r.err, kind);
    }
    assert.ok(lstatSync(fifo).isFIFO(), 'the pipe is still a pipe');
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(readFileSync(target, 'utf8'), 'keep me\n');
    assert.deepEqual(readdirSync(folder), []);
    assert.deepEqual(readdirSync(out).filter((n) => n.includes('.tmp-')), [], 'no temp file in the parent');
    // a regular file is replaced and a new path created
    assert.equal((await runInProcess(['metrics', 'mf', '--data-dir', d, '--csv', target])).code, 0);
    assert.match(readFileSync(target, 'utf8'), /^episode_id,/);
    const fresh = join(out, 'new.csv');
    assert.equal((await runInProcess(['metrics', 'mf', '--data-dir', d, '--csv', fresh])).code, 0);
    assert.equal(readFileSync(fresh, 'utf8').trimEnd().split('\n').length, 5);
  });

  test('metrics --write on an incomplete run writes a summary, and runs then calls the run complete: refused with RUN_INCOMPLETE (exit 2), nothing written', async () => {
    const data = dir('incomplete');
    cpSync(join(d, 'runs'), join(data, 'runs'), { recursive: true });
    const root = join(data, 'runs', 'mf');
    // what an interrupted run looks like: fewer rows than episodes and no summary
    const rows = readFileSync(join(root, 'episode_metrics.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(root, 'episode_metrics.jsonl'), `${rows.slice(0, 2).join('\n')}\n`);
    rmSync(join(root, 'metrics_summary.json'));
    const report = readFileSync(join(root, 'report.html'), 'utf8');
    const csv = join(data, 'e.csv');
    const r = await runInProcess(['metrics', 'mf', '--data-dir', data, '--write', '--csv', csv]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /RUN_INCOMPLETE.*2 of 4 episodes.*--resume mf/);
    assert.equal(existsSync(join(root, 'metrics_summary.json')), false, 'no summary');
    assert.equal(readFileSync(join(root, 'report.html'), 'utf8'), report, 'report.html untouched');
    assert.equal(existsSync(csv), false, 'nothing written');
    const listed = await runInProcess(['runs', '--data-dir', data]);
    assert.match(listed.out, /mf\s+stopped\s+2\/4/);
    // a summary an older version wrote beside too few rows does not make the run complete either
    cpSync(join(d, 'runs', 'mf', 'metrics_summary.json'), join(root, 'metrics_summary.json'));
    assert.match((await runInProcess(['runs', '--data-dir', data])).out, /mf\s+stopped\s+2\/4/);
    // without --write, the incomplete run is still shown and exported
    const shown = await runInProcess(['metrics', 'mf', '--data-dir', data, '--csv', csv]);
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /2\/4 episodes \(incomplete/);
  });
});
