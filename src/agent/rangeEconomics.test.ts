import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rangeEconomics } from './rangeEconomics.ts';
import { sqrtPriceAtTickFloat } from './rangeValue.ts';

const base = {
  range: { tickLower: 199_700, tickUpper: 200_900 },
  liquidity: 1e16,
  sqrtPrice: sqrtPriceAtTickFloat(200_300),
  feeRateUsdPerLiquidityHour: 4e-16,
  sigmaPerSqrtSecond: 0,
  driftPerSecond: 0,
  horizonSeconds: 21_600,
  decimals0: 6,
};

test('fees = rate × liquidity × in-range hours; none without a rate', () => {
  const e = rangeEconomics(base);
  assert.equal(e.fractionInRange, 1);
  assert.ok(Math.abs(e.expectedFeesUsd! - 4e-16 * 1e16 * 6) < 1e-12);
  assert.equal(rangeEconomics({ ...base, feeRateUsdPerLiquidityHour: null }).expectedFeesUsd, null);
  assert.equal(rangeEconomics({ ...base, range: { tickLower: 201_000, tickUpper: 202_000 } }).expectedFeesUsd, 0);
});

test('LVR = σ²·L/(4√P) per second in token0, while in range', () => {
  const sigma = 0.5 / Math.sqrt(365 * 24 * 3600);
  const e = rangeEconomics({ ...base, range: { tickLower: 100_000, tickUpper: 300_000 }, sigmaPerSqrtSecond: sigma });
  const expected = ((sigma ** 2 * 1e16) / (4 * base.sqrtPrice) / 1e6) * 21_600 * e.fractionInRange;
  assert.ok(Math.abs(e.expectedLvrUsd - expected) / expected < 1e-12);
  assert.ok(e.fractionInRange > 0.999);
});
