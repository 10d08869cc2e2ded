import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunContext } from '../episode/RunContext.ts';
import { indicesOfLanes, lanesOfWorker } from './runLaneEpisodes.ts';

const ctx = (episodes: number, lanes: number) => ({ episodes, lanes }) as RunContext;

test('episode i belongs to lane i mod L, and a lane runs its episodes in index order', () => {
  assert.deepEqual(indicesOfLanes(ctx(20, 8), [3]), [3, 11, 19]);
  assert.deepEqual(indicesOfLanes(ctx(10, 8), [0, 5]), [0, 5, 8]);
});

test('every worker count splits the lanes so each lane runs on exactly one worker', () => {
  for (const lanes of [1, 3, 8, 13]) {
    for (const workers of [1, 2, 3, 8, 20]) {
      const all = Array.from({ length: Math.min(workers, lanes) }, (_, w) => lanesOfWorker(ctx(100, lanes), w, Math.min(workers, lanes))).flat().sort((a, b) => a - b);
      assert.deepEqual(all, Array.from({ length: lanes }, (_, k) => k), `lanes ${lanes}, workers ${workers}`);
    }
  }
});
