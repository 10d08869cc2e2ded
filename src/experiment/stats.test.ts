import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../market/Rng.ts';
import { blockBootstrap, cvar, maxDrawdown, sharpe, winRate } from './stats.ts';

test('the lane-block bootstrap CI covers the true mean about 95% of the time (iid normal blocks)', () => {
  const rng = createRng(1);
  const mu = 1.5;
  let covered = 0;
  const reps = 200;
  for (let r = 0; r < reps; r++) {
    const blocks = Array.from({ length: 16 }, () => Array.from({ length: 20 }, () => mu + 4 * rng.normal()));
    const b = blockBootstrap(blocks, rng.fork(`boot:${r}`), 2000)!;
    if (b.meanCi.lo <= mu && mu <= b.meanCi.hi) covered++;
  }
  // binomial(200, 0.95): 0.89-0.99 holds with overwhelming probability; a percentile bootstrap on 16 blocks runs slightly narrow
  assert.ok(covered / reps >= 0.88 && covered / reps <= 0.995, `coverage ${covered / reps}`);
});

test('correlated episodes within a lane widen the CI compared with treating them as independent', () => {
  const rng = createRng(2);
  // each lane has its own offset: episodes in a lane are not independent
  const blocks = Array.from({ length: 8 }, () => {
    const offset = 5 * rng.normal();
    return Array.from({ length: 50 }, () => offset + rng.normal());
  });
  const byLane = blockBootstrap(blocks, createRng(3), 2000)!;
  const asIid = blockBootstrap(blocks.flat().map((x) => [x]), createRng(3), 2000)!;
  assert.ok(byLane.meanCi.hi - byLane.meanCi.lo > 3 * (asIid.meanCi.hi - asIid.meanCi.lo));
});

test('the bootstrap is reproducible by seed and changes with it', () => {
  const data = createRng(4);
  const blocks = Array.from({ length: 12 }, () => Array.from({ length: 5 }, () => data.normal()));
  const a = blockBootstrap(blocks, createRng(9), 2000);
  const b = blockBootstrap(blocks, createRng(9), 2000);
  const c = blockBootstrap(blocks, createRng(10), 2000);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a!.meanCi, c!.meanCi);
  assert.equal(a!.mean, c!.mean, 'the point estimate does not depend on the resampling');
  assert.equal(a!.resamples, 2000);
  assert.equal(blockBootstrap([[1, 2, 3], [4, 5], [6], [-1, 0]], createRng(1), 2000)!.mean, 20 / 8);
  assert.equal(blockBootstrap([[], []], createRng(1), 2000), null);
});

test('Sharpe, CVaR, max drawdown and win rate on known series', () => {
  assert.equal(sharpe([1, 3]), 2 / Math.SQRT2);
  assert.equal(sharpe([2, 2, 2]), null);
  const uniform = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100: worst 5% = 1..5
  assert.equal(cvar(uniform, 0.05), 3);
  assert.equal(cvar([7], 0.05), 7);
  assert.equal(maxDrawdown([5, -2, -4, 3, -10, 20]), 13); // peak 5 → trough −8
  assert.equal(maxDrawdown([1, 2, 3]), 0);
  assert.equal(winRate([1, -1, 0, 2]), 0.5);
});
