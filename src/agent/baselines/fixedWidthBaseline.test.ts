import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_AGENT_CONFIG } from '../agentConfig.ts';
import { atTick, baseObservation, centredOn, START_TICK, withPosition } from '../testSupport/observationFixture.ts';
import { createFixedWidthBaseline, thresholdTicks } from './fixedWidthBaseline.ts';

const b = DEFAULT_AGENT_CONFIG.baselines;

test('thresholds are the original pct_to_ticks: ln(1 + pct) / ln(1.0001)', () => {
  assert.deepEqual([b.hold, b.wide, b.medium, b.tight].map((s) => thresholdTicks(s.thresholdPct)), [6932, 4055, 953, 488]);
});

test('keeps its range between episodes: no free recentring while in range', () => {
  const tight = createFixedWidthBaseline('baseline_tight', b.tight);
  const obs = withPosition(baseObservation(), centredOn(START_TICK, 100));
  const d = tight.decide(atTick(obs, START_TICK + 40));
  assert.equal(d.action, 'hold');
  assert.equal(d.plan.keep, true);
  assert.equal(d.decisionBasis.rule_fired, 'baseline_in_range');
  assert.equal(d.widthTicks, 100);
});

test('recentres only when out of range and past its threshold, paying for a new range', () => {
  const medium = createFixedWidthBaseline('baseline_medium', b.medium);
  const obs = withPosition(baseObservation(), centredOn(START_TICK, 500));
  const near = medium.decide(atTick(obs, START_TICK + 600)); // out of range, 600 < 953 from centre
  assert.equal(near.action, 'hold');
  assert.equal(near.decisionBasis.rule_fired, 'baseline_oor_below_threshold');
  const far = medium.decide(atTick(obs, START_TICK + 1000));
  assert.equal(far.action, 'rebalance');
  assert.equal(far.decisionBasis.rule_fired, 'baseline_rebalance_threshold');
  assert.deepEqual(far.plan, { keep: false, ranges: [{ tickLower: START_TICK + 750, tickUpper: START_TICK + 1250 }], swapToRatio: true });
});

test('baseline_hold never rebalances after opening', () => {
  const hold = createFixedWidthBaseline('baseline_hold', b.hold);
  const obs = withPosition(baseObservation(), centredOn(START_TICK, 1000));
  const d = hold.decide(atTick(obs, START_TICK + 20_000));
  assert.equal(d.action, 'hold');
  assert.equal(d.decisionBasis.rule_fired, 'baseline_hold_forever');
});
