import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLanes } from './splitLanes.ts';

test('every worker count splits the lanes so each lane runs on exactly one worker', () => {
  for (const lanes of [1, 3, 8, 13]) {
    const all = Array.from({ length: lanes }, (_, k) => k);
    for (const workers of [1, 2, 3, 8, 20]) {
      const groups = splitLanes(all, workers);
      assert.equal(groups.length, Math.min(workers, lanes));
      assert.ok(groups.every((g) => g.length > 0));
      assert.deepEqual(groups.flat().sort((a, b) => a - b), all, `lanes ${lanes}, workers ${workers}`);
    }
  }
  assert.deepEqual(splitLanes([0, 1, 2, 3, 4], 2), [[0, 2, 4], [1, 3]]);
});
