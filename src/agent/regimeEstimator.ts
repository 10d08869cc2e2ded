/**
 * Estimates the market regime from the pool ticks the strategy itself observed (it is never told
 * the regime: the original handed it over as an oracle). Works on log returns of the pool price over
 * the most recent horizon at two scales: one-minute returns for jumps, five-minute returns for the
 * rest (the pool only moves when arbitrage crosses its fee band, which hides variance and adds
 * positive autocorrelation at one minute):
 *  - realised variance RV = Σr², and the continuous (jump-free) variance by iterated truncation;
 *  - jumps: returns beyond max(`jumpSigmas` × the continuous sigma, `jumpMinTicks`), and the share of
 *    RV they carry;
 *  - drift: z = net move / √RV (≈ N(0,1) for a driftless walk);
 *  - mean reversion: a Dickey–Fuller t-statistic on jump-clipped returns (decides), plus the
 *    Lo–MacKinlay variance ratio VR(q) and the lag-1 autocorrelation (reported).
 * Order of the decision: jumpy, then trend, then mean_revert, then low / mid / high by continuous vol.
 *
 * Direction: token1 is the volatile asset (PoolSpec), the pool tick is log(token1 per token0), so
 * a falling tick is a rising token1 (ETH) price: `trend_up` means ticks drifting down.
 *
 * No history (fewer than `minSamples` returns, e.g. a lane's first episode): the estimate is the
 * prior's most likely regime when the agent has a prior (a calibrated regime mix, `reason: 'prior'`),
 * else 'mid' (`reason: 'no_history'`), at `fallbackAnnualVol`, so the first opening uses that floor.
 */
import { REGIMES, type RegimeName } from '../market/types.ts';
import type { RegimeEstimatorSettings } from './agentConfig.ts';
import { LN_TICK } from '../clmm/price.ts';

export const SECONDS_PER_YEAR = 365 * 24 * 3600;

export interface RegimeStats {
  /** Coarse return samples used and their spacing in seconds. */
  samples: number;
  sampleSeconds: number;
  /** Annualised vol from all variance (with jumps) and from bipower variation (without). */
  realizedVolAnnual: number;
  continuousVolAnnual: number;
  jumpCount: number;
  jumpShare: number;
  driftZ: number;
  /** Net move over the window in ticks (negative = token1 price up). */
  netMoveTicks: number;
  varianceRatio: number;
  /** Dickey–Fuller t-statistic of returns on the demeaned lagged level (very negative = reverting). */
  reversionT: number;
  autocorrLag1: number;
}

export interface RegimeEstimate {
  regime: RegimeName;
  reason: 'no_history' | 'prior' | 'jumps' | 'drift' | 'reversion' | 'vol_level';
  stats: RegimeStats;
  /** Total (with jumps) log-price sigma per √second, for time-in-range estimates. */
  sigmaPerSqrtSecond: number;
  /** Log raw-price drift per second; 0 unless a trend was detected. */
  driftPerSecond: number;
}

export interface EstimateRegimeParams {
  observedTicks: ArrayLike<number>;
  blockSeconds: number;
  horizonSeconds: number;
  settings: RegimeEstimatorSettings;
  /** The agent's prior over regimes (a calibrated mix): with no history, its most likely regime is the estimate. */
  prior?: Partial<Record<RegimeName, number>> | null;
}

/** The prior's most likely regime (ties broken in REGIMES order), or null without a usable prior. */
export function priorMode(prior: Partial<Record<RegimeName, number>> | null | undefined): RegimeName | null {
  let best: RegimeName | null = null;
  for (const r of REGIMES) {
    const w = prior?.[r] ?? 0;
    if (w > 0 && (best === null || w > (prior![best] ?? 0))) best = r;
  }
  return best;
}

export function estimateRegime(p: EstimateRegimeParams): RegimeEstimate {
  const s = p.settings;
  const blockSeconds = p.blockSeconds > 0 ? p.blockSeconds : 12;
  const fineBlocks = Math.max(1, Math.round(s.sampleBlocks));
  const coarseBlocks = Math.max(fineBlocks, Math.round(s.coarseSampleBlocks));
  const sampleSeconds = coarseBlocks * blockSeconds;
  const windowBlocks = Math.max(coarseBlocks + 1, Math.round((s.windowHorizons * p.horizonSeconds) / blockSeconds) + 1);
  const fine = sampledReturns(p.observedTicks, windowBlocks, fineBlocks);
  const coarse = sampledReturns(p.observedTicks, windowBlocks, coarseBlocks);
  const n = coarse.length;

  if (n < s.minSamples) {
    const sigma = s.fallbackAnnualVol / Math.sqrt(SECONDS_PER_YEAR);
    const fromPrior = priorMode(p.prior);
    return {
      regime: fromPrior ?? 'mid',
      reason: fromPrior === null ? 'no_history' : 'prior',
      stats: {
        samples: n, sampleSeconds, realizedVolAnnual: s.fallbackAnnualVol, continuousVolAnnual: s.fallbackAnnualVol,
        jumpCount: 0, jumpShare: 0, driftZ: 0, netMoveTicks: 0, varianceRatio: 1, reversionT: 0, autocorrLag1: 0,
      },
      sigmaPerSqrtSecond: sigma,
      driftPerSecond: 0,
    };
  }

  const minJump = s.jumpMinTicks * LN_TICK;
  // Jumps on the fine scale, where a jump stands out of one sample.
  const fineSplit = truncate(fine, s.jumpSigmas, minJump);
  // Level, drift and reversion on the coarse scale, where the pool's fee-band stickiness (a quiet pool
  // moves only when arbitrage crosses the band, which hides variance at one-minute returns) averages out.
  const coarseSplit = truncate(coarse, s.jumpSigmas, minJump);
  const rv = coarseSplit.realizedVariance;
  let net = 0;
  for (const r of coarse) net += r;
  const clipped = coarse.map((r) => Math.max(-coarseSplit.threshold, Math.min(coarseSplit.threshold, r)));
  const varianceRatio = varianceRatioOf(clipped, Math.min(s.varianceRatioLag, Math.max(2, Math.floor(n / 4))));
  const reversionT = reversionTStat(clipped);
  const driftZ = rv > 0 ? net / Math.sqrt(rv) : 0;
  const annual = (variance: number, seconds: number): number => Math.sqrt(variance / seconds) * Math.sqrt(SECONDS_PER_YEAR);
  const stats: RegimeStats = {
    samples: n,
    sampleSeconds,
    realizedVolAnnual: annual(rv, n * sampleSeconds),
    continuousVolAnnual: annual(coarseSplit.continuousVariancePerSample, sampleSeconds),
    jumpCount: fineSplit.jumpCount,
    jumpShare: fineSplit.jumpShare,
    driftZ,
    netMoveTicks: Math.round(net / LN_TICK),
    varianceRatio,
    reversionT,
    autocorrLag1: autocorrLag1(fine),
  };
  const sigmaPerSqrtSecond = Math.sqrt(rv / (n * sampleSeconds));
  const base = { stats, sigmaPerSqrtSecond };

  if (stats.jumpCount >= s.jumpMinCount && stats.jumpShare >= s.jumpMinShare) return { ...base, regime: 'jumpy', reason: 'jumps', driftPerSecond: 0 };
  if (Math.abs(driftZ) >= s.trendMinZ && reversionT > s.meanRevertMaxT) {
    const driftPerSecond = net / (n * sampleSeconds);
    return { ...base, regime: net < 0 ? 'trend_up' : 'trend_down', reason: 'drift', driftPerSecond };
  }
  if (reversionT <= s.meanRevertMaxT) return { ...base, regime: 'mean_revert', reason: 'reversion', driftPerSecond: 0 };
  const vol = stats.continuousVolAnnual;
  const regime: RegimeName = vol < s.lowVolMax ? 'low' : vol > s.highVolMin ? 'high' : 'mid';
  return { ...base, regime, reason: 'vol_level', driftPerSecond: 0 };
}

interface Truncation {
  realizedVariance: number;
  continuousVariancePerSample: number;
  threshold: number;
  jumpCount: number;
  jumpShare: number;
}

/**
 * Truncated variance (Mancini): iterate sigma on the returns within max(k·sigma, minJump) of zero;
 * what lies beyond is a jump. Robust to jumps and, unlike bipower variation, to the runs of zero
 * returns of a pool that only moves when arbitrage crosses the fee band.
 */
function truncate(returns: number[], k: number, minJump: number): Truncation {
  let rv = 0;
  for (const r of returns) rv += r * r;
  const n = returns.length;
  let contVar = n > 0 ? rv / n : 0;
  let threshold = Math.max(minJump, k * Math.sqrt(contVar));
  for (let iter = 0; iter < 4; iter++) {
    let sum = 0;
    let count = 0;
    for (const r of returns) {
      if (Math.abs(r) <= threshold) {
        sum += r * r;
        count++;
      }
    }
    contVar = count > 0 ? sum / count : contVar;
    threshold = Math.max(minJump, k * Math.sqrt(contVar));
  }
  let jumpCount = 0;
  let jumpVar = 0;
  for (const r of returns) {
    if (Math.abs(r) > threshold) {
      jumpCount++;
      jumpVar += r * r;
    }
  }
  return { realizedVariance: rv, continuousVariancePerSample: contVar, threshold, jumpCount, jumpShare: rv > 0 ? jumpVar / rv : 0 };
}

/** Log raw-price returns over every `m` blocks, ending at the newest tick, within the last `windowBlocks` ticks. */
function sampledReturns(ticks: ArrayLike<number>, windowBlocks: number, m: number): number[] {
  const end = ticks.length - 1;
  const start = Math.max(0, ticks.length - windowBlocks);
  const points: number[] = [];
  for (let i = end; i >= start; i -= m) {
    const t = ticks[i]!;
    if (Number.isFinite(t)) points.push(t);
  }
  points.reverse();
  const out: number[] = [];
  for (let j = 1; j < points.length; j++) out.push((points[j]! - points[j - 1]!) * LN_TICK);
  return out;
}

/** Lo–MacKinlay VR(q) with overlapping q-sums, demeaned. */
function varianceRatioOf(r: number[], q: number): number {
  const n = r.length;
  if (n < q + 2) return 1;
  const mu = r.reduce((a, b) => a + b, 0) / n;
  let var1 = 0;
  for (const x of r) var1 += (x - mu) ** 2;
  var1 /= n - 1;
  if (var1 <= 0) return 1;
  let window = 0;
  for (let i = 0; i < q; i++) window += r[i]!;
  let varq = (window - q * mu) ** 2;
  for (let i = q; i < n; i++) {
    window += r[i]! - r[i - q]!;
    varq += (window - q * mu) ** 2;
  }
  varq /= n - q + 1;
  return varq / (q * var1);
}

/**
 * Dickey–Fuller regression with a constant: r_j = a + b·(x_{j−1} − x̄) + e, where x is the cumulative
 * (log) level; returns b / se(b). About N(−1.5, 0.8²) for a random walk; the 1% critical value is −3.43.
 */
function reversionTStat(r: number[]): number {
  const n = r.length;
  if (n < 10) return 0;
  const level: number[] = new Array(n);
  let x = 0;
  for (let j = 0; j < n; j++) {
    level[j] = x; // level before return j
    x += r[j]!;
  }
  const meanLevel = level.reduce((a, b) => a + b, 0) / n;
  const meanR = r.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let j = 0; j < n; j++) {
    const dx = level[j]! - meanLevel;
    sxx += dx * dx;
    sxy += dx * (r[j]! - meanR);
  }
  if (sxx <= 0) return 0;
  const b = sxy / sxx;
  let sse = 0;
  for (let j = 0; j < n; j++) {
    const e = r[j]! - meanR - b * (level[j]! - meanLevel);
    sse += e * e;
  }
  const se = Math.sqrt(sse / (n - 2) / sxx);
  return se > 0 ? b / se : 0;
}

function autocorrLag1(r: number[]): number {
  const n = r.length;
  if (n < 3) return 0;
  const mu = r.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (r[i]! - mu) ** 2;
    if (i > 0) num += (r[i]! - mu) * (r[i - 1]! - mu);
  }
  return den > 0 ? num / den : 0;
}
