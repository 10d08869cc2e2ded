import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { REGIMES } from '../market/types.ts';
import { DEFAULT_AGENT_CONFIG } from './agentConfig.ts';
import { emptyLearningState, mergeLearningStates, parseLearningState, updateLearning, type LearningState } from './learning.ts';
import { LearningStateError } from './LearningStateError.ts';
import { ACTIONS, type EpisodeOutcome } from './types.ts';

const knobs = DEFAULT_AGENT_CONFIG.learning;

const outcomeArb: fc.Arbitrary<EpisodeOutcome> = fc.record({
  episodeIndex: fc.nat(10_000),
  regimeEstimate: fc.constantFrom(...REGIMES),
  action: fc.constantFrom(...ACTIONS),
  ruleFired: fc.constantFrom('first_episode', 'hold_regime_ok', 'widen_oor_critical_ev_ok', 'amortized_tightening_to_1000'),
  widthTicks: fc.constantFrom(0, 800, 1200, 2400),
  pnlUsd: fc.double({ min: -5000, max: 5000, noNaN: true }),
  feesUsd: fc.double({ min: 0, max: 500, noNaN: true }),
  gasUsd: fc.constantFrom(0, 2, 5.04, 23),
  alphaUsd: fc.double({ min: -5000, max: 5000, noNaN: true }),
  outOfRangePct: fc.double({ min: 0, max: 100, noNaN: true }),
});

const fold = (outcomes: EpisodeOutcome[], from = emptyLearningState()): LearningState => outcomes.reduce((s, o) => updateLearning(s, o, knobs), from);

const outcome = (over: Partial<EpisodeOutcome>): EpisodeOutcome => ({
  episodeIndex: 0, regimeEstimate: 'mid', action: 'hold', ruleFired: 'hold_regime_ok', widthTicks: 1200, pnlUsd: 1, feesUsd: 2, gasUsd: 0, alphaUsd: 0.5, outOfRangePct: 20, ...over,
});

test('update adds one episode to its regime and rule without touching the input', () => {
  const empty = emptyLearningState();
  const s = updateLearning(empty, outcome({ gasUsd: 5, feesUsd: 9, outOfRangePct: 60 }), knobs);
  assert.equal(empty.episodes, 0);
  assert.equal(s.episodes, 1);
  assert.deepEqual(s.regimes.mid, { count: 1, sum_pnl_usd: 1, sum_alpha_usd: 0.5, sum_fees_usd: 9, sum_gas_usd: 5, paid_count: 1, sum_paid_net_fees_usd: 4, held_count: 1, sum_held_oor_pct: 60 });
  assert.equal(s.rules.hold_regime_ok!.count, 1);
  assert.equal(s.regimes.low.count, 0);
});

test('adjustments: often out of range widens, never out of range narrows, gas that does not pay tightens the gate', () => {
  const oor = fold(Array.from({ length: 30 }, () => outcome({ outOfRangePct: 90 })));
  assert.equal(oor.adjustments.mid.width_multiplier, 1.5);
  const inRange = fold(Array.from({ length: 30 }, () => outcome({ outOfRangePct: 0 })));
  assert.ok(inRange.adjustments.mid.width_multiplier < 1 && inRange.adjustments.mid.width_multiplier >= 0.75);
  const wasted = fold(Array.from({ length: 30 }, () => outcome({ gasUsd: 20, feesUsd: 1, action: 'rebalance' })));
  assert.ok(wasted.adjustments.mid.gate_margin_multiplier > 1.3);
  const paid = fold(Array.from({ length: 30 }, () => outcome({ gasUsd: 2, feesUsd: 30, action: 'rebalance' })));
  assert.ok(paid.adjustments.mid.gate_margin_multiplier < 0.8);
  // shrinkage: one episode moves less than thirty
  const one = fold([outcome({ outOfRangePct: 90 })]);
  assert.ok(one.adjustments.mid.width_multiplier > 1 && one.adjustments.mid.width_multiplier < 1.5);
});

test('adjustments stay within their bounds and the state stays JSON-stable and parseable', () => {
  fc.assert(
    fc.property(fc.array(outcomeArb, { maxLength: 60 }), (outcomes) => {
      const s = fold(outcomes);
      for (const r of REGIMES) {
        const a = s.adjustments[r];
        assert.ok(a.width_multiplier >= knobs.widthMultiplierMin && a.width_multiplier <= knobs.widthMultiplierMax);
        assert.ok(a.gate_margin_multiplier >= knobs.gateMarginMin && a.gate_margin_multiplier <= knobs.gateMarginMax);
      }
      const text = JSON.stringify(s);
      assert.deepEqual(parseLearningState(text), s);
      assert.equal(JSON.stringify(parseLearningState(JSON.parse(text))), text);
    }),
    { numRuns: 150 },
  );
});

test('merge does not depend on the order of the states', () => {
  fc.assert(
    fc.property(fc.array(fc.array(outcomeArb, { maxLength: 15 }), { minLength: 1, maxLength: 5 }), fc.nat(), (lanes, seed) => {
      const states = lanes.map((o) => fold(o));
      const shuffled = [...states].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7)).reverse();
      assert.equal(JSON.stringify(mergeLearningStates(states)), JSON.stringify(mergeLearningStates(shuffled)));
      assert.equal(mergeLearningStates(states).episodes, lanes.reduce((n, l) => n + l.length, 0));
    }),
    { numRuns: 100 },
  );
});

test('merge counts a shared base once', () => {
  const base = fold([outcome({}), outcome({ regimeEstimate: 'low' })]);
  const a = fold([outcome({ ruleFired: 'first_episode' })], base);
  const b = fold([outcome({ regimeEstimate: 'jumpy' }), outcome({})], base);
  const merged = mergeLearningStates([a, b], base);
  assert.equal(merged.episodes, 5);
  assert.equal(merged.regimes.mid.count, 3);
  assert.equal(merged.regimes.low.count, 1);
  assert.equal(merged.rules.hold_regime_ok!.count, 4);
  assert.equal(merged.rules.first_episode!.count, 1);
  assert.throws(() => mergeLearningStates([emptyLearningState()], base), (e: unknown) => e instanceof LearningStateError && e.code === 'BAD_LEARNING_STATE');
  // equal to learning everything in one lane
  assert.deepEqual(merged.regimes, fold([outcome({}), outcome({ regimeEstimate: 'low' }), outcome({ ruleFired: 'first_episode' }), outcome({ regimeEstimate: 'jumpy' }), outcome({})]).regimes);
});

test('parse errors are named and say which field', () => {
  const bad = (input: unknown, field: string) =>
    assert.throws(() => parseLearningState(input), (e: unknown) => {
      assert.ok(e instanceof LearningStateError);
      assert.equal(e.code, 'BAD_LEARNING_STATE');
      assert.equal(e.name, 'LearningStateError');
      assert.equal(e.field, field);
      return true;
    });
  const good = JSON.parse(JSON.stringify(fold([outcome({})])));
  bad('{not json', '');
  bad({ ...good, version: 2 }, 'version');
  bad({ ...good, regimes: { ...good.regimes, low: { ...good.regimes.low, count: -1 } } }, 'regimes.low.count');
  bad({ ...good, regimes: { ...good.regimes, mid: { ...good.regimes.mid, paid_count: 5 } } }, 'regimes.mid.paid_count');
  bad({ ...good, episodes: 7 }, 'episodes');
  bad({ ...good, extra: 1 }, '');
  bad({ ...good, adjustments: { ...good.adjustments, high: { width_multiplier: 0, gate_margin_multiplier: 1 } } }, 'adjustments.high.width_multiplier');
  bad({ ...good, rules: { 'Bad Name': good.rules.hold_regime_ok } }, 'rules.Bad Name');
});
