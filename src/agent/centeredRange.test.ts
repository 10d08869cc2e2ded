import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { centeredRange, isInRange, rangeWidth, usableTickBounds } from './centeredRange.ts';
import { DEFAULT_AGENT_CONFIG } from './agentConfig.ts';
import { snappedWidthFloor, snapWidthUp, widthFloor, oorCriticalPct } from './widthFloors.ts';

test('floors and thresholds follow the contract table', () => {
  const c = DEFAULT_AGENT_CONFIG;
  assert.deepEqual(
    (['trend_up', 'trend_down', 'jumpy', 'high', 'mean_revert', 'mid', 'low'] as const).map((r) => widthFloor(r, c)),
    [1600, 1600, 1400, 1400, 1200, 1000, 800],
  );
  assert.equal(c.widthFloors.default, 1200);
  assert.deepEqual(
    (['trend_up', 'trend_down', 'jumpy', 'mean_revert', 'low', 'mid', 'high'] as const).map((r) => oorCriticalPct(r, c)),
    [92, 92, 90, 92, 90, 90, 90],
  );
  assert.equal(snappedWidthFloor('mid', c, 60), 1080);
});

test('snapWidthUp rounds up to 2 × spacing', () => {
  assert.equal(snapWidthUp(1000, 10), 1000);
  assert.equal(snapWidthUp(1001, 10), 1020);
  assert.equal(snapWidthUp(0, 10), 20);
  assert.equal(snapWidthUp(1000, 60), 1080);
});

test('centred ranges sit on the grid, keep their width and contain the tick', () => {
  fc.assert(
    fc.property(fc.integer({ min: -887_272, max: 887_271 }), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, 10, 60, 200), (tick, width, spacing) => {
      const r = centeredRange({ tick, widthTicks: width, tickSpacing: spacing });
      const { minTick, maxTick } = usableTickBounds(spacing);
      assert.ok(r.tickLower >= minTick && r.tickUpper <= maxTick && r.tickLower < r.tickUpper);
      assert.equal(Math.abs(r.tickLower % spacing), 0);
      assert.equal(Math.abs(r.tickUpper % spacing), 0);
      assert.equal(rangeWidth(r), snapWidthUp(width, spacing));
      if (tick >= minTick + width + 2 * spacing && tick <= maxTick - width - 2 * spacing) assert.ok(isInRange(r, tick));
    }),
    { numRuns: 500 },
  );
});
