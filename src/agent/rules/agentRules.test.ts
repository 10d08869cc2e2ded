import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeAgentConfig, DEFAULT_AGENT_CONFIG } from '../agentConfig.ts';
import { createAgent } from '../createAgent.ts';
import type { IntelEntry, Observation, StrategyDecision } from '../types.ts';
import { atTick, baseObservation, centredOn, START_TICK, withHistory, withIntel, withPosition, withPrevious } from '../testSupport/observationFixture.ts';
import { AGENT_RULES } from './agentRules.ts';

const RICH_FEES: Record<string, IntelEntry> = { pool_hourly_fees: { quality: 'fresh', ageS: 60, data: { fees_mean_usd: 50_000 } } };
const RISK: Record<string, IntelEntry> = { toxic_flow_index: { quality: 'fresh', ageS: 60, data: [{ toxicity_score: 0.95 }] } };

function decide(obs: Observation, config = DEFAULT_AGENT_CONFIG): StrategyDecision {
  return createAgent({ config }).decide(obs);
}

/** A position of `width` centred on the start tick, the pool at `tick`, previous episode as given; no history (regime 'mid'). */
function held(width: number, prev: Parameters<typeof withPrevious>[1], opts: { tick?: number; since?: number } = {}): Observation {
  const obs = withPrevious(withPosition(baseObservation(), centredOn(START_TICK, width)), prev, opts.since ?? 2);
  return opts.tick === undefined ? obs : atTick(obs, opts.tick);
}

function fired(d: StrategyDecision): string {
  return d.decisionBasis.rule_fired;
}

test('the cascade order is the original one with the new rules in place', () => {
  assert.deepEqual(
    AGENT_RULES.map((r) => r.names[0]),
    [
      'close_risk_intel',
      'first_episode',
      'cooldown_after_widen',
      'cooldown_after_rebalance_low_fees',
      'trend_preempt_widen',
      'loss_breaker_widen',
      'widen_oor_critical_ev_ok',
      'rebalance_oor_ev_ok',
      'amortized_tightening_to_<w>',
      'hold_blocked_width_too_narrow',
    ],
  );
});

test('first_episode opens with a rebalance at the opening width, ungated', () => {
  const d = decide(baseObservation());
  assert.equal(fired(d), 'first_episode');
  assert.equal(d.action, 'rebalance');
  assert.equal(d.plan.keep, false);
  assert.equal(d.plan.swapToRatio, true);
  assert.equal(d.plan.ranges.length, 1);
  assert.equal(d.widthTicks, 1200); // mid (no history): max(base 1200, floor 1000)
  const r = d.plan.ranges[0]!;
  assert.ok(r.tickLower <= START_TICK && START_TICK < r.tickUpper);
  assert.deepEqual((d.decisionBasis.ev_gate as { code: string }).code, 'not_gated');
  assert.equal(d.decisionBasis.regime_reason, 'no_history');
});

test('close_risk_intel closes on fresh extreme risk; hold_closed_risk_intel when nothing is open; stale risk does nothing', () => {
  const d = decide(withIntel(held(1200, {}), RISK));
  assert.equal(fired(d), 'close_risk_intel');
  assert.equal(d.action, 'close');
  assert.deepEqual(d.plan, { keep: false, ranges: [], swapToRatio: false });
  assert.equal(d.widthTicks, 0);

  const none = decide(withIntel(baseObservation(), RISK));
  assert.equal(fired(none), 'hold_closed_risk_intel');
  assert.equal(none.action, 'hold');
  assert.equal(none.plan.keep, true);

  const stale = decide(withIntel(held(1200, {}), { toxic_flow_index: { ...RISK.toxic_flow_index!, quality: 'stale' } }));
  assert.notEqual(fired(stale), 'close_risk_intel');
});

test('cooldown_after_widen holds after a widen within the cooldown', () => {
  const d = decide(held(1800, { action: 'widen', alphaUsd: -10, outOfRangePct: 95 }, { since: 1 }));
  assert.equal(fired(d), 'cooldown_after_widen');
  assert.equal(d.action, 'hold');
  assert.deepEqual(d.plan, { keep: true, ranges: [], swapToRatio: false });
  assert.equal(d.widthTicks, 1800);
  // outside the cooldown it does not fire
  assert.notEqual(fired(decide(held(1800, { action: 'widen', alphaUsd: -10 }, { since: 2 }))), 'cooldown_after_widen');
});

test('cooldown_after_rebalance_low_fees holds after a recentring that earned less than FEE_GATE', () => {
  assert.equal(fired(decide(held(1200, { action: 'rebalance', feesUsd: 1 }, { since: 1 }))), 'cooldown_after_rebalance_low_fees');
  assert.equal(fired(decide(held(1200, { action: 'narrow', feesUsd: 1 }, { since: 1 }))), 'cooldown_after_rebalance_low_fees');
  assert.notEqual(fired(decide(held(1200, { action: 'rebalance', feesUsd: 5 }, { since: 1 }))), 'cooldown_after_rebalance_low_fees');
});

test('trend_preempt_widen widens in an estimated trend when the previous OOR is within PREEMPT_MARGIN of critical', () => {
  let obs = withHistory(held(1600, { action: 'hold', outOfRangePct: 90, feesUsd: 1, alphaUsd: 0 }), 'trend_up', 3);
  const d = decide(obs);
  assert.equal(d.decisionBasis.regime_estimate, 'trend_up');
  assert.equal(fired(d), 'trend_preempt_widen');
  assert.equal(d.action, 'widen');
  assert.equal(d.decisionBasis.preempt_triggered, true);
  assert.equal(d.widthTicks, 2400); // max(floor 1600, 1.5 × 1600)
  // below the margin (88 < 92 − 3) it does not fire
  obs = withHistory(held(1600, { action: 'hold', outOfRangePct: 88, feesUsd: 1, alphaUsd: 0 }), 'trend_up', 3);
  assert.notEqual(fired(decide(obs)), 'trend_preempt_widen');
});

test('loss_breaker_widen / loss_breaker_rebalance fire at alpha ≤ −10% of capital', () => {
  const widen = decide(held(1200, { alphaUsd: -1000, outOfRangePct: 95 }));
  assert.equal(fired(widen), 'loss_breaker_widen');
  assert.equal(widen.action, 'widen');
  assert.equal(widen.widthTicks, 1800);
  const rebalance = decide(held(1200, { alphaUsd: -1500, outOfRangePct: 10 }));
  assert.equal(fired(rebalance), 'loss_breaker_rebalance');
  assert.equal(rebalance.action, 'rebalance');
  assert.equal(decide(held(1200, { alphaUsd: -999, outOfRangePct: 10 })).decisionBasis.loss_breaker_usd, -1000);
  assert.notEqual(fired(decide(held(1200, { alphaUsd: -999, outOfRangePct: 10 }))), 'loss_breaker_rebalance');
});

test('widen_oor_critical_ev_ok widens when the EV gate passes; hold_oor_critical_low_fees when it blocks', () => {
  const oor = { outOfRangePct: 95, feesUsd: 0.1, alphaUsd: -5 };
  const ok = decide(withIntel(held(1200, oor, { tick: START_TICK + 3000 }), RICH_FEES));
  assert.equal(fired(ok), 'widen_oor_critical_ev_ok');
  assert.equal(ok.action, 'widen');
  assert.equal((ok.decisionBasis.ev_gate as { kind: string }).kind, 'pass');
  const r = ok.plan.ranges[0]!;
  assert.ok(r.tickLower <= START_TICK + 3000 && START_TICK + 3000 < r.tickUpper, 'recentred on the pool tick');

  const blocked = decide(held(1200, oor, { tick: START_TICK + 3000 }));
  assert.equal(fired(blocked), 'hold_oor_critical_low_fees');
  assert.equal(blocked.action, 'hold');
  assert.equal((blocked.decisionBasis.ev_gate as { kind: string }).kind, 'blocked');

  // the original's deep-loss escape: alpha ≤ half the breaker widens even when blocked
  const deep = decide(held(1200, { ...oor, alphaUsd: -600 }, { tick: START_TICK + 3000 }));
  assert.equal(fired(deep), 'widen_oor_critical_ev_ok');
});

test('rebalance_oor_ev_ok recentres an out-of-range position when the EV gate passes; hold_oor_low_ev otherwise', () => {
  const prev = { outOfRangePct: 40, feesUsd: 3, alphaUsd: 0 };
  const ok = decide(withIntel(held(1200, prev, { tick: START_TICK + 2000 }), RICH_FEES));
  assert.equal(fired(ok), 'rebalance_oor_ev_ok');
  assert.equal(ok.action, 'rebalance');
  assert.equal(ok.widthTicks, 1200);
  const blocked = decide(held(1200, prev, { tick: START_TICK + 2000 }));
  assert.equal(fired(blocked), 'hold_oor_low_ev');
  assert.equal((blocked.decisionBasis.ev_gate as { code: string }).code, 'ev_below_gate');
});

test('amortized_tightening_to_<w> narrows an in-range position when the EV gate passes (alive)', () => {
  const d = decide(withIntel(held(3200, { outOfRangePct: 0, feesUsd: 3 }), RICH_FEES));
  assert.equal(fired(d), 'amortized_tightening_to_1000'); // mid floor
  assert.equal(d.action, 'narrow');
  assert.equal(d.widthTicks, 1000);
  assert.equal((d.decisionBasis.ev_gate as { kind: string }).kind, 'pass');
  // not after an episode mostly out of range
  assert.doesNotMatch(fired(decide(withIntel(held(3200, { outOfRangePct: 30 }), RICH_FEES))), /^amortized_tightening/);
});

test('hold_blocked_width_too_narrow widens a held range narrower than a confirmed floor', () => {
  const d = decide(held(400, { outOfRangePct: 0, feesUsd: 1, regimeEstimate: 'mid' }));
  assert.equal(fired(d), 'hold_blocked_width_too_narrow');
  assert.equal(d.action, 'widen');
  assert.equal(d.widthTicks, 1200); // max(opening 1200, floor 1000, 1.5 × 400)
  // a regime seen once (the previous estimate was another) does not buy a widen
  assert.equal(decide(held(400, { outOfRangePct: 0, feesUsd: 1, regimeEstimate: 'low' })).action, 'hold');
  const always = mergeAgentConfig(DEFAULT_AGENT_CONFIG, { floorOnHoldNeedsConfirmation: false });
  assert.equal(fired(decide(held(400, { outOfRangePct: 0, feesUsd: 1, regimeEstimate: 'low' }), always)), 'hold_blocked_width_too_narrow');
});

test('the default holds keep the original names', () => {
  assert.equal(fired(decide(held(1200, { outOfRangePct: 20, feesUsd: 1 }))), 'hold_regime_ev_gated');
  assert.equal(fired(decide(held(1200, { outOfRangePct: 20, feesUsd: 10 }))), 'hold_regime_ok');
  assert.equal(fired(decide(held(1200, { outOfRangePct: 85, feesUsd: 1 }))), 'hold_low_fees_ev_gate');
  assert.equal(fired(decide(held(1200, { outOfRangePct: 85, feesUsd: 10 }))), 'hold_default_no_gas_ev');
  const d = decide(held(1200, { outOfRangePct: 85, feesUsd: 10 }));
  assert.equal(d.action, 'hold');
  assert.equal((d.decisionBasis.ev_gate as { code: string }).code, 'no_gas_action');
  assert.equal(d.decisionBasis.gas_estimate_usd, 0);
});

test('first match wins: earlier rules shadow later ones that also match', () => {
  // risk close before first opening
  assert.equal(fired(decide(withIntel(baseObservation(), RISK))), 'hold_closed_risk_intel');
  // cooldown before critical OOR
  const cooled = decide(withIntel(held(1200, { action: 'widen', outOfRangePct: 95, alphaUsd: 0 }, { since: 1, tick: START_TICK + 3000 }), RICH_FEES));
  assert.equal(fired(cooled), 'cooldown_after_widen');
  // loss breaker before critical OOR
  assert.equal(fired(decide(withIntel(held(1200, { outOfRangePct: 95, alphaUsd: -2000 }, { tick: START_TICK + 3000 }), RICH_FEES))), 'loss_breaker_widen');
  // critical OOR before the out-of-range recentring
  const critical = decide(withIntel(held(1200, { outOfRangePct: 95, alphaUsd: 0 }, { tick: START_TICK + 3000 }), RICH_FEES));
  assert.equal(fired(critical), 'widen_oor_critical_ev_ok');
  assert.deepEqual(critical.decisionBasis.cascade_passed, ['close_risk_intel', 'first_episode', 'cooldown_after_widen', 'cooldown_after_rebalance_low_fees', 'trend_preempt_widen', 'loss_breaker_widen']);
  // recentring before tightening or the default holds
  assert.equal(fired(decide(withIntel(held(3200, { outOfRangePct: 0 }, { tick: START_TICK + 3000 }), RICH_FEES))), 'rebalance_oor_ev_ok');
});

test('evGateEnabled=false (width floors only) lets widen and rebalance through', () => {
  const off = mergeAgentConfig(DEFAULT_AGENT_CONFIG, { evGateEnabled: false });
  const widen = decide(held(1200, { outOfRangePct: 95, feesUsd: 0.1, alphaUsd: -5 }, { tick: START_TICK + 3000 }), off);
  assert.equal(fired(widen), 'widen_oor_critical_ev_ok');
  assert.deepEqual([(widen.decisionBasis.ev_gate as { kind: string }).kind, (widen.decisionBasis.ev_gate as { code: string }).code], ['pass', 'gate_disabled']);
  const rebalance = decide(held(1200, { outOfRangePct: 40, feesUsd: 3 }, { tick: START_TICK + 2000 }), off);
  assert.equal(fired(rebalance), 'rebalance_oor_ev_ok');
  assert.equal(decide(held(1200, { outOfRangePct: 40, feesUsd: 3 }, { tick: START_TICK + 2000 })).action, 'hold');
});
