import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readIntelSignals } from './intelSignals.ts';

test('reads objects, row lists and Dune result shapes; only fresh and stale', () => {
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'fresh', ageS: 1, data: { fees_mean_usd: 100, fees_median_usd: 80 } } }).poolFeesUsdPerHour?.value, 100);
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'stale', ageS: 1, data: [{ fees_median_usd: '80' }] } }).poolFeesUsdPerHour?.value, 80);
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'fresh', ageS: 1, data: { result: { rows: [{ hourly_fees_usd: 7 }] } } } }).poolFeesUsdPerHour?.field, 'hourly_fees_usd');
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'too_old', ageS: 1, data: { fees_mean_usd: 100 } } }).poolFeesUsdPerHour, null);
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'missing', ageS: null, data: null } }).poolFeesUsdPerHour, null);
  assert.equal(readIntelSignals({ pool_hourly_fees: { quality: 'fresh', ageS: 1, data: { fees_mean_usd: 'x' } } }).poolFeesUsdPerHour, null);
  assert.deepEqual(readIntelSignals(undefined), { poolFeesUsdPerHour: null, gasUsd: null, riskScore: null });
});

test('the risk score is the highest valid score of mev_risk and toxic_flow_index', () => {
  const s = readIntelSignals({
    mev_risk: { quality: 'fresh', ageS: 1, data: { mev_risk_score: 0.4 } },
    toxic_flow_index: { quality: 'fresh', ageS: 1, data: { toxicity_score: 0.7 } },
  });
  assert.equal(s.riskScore?.value, 0.7);
  assert.equal(s.riskScore?.query, 'toxic_flow_index');
  assert.equal(readIntelSignals({ mev_risk: { quality: 'fresh', ageS: 1, data: { score: 3 } } }).riskScore, null);
});
