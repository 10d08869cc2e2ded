import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunContext } from '../episode/RunContext.ts';
import { indicesOfLanes } from './runLaneEpisodes.ts';

const ctx = (episodes: number, lanes: number) => ({ episodes, lanes }) as RunContext;

test('episode i belongs to lane i mod L, and a lane runs its episodes in index order', () => {
  assert.deepEqual(indicesOfLanes(ctx(20, 8), [3]), [3, 11, 19]);
  assert.deepEqual(indicesOfLanes(ctx(10, 8), [0, 5]), [0, 5, 8]);
});
