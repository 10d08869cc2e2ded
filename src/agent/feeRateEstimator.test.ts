import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_AGENT_CONFIG, mergeAgentConfig } from './agentConfig.ts';
import { estimateFeeRate, pathImpliedFeeRate } from './feeRateEstimator.ts';
import { readIntelSignals } from './intelSignals.ts';
import { baseObservation, centredOn, START_TICK, withHistory, withPosition, withPrevious } from './testSupport/observationFixture.ts';

const config = DEFAULT_AGENT_CONFIG;
const est = (obs: ReturnType<typeof baseObservation>, c = config) => estimateFeeRate({ obs, config: c, intel: readIntelSignals(obs.intel), windowBlocks: 1801 });

test('no position, no history, no intel: no estimate', () => {
  assert.deepEqual(est(baseObservation()), { usdPerLiquidityHour: null, sources: [] });
});

test('own_previous = fees / (liquidity × in-range hours), weighted by its in-range hours', () => {
  const obs = withPrevious(withPosition(baseObservation(), centredOn(START_TICK, 1200)), { feesUsd: 9, outOfRangePct: 50 });
  const L = Number(obs.holdings.ranges[0]!.liquidity);
  const e = est(obs);
  assert.equal(e.sources.length, 1);
  assert.equal(e.sources[0]!.source, 'own_previous');
  assert.equal(e.sources[0]!.weightHours, 3);
  assert.ok(Math.abs(e.usdPerLiquidityHour! - 9 / (L * 3)) < 1e-30);
  // fully out of range: nothing to learn from
  assert.equal(est(withPrevious(withPosition(baseObservation(), centredOn(START_TICK, 1200)), { feesUsd: 0, outOfRangePct: 100 })).usdPerLiquidityHour, null);
});

test('carried, intel and price-path sources blend by weight', () => {
  let obs = withPrevious(baseObservation(), { decisionBasis: { rule_fired: 'x', fee_rate_usd_per_l_hour: 2e-16 } });
  assert.deepEqual(est(obs).sources.map((s) => s.source), ['carried']);
  assert.equal(est(obs).usdPerLiquidityHour, 2e-16);
  obs = { ...obs, intel: { pool_hourly_fees: { quality: 'fresh', ageS: 1, data: { fees_mean_usd: 3000 } } } };
  const e = est(obs);
  const intelRate = 3000 / Number(obs.pool.liquidity);
  assert.ok(Math.abs(e.usdPerLiquidityHour! - (2e-16 * 6 + intelRate * 6) / 12) < 1e-30);
  const stale = est({ ...obs, intel: { pool_hourly_fees: { quality: 'stale', ageS: 1, data: { fees_mean_usd: 3000 } } } });
  assert.equal(stale.sources[1]!.weightHours, 2);
  const withPath = est(withHistory(baseObservation(), 'mid'));
  assert.deepEqual(withPath.sources.map((s) => s.source), ['observed_price_path']);
  assert.ok(withPath.usdPerLiquidityHour! > 0);
  const noPath = est(withHistory(baseObservation(), 'mid'), mergeAgentConfig(config, { feeRate: { pathWeightHours: 0 } }));
  assert.equal(noPath.usdPerLiquidityHour, null);
});

test('the price-path rate is zero on a still path and grows with movement', () => {
  const flat = new Float64Array(100).fill(200_000);
  assert.equal(pathImpliedFeeRate({ ticks: flat, windowBlocks: 100, blockSeconds: 12, feePips: 500, decimals0: 6 }), 0);
  const zig = Float64Array.from({ length: 100 }, (_, i) => 200_000 + (i % 2) * 10);
  const zag = Float64Array.from({ length: 100 }, (_, i) => 200_000 + (i % 2) * 20);
  const a = pathImpliedFeeRate({ ticks: zig, windowBlocks: 100, blockSeconds: 12, feePips: 500, decimals0: 6 })!;
  const b = pathImpliedFeeRate({ ticks: zag, windowBlocks: 100, blockSeconds: 12, feePips: 500, decimals0: 6 })!;
  assert.ok(a > 0 && Math.abs(b / a - 2) < 0.01);
  assert.equal(pathImpliedFeeRate({ ticks: new Float64Array(1), windowBlocks: 100, blockSeconds: 12, feePips: 500, decimals0: 6 }), null);
});
