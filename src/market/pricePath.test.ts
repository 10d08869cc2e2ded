/**
 * Statistics of the external price process: realised volatility per regime against the config (over
 * many paths), drift, the OU's stationary spread and negative autocorrelation, and jump counts. Each
 * tolerance is a stated multiple of the estimator's standard error for the path count used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MARKET_CONFIG, type RegimeParams } from './marketConfig.ts';
import { SECONDS_PER_YEAR, simulatePricePath } from './pricePath.ts';
import { createRng } from './Rng.ts';
import { REGIMES } from './types.ts';

const BLOCK = 12;
const regimes = DEFAULT_MARKET_CONFIG.regimes;

/** 12-s log returns of the token1 price over `paths` paths of `blocks` blocks. */
function returns(params: RegimeParams, paths: number, blocks: number, seed: number): { r: Float64Array[]; jumps: number[] } {
  const r: Float64Array[] = [];
  const jumps: number[] = [];
  for (let i = 0; i < paths; i++) {
    const start = 1e12 / 2300;
    const path = simulatePricePath({ params, startRawPrice: start, blocks, blockSeconds: BLOCK, rng: createRng(seed).fork(i) });
    const out = new Float64Array(blocks);
    let prev = Math.log(start);
    for (let b = 0; b < blocks; b++) {
      const now = Math.log(path.rawPrices[b]!);
      out[b] = -(now - prev); // token1 price is the reciprocal of the raw price
      prev = now;
    }
    r.push(out);
    jumps.push(path.jumps);
  }
  return { r, jumps };
}

test('realised volatility of every regime matches its config (diffusion plus jump variance)', (t) => {
  const blocks = 1800;
  for (const regime of REGIMES) {
    const p = regimes[regime];
    // jumps dominate the variance estimate's error (≈300 jumps over 120 paths: ±3% in σ), so more paths
    const paths = p.jumpRatePerDay > 0 ? 120 : 24;
    const { r } = returns(p, paths, blocks, 11);
    let sum = 0;
    let sq = 0;
    let n = 0;
    for (const path of r) {
      for (const x of path) {
        sum += x;
        sq += x * x;
        n++;
      }
    }
    const variance = sq / n - (sum / n) ** 2;
    const realised = Math.sqrt((variance * SECONDS_PER_YEAR) / BLOCK);
    const expected = Math.sqrt(p.volAnnual ** 2 + p.jumpRatePerDay * 365 * p.jumpSigmaLog ** 2);
    // SE of a variance estimate from n returns is √(2 + κ)/√n of it (κ = excess kurtosis, large for jumps)
    // (43,200 Gaussian returns: ±0.34% in σ; tolerance 2% ≈ 6 SE. Jumpy: ±3%; tolerance 12% ≈ 4 SE.)
    const tolerance = p.jumpRatePerDay > 0 ? 0.12 : 0.02;
    t.diagnostic(`${regime}: realised σ ${realised.toFixed(4)}, expected ${expected.toFixed(4)}`);
    assert.ok(Math.abs(realised / expected - 1) < tolerance, `${regime}: realised ${realised.toFixed(4)} vs ${expected.toFixed(4)}`);
  }
});

test('trend regimes drift by driftPerDay; driftless ones do not', () => {
  const paths = 200;
  const blocks = 7200; // one day
  for (const regime of ['trend_up', 'trend_down', 'mid'] as const) {
    const p = regimes[regime];
    const { r } = returns(p, paths, blocks, 5);
    const totals = r.map((path) => path.reduce((s, x) => s + x, 0));
    const mean = totals.reduce((s, x) => s + x, 0) / paths;
    const se = p.volAnnual * Math.sqrt(1 / 365) / Math.sqrt(paths);
    assert.ok(Math.abs(mean - p.driftPerDay) < 4 * se, `${regime}: mean daily log return ${mean} vs ${p.driftPerDay} (se ${se})`);
  }
});

test('mean_revert: the log price settles at the OU stationary spread and hourly returns reverse', () => {
  const p = regimes.mean_revert;
  const paths = 300;
  const blocks = 7200; // 24 h = 12 half-lives
  const { r } = returns(p, paths, blocks, 9);
  const ends = r.map((path) => path.reduce((s, x) => s + x, 0));
  const sd = Math.sqrt(ends.reduce((s, x) => s + x * x, 0) / paths);
  const kappaPerYear = Math.LN2 / (p.meanReversionHalfLifeHours! / (365 * 24));
  const stationary = p.volAnnual / Math.sqrt(2 * kappaPerYear);
  // SE of an sd from n normal draws ≈ sd/√(2n) ≈ 4%
  assert.ok(Math.abs(sd / stationary - 1) < 0.12, `sd after 24 h ${sd} vs stationary ${stationary}`);
  const diffusion = p.volAnnual * Math.sqrt(1 / 365);
  assert.ok(sd < diffusion / 3, `reverting spread ${sd} must be far below the diffusion's ${diffusion}`);

  // lag-1 autocorrelation of hourly returns: e^{−κ·1h}-driven, negative (≈ −0.14 for a 2-h half-life)
  let num = 0;
  let den = 0;
  for (const path of r) {
    const hourly: number[] = [];
    for (let h = 0; h < 24; h++) hourly.push(path.subarray(h * 300, (h + 1) * 300).reduce((s, x) => s + x, 0));
    for (let h = 1; h < 24; h++) num += hourly[h]! * hourly[h - 1]!;
    for (const x of hourly) den += x * x;
  }
  const rho = num / den;
  assert.ok(rho < -0.08 && rho > -0.25, `hourly autocorrelation ${rho}`);
});

test('jumpy: jump counts are Poisson with the configured daily rate', () => {
  const p = regimes.jumpy;
  const paths = 300;
  const { jumps } = returns(p, paths, 7200, 3);
  const mean = jumps.reduce((s, x) => s + x, 0) / paths;
  const variance = jumps.reduce((s, x) => s + (x - mean) ** 2, 0) / (paths - 1);
  const se = Math.sqrt(p.jumpRatePerDay / paths);
  assert.ok(Math.abs(mean - p.jumpRatePerDay) < 4 * se, `mean jumps/day ${mean}`);
  assert.ok(variance / mean > 0.75 && variance / mean < 1.3, `dispersion ${variance / mean}`);
  const { jumps: none } = returns(regimes.mid, 5, 7200, 3);
  assert.deepEqual(none, [0, 0, 0, 0, 0]);
});

test('jumps draw from their own stream: jumpy and mid share the diffusion path', () => {
  const start = 4e8;
  const a = simulatePricePath({ params: regimes.mid, startRawPrice: start, blocks: 500, blockSeconds: BLOCK, rng: createRng(1) });
  const b = simulatePricePath({ params: { ...regimes.mid, jumpRatePerDay: 1e-9, jumpSigmaLog: 0.01 }, startRawPrice: start, blocks: 500, blockSeconds: BLOCK, rng: createRng(1) });
  assert.deepEqual(a.rawPrices, b.rawPrices);
  assert.equal(a.endRawPrice, a.rawPrices[499]);
});
