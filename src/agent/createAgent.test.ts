import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createRng } from '../market/Rng.ts';
import { REGIMES, type RegimeName } from '../market/types.ts';
import { DEFAULT_AGENT_CONFIG, mergeAgentConfig } from './agentConfig.ts';
import { usableTickBounds } from './centeredRange.ts';
import { createAgent } from './createAgent.ts';
import { emptyLearningState, updateLearning, type LearningState } from './learning.ts';
import { atTick, baseObservation, centredOn, START_TICK, withPosition, withPrevious } from './testSupport/observationFixture.ts';
import { syntheticTicks } from './testSupport/syntheticTicks.ts';
import { ACTIONS, type EpisodeOutcome, type IntelEntry, type Observation } from './types.ts';
import { snappedWidthFloor } from './widthFloors.ts';

const outcomeArb: fc.Arbitrary<EpisodeOutcome> = fc.record({
  episodeIndex: fc.nat(1000),
  regimeEstimate: fc.constantFrom(...REGIMES),
  action: fc.constantFrom(...ACTIONS),
  ruleFired: fc.constantFrom('first_episode', 'hold_regime_ok', 'rebalance_oor_ev_ok'),
  widthTicks: fc.constantFrom(0, 800, 1200, 3000),
  pnlUsd: fc.double({ min: -2000, max: 2000, noNaN: true }),
  feesUsd: fc.double({ min: 0, max: 200, noNaN: true }),
  gasUsd: fc.constantFrom(0, 3, 25),
  alphaUsd: fc.double({ min: -2000, max: 2000, noNaN: true }),
  outOfRangePct: fc.double({ min: 0, max: 100, noNaN: true }),
});

const learningArb: fc.Arbitrary<LearningState> = fc.array(outcomeArb, { maxLength: 40 }).map((os) => os.reduce((s, o) => updateLearning(s, o), emptyLearningState()));

const intelArb: fc.Arbitrary<Record<string, IntelEntry>> = fc.record(
  {
    pool_hourly_fees: fc.record({ quality: fc.constantFrom('fresh', 'stale', 'too_old', 'missing') as fc.Arbitrary<IntelEntry['quality']>, ageS: fc.constant(60), data: fc.record({ fees_mean_usd: fc.double({ min: 0, max: 1e6, noNaN: true }) }) }),
    toxic_flow_index: fc.record({ quality: fc.constantFrom('fresh', 'stale') as fc.Arbitrary<IntelEntry['quality']>, ageS: fc.constant(60), data: fc.record({ toxicity_score: fc.double({ min: 0, max: 1, noNaN: true }) }) }),
    gas_regime: fc.record({ quality: fc.constant('fresh') as fc.Arbitrary<IntelEntry['quality']>, ageS: fc.constant(60), data: fc.record({ gas_p75_usd: fc.double({ min: 0, max: 100, noNaN: true }) }) }),
  },
  { requiredKeys: [] },
);

const observationArb: fc.Arbitrary<Observation> = fc
  .record({
    tick: fc.integer({ min: -800_000, max: 800_000 }),
    spacing: fc.constantFrom(1, 10, 60, 200),
    position: fc.option(fc.record({ offset: fc.integer({ min: -6000, max: 6000 }), width: fc.integer({ min: 1, max: 400 }), liquidity: fc.bigInt({ min: 1n, max: 10n ** 24n }) })),
    previous: fc.option(
      fc.record({
        action: fc.constantFrom(...ACTIONS),
        ruleFired: fc.constant('x'),
        widthTicks: fc.integer({ min: 0, max: 20_000 }),
        pnlUsd: fc.double({ min: -5000, max: 5000, noNaN: true }),
        feesUsd: fc.double({ min: 0, max: 500, noNaN: true }),
        gasUsd: fc.double({ min: 0, max: 50, noNaN: true }),
        outOfRangePct: fc.double({ min: 0, max: 100, noNaN: true }),
        alphaUsd: fc.double({ min: -5000, max: 5000, noNaN: true }),
        regimeEstimate: fc.constantFrom(...REGIMES),
      }),
    ),
    since: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 1, max: 6 })),
    history: fc.option(fc.record({ regime: fc.constantFrom(...REGIMES), seed: fc.nat(1000) })),
    intel: intelArb,
    gasGwei: fc.double({ min: 0, max: 300, noNaN: true }),
    ethUsd: fc.double({ min: 100, max: 10_000, noNaN: true }),
    valueUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
    capitalUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
  })
  .map((r) => {
    let obs = atTick(baseObservation(), r.tick);
    obs = { ...obs, pool: { ...obs.pool, tickSpacing: r.spacing }, gasGwei: r.gasGwei, ethUsd: r.ethUsd, capitalUsd: r.capitalUsd, intel: r.intel, episodesSinceAction: r.since };
    obs = { ...obs, holdings: { ...obs.holdings, valueUsd: r.valueUsd } };
    if (r.position !== null) {
      const lo = Math.floor((r.tick + r.position.offset) / r.spacing) * r.spacing;
      const range = { tickLower: Math.max(-887_000, lo), tickUpper: Math.max(-887_000, lo) + r.position.width * r.spacing };
      obs = { ...obs, holdings: { ...obs.holdings, ranges: [{ ...range, liquidity: r.position.liquidity }] } };
    }
    if (r.previous !== null) obs = { ...obs, previous: r.previous };
    if (r.history !== null) {
      const ticks = syntheticTicks({ regime: r.history.regime, rng: createRng(r.history.seed), blocks: 1800, startTick: 0 });
      const shift = r.tick - ticks[ticks.length - 1]!;
      obs = { ...obs, observedTicks: ticks.map((t) => t + shift) };
    }
    return obs;
  });

function assertJsonSafe(value: unknown, path = 'basis'): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
  else if (typeof value === 'bigint' || typeof value === 'undefined' || typeof value === 'function') assert.fail(`${path} is ${typeof value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertJsonSafe(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertJsonSafe(v, `${path}.${k}`);
}

test('every decision is deterministic, JSON-safe, and never proposes a range under the floor (random observations and learning states)', () => {
  fc.assert(
    fc.property(observationArb, learningArb, fc.boolean(), (obs, learning, gate) => {
      const config = mergeAgentConfig(DEFAULT_AGENT_CONFIG, { evGateEnabled: gate });
      const agent = createAgent({ config, learning });
      const d = agent.decide(obs);
      assert.deepEqual(agent.decide(obs), d);
      assert.deepEqual(createAgent({ config, learning: JSON.parse(JSON.stringify(learning)) }).decide(obs), d);
      assertJsonSafe(d.decisionBasis);
      assert.deepEqual(JSON.parse(JSON.stringify(d.decisionBasis)), d.decisionBasis);
      assert.ok(ACTIONS.includes(d.action));
      assert.equal(d.decisionBasis.decision, d.action);
      assert.equal(typeof d.decisionBasis.rule_fired, 'string');
      const regime = d.decisionBasis.regime_estimate as RegimeName;
      assert.ok(REGIMES.includes(regime));
      if (d.action === 'hold') assert.equal(d.plan.keep, true);
      if (d.action === 'close') assert.deepEqual(d.plan, { keep: false, ranges: [], swapToRatio: false });
      if (d.action === 'rebalance' || d.action === 'widen' || d.action === 'narrow') {
        const floor = snappedWidthFloor(regime, config, obs.pool.tickSpacing);
        const r = d.plan.ranges[0]!;
        const { minTick, maxTick } = usableTickBounds(obs.pool.tickSpacing);
        assert.equal(d.plan.ranges.length, 1);
        assert.ok(r.tickUpper - r.tickLower >= floor, `width ${r.tickUpper - r.tickLower} < floor ${floor}`);
        assert.equal(d.widthTicks, r.tickUpper - r.tickLower);
        assert.ok(d.widthTicks >= config.widthFloors[regime]);
        assert.ok(r.tickLower >= minTick && r.tickUpper <= maxTick);
        assert.equal(Math.abs(r.tickLower % obs.pool.tickSpacing) + Math.abs(r.tickUpper % obs.pool.tickSpacing), 0);
        assert.equal(d.decisionBasis.target_width_pts, d.widthTicks);
      }
      assert.ok(Number.isFinite(d.widthTicks) && d.widthTicks >= 0);
    }),
    { numRuns: 250 },
  );
});

test('the agent uses its learned width multiplier, never below the floor', () => {
  const mid = (oor: number, n: number) =>
    Array.from({ length: n }).reduce<LearningState>((s) => updateLearning(s, { episodeIndex: 0, regimeEstimate: 'mid', action: 'hold', ruleFired: 'hold_regime_ok', widthTicks: 1200, pnlUsd: 0, feesUsd: 0, gasUsd: 0, alphaUsd: 0, outOfRangePct: oor }), emptyLearningState());
  const wider = createAgent({ learning: mid(90, 50) }).decide(baseObservation());
  assert.equal(wider.decisionBasis.learned && (wider.decisionBasis.learned as { width_multiplier: number }).width_multiplier, 1.5);
  assert.equal(wider.widthTicks, 1800);
  const narrower = createAgent({ learning: mid(0, 50) }).decide(baseObservation());
  assert.equal(narrower.widthTicks, 1000); // 1200 × 0.8… → floor 1000
  assert.equal(narrower.decisionBasis.width_after_floor, 1000);
  const off = createAgent({ config: mergeAgentConfig(DEFAULT_AGENT_CONFIG, { learning: { useAdjustments: false } }), learning: mid(90, 50) }).decide(baseObservation());
  assert.equal(off.widthTicks, 1200);
});

test('the agent uses its learned gate margin', () => {
  let s = emptyLearningState();
  for (let i = 0; i < 50; i++) s = updateLearning(s, { episodeIndex: i, regimeEstimate: 'mid', action: 'rebalance', ruleFired: 'rebalance_oor_ev_ok', widthTicks: 1200, pnlUsd: -20, feesUsd: 1, gasUsd: 25, alphaUsd: -20, outOfRangePct: 10 });
  const obs = withPrevious(withPosition(baseObservation(), centredOn(START_TICK, 1200)), { outOfRangePct: 20, feesUsd: 1 });
  const d = createAgent({ learning: s }).decide(obs);
  const gate = d.decisionBasis.ev_gate as { marginMultiplier: number; feeGateUsd: number };
  assert.ok(gate.marginMultiplier > 1.3);
  const plain = createAgent().decide(obs).decisionBasis.ev_gate as { feeGateUsd: number };
  assert.ok(gate.feeGateUsd > plain.feeGateUsd);
});

test('learn() updates the state the next decision reads; the input state is not mutated', () => {
  const initial = emptyLearningState();
  const agent = createAgent({ learning: initial });
  assert.equal(agent.name, 'agent');
  agent.learn({ episodeIndex: 0, regimeEstimate: 'mid', action: 'rebalance', ruleFired: 'first_episode', widthTicks: 1200, pnlUsd: 3, feesUsd: 5, gasUsd: 2, alphaUsd: 1, outOfRangePct: 10 });
  assert.equal(initial.episodes, 0);
  assert.equal(agent.learningState().episodes, 1);
  assert.equal((agent.decide(baseObservation()).decisionBasis.learned as { regime_episodes: number }).regime_episodes, 1);
});

test('the decision basis carries the original fields and the fee rate forward', () => {
  const obs = withPrevious(withPosition(baseObservation(), centredOn(START_TICK, 1200)), { outOfRangePct: 20, feesUsd: 7, action: 'hold', alphaUsd: 2, gasUsd: 0, widthTicks: 1200, regimeEstimate: 'low' });
  const b = createAgent().decide(obs).decisionBasis;
  for (const k of ['prev_alpha_usd', 'prev_oor_pct', 'prev_fees_usd', 'prev_gas_usd', 'prev_action', 'prev_width_pts', 'prev_regime', 'oor_critical', 'fee_gate', 'gas_usd', 'fee_gate_mult', 'preempt_margin', 'preempt_triggered', 'regime_min_width', 'width_before_floor', 'width_after_floor', 'rule_fired', 'decision', 'regime_estimate', 'regime_stats', 'ev_gate', 'expected_fees_usd', 'range']) {
    assert.ok(k in b, k);
  }
  assert.deepEqual(b.range, { tick_lower: START_TICK - 600, tick_upper: START_TICK + 600 });
  assert.equal(b.prev_regime, 'low');
  const rate = b.fee_rate_usd_per_l_hour as number;
  assert.ok(rate > 0);
  // the next episode carries it
  const next = withPrevious(obs, { outOfRangePct: 100, feesUsd: 0, decisionBasis: b });
  const nb = createAgent().decide(next).decisionBasis;
  assert.deepEqual((nb.fee_rate_sources as Array<{ source: string }>).map((s) => s.source), ['carried']);
  assert.equal(nb.fee_rate_usd_per_l_hour, rate);
});
