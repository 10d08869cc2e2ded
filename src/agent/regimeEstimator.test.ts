import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../market/Rng.ts';
import { REGIMES, type RegimeName } from '../market/types.ts';
import { DEFAULT_AGENT_CONFIG } from './agentConfig.ts';
import { estimateRegime, SECONDS_PER_YEAR } from './regimeEstimator.ts';
import { syntheticTicks } from './testSupport/syntheticTicks.ts';

const settings = DEFAULT_AGENT_CONFIG.regimeEstimator;
const estimate = (ticks: ArrayLike<number>) => estimateRegime({ observedTicks: ticks, blockSeconds: 12, horizonSeconds: 21_600, settings });

test('no history falls back to mid at the fallback vol', () => {
  for (const ticks of [new Float64Array(0), new Float64Array(50).fill(200_000)]) {
    const e = estimate(ticks);
    assert.equal(e.regime, 'mid');
    assert.equal(e.reason, 'no_history');
    assert.equal(e.stats.realizedVolAnnual, settings.fallbackAnnualVol);
    assert.ok(Math.abs(e.sigmaPerSqrtSecond * Math.sqrt(SECONDS_PER_YEAR) - settings.fallbackAnnualVol) < 1e-12);
  }
});

test('a still pool is low vol with finite statistics', () => {
  const e = estimate(new Float64Array(1800).fill(200_000));
  assert.equal(e.regime, 'low');
  for (const v of Object.values(e.stats)) assert.ok(Number.isFinite(v));
});

test('the estimate is deterministic and uses only the most recent horizon', () => {
  const rng = createRng(5);
  const old = syntheticTicks({ regime: 'high', rng: rng.fork('a'), blocks: 1800 });
  const recent = syntheticTicks({ regime: 'low', rng: rng.fork('b'), blocks: 1800, startTick: old[old.length - 1]! });
  const both = new Float64Array(3600);
  both.set(old, 0);
  both.set(recent, 1800);
  assert.deepEqual(estimate(both), estimate(both));
  assert.equal(estimate(both).regime, estimate(recent).regime);
});

test('trend direction: falling ticks are a rising token1 price (trend_up)', () => {
  const down = Float64Array.from({ length: 1800 }, (_, i) => 200_000 - Math.floor(i / 3));
  const up = Float64Array.from({ length: 1800 }, (_, i) => 200_000 + Math.floor(i / 3));
  assert.equal(estimate(down).regime, 'trend_up');
  assert.equal(estimate(up).regime, 'trend_down');
  assert.ok(estimate(down).driftPerSecond < 0);
});

test('jumps are counted and carry their share of the variance', () => {
  const rng = createRng(11);
  const ticks = syntheticTicks({ regime: 'mid', rng, blocks: 1800 });
  const jumped = ticks.map((t, i) => t + (i >= 600 ? 150 : 0) + (i >= 1200 ? -150 : 0) + (i >= 1500 ? 120 : 0));
  const e = estimate(jumped);
  assert.ok(e.stats.jumpCount >= 3, `jumpCount ${e.stats.jumpCount}`);
  assert.equal(e.regime, 'jumpy');
});

test('synthetic regimes are recovered (confusion matrix over 40 paths each)', () => {
  const rng = createRng(2024);
  const matrix: Record<string, Record<string, number>> = {};
  let correct = 0;
  const n = 40;
  for (const r of REGIMES) {
    matrix[r] = {};
    for (let i = 0; i < n; i++) {
      const e = estimate(syntheticTicks({ regime: r, rng: rng.fork(`${r}:${i}`), blocks: 1800 }));
      matrix[r]![e.regime] = (matrix[r]![e.regime] ?? 0) + 1;
      if (e.regime === r) correct++;
    }
  }
  const accuracy = correct / (n * REGIMES.length);
  const perRegime = (r: RegimeName) => (matrix[r]![r] ?? 0) / n;
  assert.ok(accuracy >= 0.85, `accuracy ${accuracy} ${JSON.stringify(matrix)}`);
  for (const r of REGIMES) assert.ok(perRegime(r) >= 0.65, `${r}: ${perRegime(r)} ${JSON.stringify(matrix[r])}`);
});

test('with no history the estimate is the prior\'s most likely regime, else mid', () => {
  const none = estimateRegime({ observedTicks: [], blockSeconds: 12, horizonSeconds: 21_600, settings });
  assert.equal(none.regime, 'mid');
  assert.equal(none.reason, 'no_history');
  const withPrior = estimateRegime({ observedTicks: [], blockSeconds: 12, horizonSeconds: 21_600, settings, prior: { jumpy: 0.2, mean_revert: 0.5, trend_up: 0.3 } });
  assert.equal(withPrior.regime, 'mean_revert');
  assert.equal(withPrior.reason, 'prior');
});
