import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usableTickBounds } from '../centeredRange.ts';
import { atTick, baseObservation, centredOn, START_TICK, withHistory, withPosition } from '../testSupport/observationFixture.ts';
import type { Observation, StrategyDecision } from '../types.ts';
import { BASELINE_KEYS, createBaselines } from './createBaselines.ts';

const byName = () => Object.fromEntries(createBaselines().map((s) => [s.name, s]));

function assertJsonStable(d: StrategyDecision): void {
  assert.deepEqual(JSON.parse(JSON.stringify(d.decisionBasis)), d.decisionBasis);
  assert.equal(typeof d.decisionBasis.rule_fired, 'string');
}

test('the eight baselines, with the exact keys, in order', () => {
  assert.deepEqual(
    createBaselines().map((s) => s.name),
    ['baseline_hold', 'baseline_wide', 'baseline_medium', 'baseline_tight', 'baseline_hodl', 'baseline_full_range', 'baseline_charm', 'baseline_vol_scaled'],
  );
  assert.deepEqual([...BASELINE_KEYS], createBaselines().map((s) => s.name));
});

test('every pool baseline opens at its first step and only then; hodl never opens', () => {
  const first = baseObservation();
  for (const s of createBaselines()) {
    const d = s.decide(first);
    assertJsonStable(d);
    if (s.name === 'baseline_hodl') {
      assert.deepEqual(d.plan, { keep: true, ranges: [], swapToRatio: false });
      assert.equal(d.widthTicks, 0);
      continue;
    }
    assert.equal(d.action, 'rebalance', s.name);
    assert.equal(d.decisionBasis.rule_fired, 'baseline_open');
    assert.equal(d.plan.keep, false);
    assert.ok(d.plan.ranges.length >= 1);
    // later without a position (not the first step): no re-open
    const later: Observation = { ...first, laneStep: 3, episodesSinceAction: 2, previous: null };
    assert.equal(s.decide(later).action, 'hold', s.name);
  }
});

test('the first step opens the original widths, and full range spans every usable tick', () => {
  const s = byName();
  const obs = baseObservation();
  assert.equal(s.baseline_hold!.decide(obs).widthTicks, 1000);
  assert.equal(s.baseline_wide!.decide(obs).widthTicks, 1000);
  assert.equal(s.baseline_medium!.decide(obs).widthTicks, 500);
  assert.equal(s.baseline_tight!.decide(obs).widthTicks, 100);
  const { minTick, maxTick } = usableTickBounds(10);
  assert.deepEqual(s.baseline_full_range!.decide(obs).plan.ranges, [{ tickLower: minTick, tickUpper: maxTick }]);
  const held = withPosition(obs, { tickLower: minTick, tickUpper: maxTick });
  assert.equal(s.baseline_full_range!.decide(atTick(held, START_TICK + 50_000)).action, 'hold');
});

test('baseline_hodl keeps its tokens whatever happens', () => {
  const hodl = byName().baseline_hodl!;
  for (const obs of [baseObservation(), atTick(baseObservation({ laneStep: 5, episodesSinceAction: 9 }), START_TICK - 40_000)]) {
    assert.deepEqual(hodl.decide(obs).plan, { keep: true, ranges: [], swapToRatio: false });
  }
});

test('baseline_vol_scaled: opens at a vol width, keeps it in range, recentres out of range', () => {
  const vs = byName().baseline_vol_scaled!;
  const quiet = vs.decide(withHistory(baseObservation(), 'low', 2));
  const wild = vs.decide(withHistory(baseObservation(), 'high', 2));
  assert.ok(wild.widthTicks > 2 * quiet.widthTicks, `${wild.widthTicks} vs ${quiet.widthTicks}`);
  const held = withHistory(withPosition(baseObservation(), centredOn(START_TICK, 400)), 'mid', 2);
  assert.equal(vs.decide(held).action, 'hold');
  const out = vs.decide(atTick(held, START_TICK + 1000));
  assert.equal(out.action, 'rebalance');
  assert.equal(out.decisionBasis.rule_fired, 'baseline_rebalance_oor');
  const r = out.plan.ranges[0]!;
  assert.ok(r.tickLower <= START_TICK + 1000 && START_TICK + 1000 < r.tickUpper);
});
