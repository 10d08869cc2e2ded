/**
 * Statistics of a window's external path at one-minute resolution, for labelling recorded windows
 * with a regime: realised volatility, net log return, the jump share of variance (1 − bipower /
 * realised variance, Barndorff-Nielsen & Shephard), the largest move against the bipower σ, and a
 * variance ratio (var of k-minute returns over k × var of 1-minute returns; < 1 means reversion).
 * Returns are of the token1 price (ETH in USD), i.e. minus the tick change.
 */
import { LN_TICK } from '../../clmm/price.ts';

const MINUTES_PER_YEAR = 365 * 24 * 60;

export interface WindowStats {
  /** Annualised volatility from 1-minute log returns. */
  volAnnual: number;
  /** Log return of the token1 price over the window. */
  netLogReturn: number;
  /** Share of the realised variance not explained by bipower variation (0 = no jumps). */
  jumpShare: number;
  /** Largest |1-minute return| in units of the bipower per-minute σ. */
  maxMoveSigmas: number;
  /** Variance ratio at `varianceRatioMinutes`. */
  varianceRatio: number;
  varianceRatioMinutes: number;
}

/** Stats of a path of ticks sampled once a minute (fractional ticks allowed). */
export function windowStats(minuteTicks: ArrayLike<number>, varianceRatioMinutes = 30): WindowStats {
  const n = minuteTicks.length - 1;
  if (n < 2) throw new RangeError('windowStats needs at least 3 minute samples');
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = -(minuteTicks[i + 1]! - minuteTicks[i]!) * LN_TICK;
  let sum = 0;
  let rv = 0;
  let bv = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    sum += r[i]!;
    rv += r[i]! * r[i]!;
    if (i > 0) bv += Math.abs(r[i]!) * Math.abs(r[i - 1]!);
    if (Math.abs(r[i]!) > maxAbs) maxAbs = Math.abs(r[i]!);
  }
  bv *= (Math.PI / 2) * (n / (n - 1));
  const mean = sum / n;
  const var1 = rv / n - mean * mean;
  const k = Math.max(2, Math.min(varianceRatioMinutes, Math.floor(n / 4)));
  let sumK = 0;
  let sqK = 0;
  let m = 0;
  for (let i = 0; i + k <= n; i += k) {
    let s = 0;
    for (let j = i; j < i + k; j++) s += r[j]!;
    sumK += s;
    sqK += s * s;
    m++;
  }
  const meanK = sumK / m;
  const varK = sqK / m - meanK * meanK;
  const bipowerSigma = Math.sqrt(bv / n);
  return {
    volAnnual: Math.sqrt(Math.max(var1, 0) * MINUTES_PER_YEAR),
    netLogReturn: sum,
    jumpShare: rv > 0 ? Math.max(0, 1 - bv / rv) : 0,
    maxMoveSigmas: bipowerSigma > 0 ? maxAbs / bipowerSigma : 0,
    varianceRatio: var1 > 0 ? varK / (k * var1) : 1,
    varianceRatioMinutes: k,
  };
}
