/** A run folder's status, as `clmm-lab runs` and the server read it. */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runInProcess, SMALL, tempDirs } from '../../test/campaign/campaignHarness.ts';
import { listRunIds, readRunState, runListItem } from './runStatus.ts';

const dir = tempDirs();
let data: string;

before(async () => {
  data = dir('status');
  const r = await runInProcess(['campaign', '--episodes', '4', ...SMALL, '--run-id', 'st', '--data-dir', data, '--workers', '1']);
  assert.equal(r.code, 0, r.err);
  writeFileSync(join(data, 'runs', 'not-a-run.txt'), 'x');
});

function variant(name: string, change: (root: string) => void): string {
  const copy = dir(name);
  cpSync(data, copy, { recursive: true });
  change(join(copy, 'runs', 'st'));
  return copy;
}

describe('readRunState', () => {
  test('a finished run is complete, with its summary', () => {
    assert.deepEqual(listRunIds(data), ['st']);
    const s = readRunState(data, 'st');
    assert.equal(s.status, 'complete');
    assert.equal(s.summary?.total_episodes, 4);
    assert.deepEqual(runListItem(s), { run_id: 'st', status: 'complete', episodes: 4, episodes_done: 4, seed: 42, market: 'sim', total_pnl_usd: s.summary!.total_pnl_usd });
  });

  test('fewer rows than episodes: stopped, and running while a live process holds the lock; a summary beside too few rows does not count', () => {
    const d = variant('stopped', (root) => {
      const rows = readFileSync(join(root, 'episode_metrics.jsonl'), 'utf8').split('\n');
      writeFileSync(join(root, 'episode_metrics.jsonl'), `${rows.slice(0, 2).join('\n')}\n`);
    });
    const stopped = readRunState(d, 'st');
    assert.deepEqual([stopped.status, stopped.rows.length, stopped.summary], ['stopped', 2, null]);
    writeFileSync(join(d, 'runs', 'st', '.lock'), `${process.pid}\n`);
    assert.equal(readRunState(d, 'st').status, 'running');
  });

  test('a run_config.json that does not read back makes the run damaged, with the error naming the file', () => {
    const d = variant('damaged', (root) => writeFileSync(join(root, 'run_config.json'), '{"version": 1}'));
    const s = readRunState(d, 'st');
    assert.equal(s.status, 'damaged');
    assert.equal(s.error?.code, 'ARTIFACT_INVALID');
    assert.match(s.error!.message, /^runs\/st\/run_config\.json/);
    assert.deepEqual(runListItem(s), { run_id: 'st', status: 'damaged', episodes: null, episodes_done: 0, seed: null, market: null, total_pnl_usd: null });
    const gone = variant('gone', (root) => rmSync(join(root, 'run_config.json')));
    assert.equal(readRunState(gone, 'st').status, 'damaged');
  });
});
