import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateEvGate, type EvaluateEvGateParams } from './evGate.ts';
import type { RangeEconomics } from './rangeEconomics.ts';

const econ = (fees: number | null, lvr = 0): RangeEconomics => ({ fractionInRange: 1, expectedFeesUsd: fees, expectedLvrUsd: lvr, liquidity: 1 });
const params = (over: Partial<EvaluateEvGateParams>): EvaluateEvGateParams => ({
  enabled: true,
  action: 'rebalance',
  candidate: econ(10),
  current: econ(2),
  gasUsd: 2,
  nominalGasUsd: 2,
  feeGateUsd: 4,
  marginMultiplier: 1,
  netOfLvr: false,
  ...over,
});

test('passes when the expected extra fees reach FEE_GATE and blocks below it', () => {
  const pass = evaluateEvGate(params({ candidate: econ(6), current: econ(2) }));
  assert.equal(pass.kind, 'pass');
  assert.equal(pass.code, 'ev_above_gate');
  assert.equal(pass.expectedExtraFeesUsd, 4);
  assert.equal(pass.margin, 0);
  const blocked = evaluateEvGate(params({ candidate: econ(5.99), current: econ(2) }));
  assert.equal(blocked.kind, 'blocked');
  assert.equal(blocked.code, 'ev_below_gate');
  assert.ok(blocked.margin! < 0);
});

test('the gate scales with gas above GAS_USD and with the learned margin', () => {
  const g = evaluateEvGate(params({ gasUsd: 5, candidate: econ(10), current: econ(2) }));
  assert.equal(g.feeGateUsd, 10); // 4 × 5 / 2
  assert.equal(g.kind, 'blocked');
  assert.equal(evaluateEvGate(params({ gasUsd: 1 })).feeGateUsd, 4); // never below FEE_GATE
  assert.equal(evaluateEvGate(params({ marginMultiplier: 1.5 })).feeGateUsd, 6);
});

test('no fee estimate blocks; a disabled gate passes; a skipped gate keeps the numbers', () => {
  assert.equal(evaluateEvGate(params({ candidate: econ(null) })).code, 'no_fee_estimate');
  assert.equal(evaluateEvGate(params({ candidate: econ(null) })).kind, 'blocked');
  const off = evaluateEvGate(params({ enabled: false, candidate: econ(0) }));
  assert.deepEqual([off.kind, off.code], ['pass', 'gate_disabled']);
  const skipped = evaluateEvGate(params({ skip: 'not_gated' }));
  assert.deepEqual([skipped.kind, skipped.code, skipped.expectedExtraFeesUsd], ['skipped', 'not_gated', 8]);
});

test('holding nothing counts as zero current fees; netOfLvr subtracts the extra LVR', () => {
  assert.equal(evaluateEvGate(params({ current: null })).expectedExtraFeesUsd, 10);
  const gross = evaluateEvGate(params({ candidate: econ(10, 6), current: econ(2, 1) }));
  assert.equal(gross.kind, 'pass');
  const net = evaluateEvGate(params({ candidate: econ(10, 6), current: econ(2, 1), netOfLvr: true }));
  assert.equal(net.expectedExtraLvrUsd, 5);
  assert.equal(net.kind, 'blocked');
});
