/**
 * Classifies windows of 1-minute prices into the seven regimes, with the same rules and thresholds
 * as queries/realized_vol_jumps.sql and queries/regime_frequencies.sql, so calibrating from
 * recorded pool data and from Dune mean the same thing. In a window of n 1-minute log returns r:
 *   rv = Σr²;  vol = sqrt(rv/n · 525600) (annualised);
 *   σ_bp = sqrt((π/2) Σ|r_t||r_{t-1}| · n/(n-1) / n)  (bipower: robust to the jump itself);
 *   jumpy        if max|r| ≥ 10 σ_bp and max|r| ≥ 0.5 %   (a real move, not tick noise);
 *   trend_up/down if |Σr| / sqrt(rv) ≥ 1.5                (the window drifted 1.5 of its own σ);
 *   mean_revert  if Σ(30-minute returns²) / rv < 0.7       (variance ratio: moves undo each other);
 *   else low / mid / high by vol < 0.30 / < 0.60 / ≥ 0.60.
 * First match wins, in that order.
 */
export const REGIME_NAMES = ['low', 'mid', 'high', 'mean_revert', 'jumpy', 'trend_up', 'trend_down'] as const;
export type Regime = (typeof REGIME_NAMES)[number];

export const WINDOW_RULES = {
  jumpSigmas: 10,
  jumpMinAbsReturn: 0.005,
  trendZ: 1.5,
  varianceRatioBlockMinutes: 30,
  meanRevertVarianceRatio: 0.7,
  lowVol: 0.3,
  midVol: 0.6,
  /** A window needs this share of its minutes. */
  minCoverage: 0.8,
} as const;

const MINUTES_PER_YEAR = 525_600;

export interface WindowStats {
  n: number;
  vol: number;
  sigma_bp: number;
  max_abs: number;
  net: number;
  drift_z: number;
  variance_ratio: number;
  regime: Regime;
}

/** Stats and regime of one window of 1-minute log returns (in time order). */
export function classifyReturns(returns: readonly number[]): WindowStats {
  const n = returns.length;
  let rv = 0;
  let bp = 0;
  let maxAbs = 0;
  let net = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    rv += r * r;
    net += r;
    maxAbs = Math.max(maxAbs, Math.abs(r));
    if (i > 0) bp += Math.abs(r) * Math.abs(returns[i - 1]!);
  }
  const vol = n > 0 ? Math.sqrt((rv / n) * MINUTES_PER_YEAR) : 0;
  const sigmaBp = n > 1 ? Math.sqrt(((Math.PI / 2) * bp * (n / (n - 1))) / n) : 0;
  const driftZ = rv > 0 ? Math.abs(net) / Math.sqrt(rv) : 0;
  const k = WINDOW_RULES.varianceRatioBlockMinutes;
  let blocks = 0;
  for (let i = 0; i < n; i += k) {
    let s = 0;
    for (let j = i; j < Math.min(n, i + k); j++) s += returns[j]!;
    blocks += s * s;
  }
  const varianceRatio = rv > 0 ? blocks / rv : 1;
  let regime: Regime;
  if (maxAbs >= WINDOW_RULES.jumpSigmas * sigmaBp && maxAbs >= WINDOW_RULES.jumpMinAbsReturn) regime = 'jumpy';
  else if (driftZ >= WINDOW_RULES.trendZ) regime = net > 0 ? 'trend_up' : 'trend_down';
  else if (varianceRatio < WINDOW_RULES.meanRevertVarianceRatio) regime = 'mean_revert';
  else if (vol < WINDOW_RULES.lowVol) regime = 'low';
  else if (vol < WINDOW_RULES.midVol) regime = 'mid';
  else regime = 'high';
  return { n, vol, sigma_bp: sigmaBp, max_abs: maxAbs, net, drift_z: driftZ, variance_ratio: varianceRatio, regime };
}

export function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
