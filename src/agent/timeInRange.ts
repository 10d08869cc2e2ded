/**
 * Expected share of a horizon that the price spends inside a range, for a Brownian log price with
 * drift μ and volatility σ started at the current price:
 *   E[frac] = (1/T) ∫₀ᵀ P(a < μt + σW_t < b) dt = (1/T) ∫₀ᵀ [Φ((b − μt)/(σ√t)) − Φ((a − μt)/(σ√t))] dt
 * where a ≤ b are the range's bounds as log-price offsets from the current price (a < 0 < b when in
 * range). Occupation time counts re-entries, as fees do. Mean reversion keeps prices in range
 * longer than this, so for 'mean_revert' the estimate is conservative. Integrated with a fixed
 * 64-point midpoint rule: deterministic, and accurate to about 1e-3 for any band.
 */

/** Standard normal CDF, Abramowitz & Stegun 7.1.26 via erf (|error| < 1.5e-7). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export interface ExpectedFractionInRangeParams {
  /** Lower and upper bound as log-price offsets from the current price (natural log units). */
  lowerOffset: number;
  upperOffset: number;
  sigmaPerSqrtSecond: number;
  driftPerSecond: number;
  horizonSeconds: number;
}

const STEPS = 64;

export function expectedFractionInRange(p: ExpectedFractionInRangeParams): number {
  const a = Math.min(p.lowerOffset, p.upperOffset);
  const b = Math.max(p.lowerOffset, p.upperOffset);
  if (!(b > a) || !(p.horizonSeconds > 0)) return 0;
  const sigma = Math.max(0, p.sigmaPerSqrtSecond);
  const mu = Number.isFinite(p.driftPerSecond) ? p.driftPerSecond : 0;
  let sum = 0;
  for (let i = 0; i < STEPS; i++) {
    const t = ((i + 0.5) / STEPS) * p.horizonSeconds;
    const centre = mu * t;
    if (sigma === 0) {
      sum += a < centre && centre < b ? 1 : 0;
      continue;
    }
    const sd = sigma * Math.sqrt(t);
    sum += normalCdf((b - centre) / sd) - normalCdf((a - centre) / sd);
  }
  return Math.min(1, Math.max(0, sum / STEPS));
}
