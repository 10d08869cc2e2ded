/**
 * Expected fees and LVR of holding `liquidity` in a range over a horizon:
 *   fees = feeRate (USD per L per in-range hour) × L × hours × E[fraction of time in range]
 *   LVR  = σ²·L / (4√P) per second in token0 base units while in range (Milionis et al.: σ²·L·√P/4
 *          in token1, divided by P), times the same expected in-range time.
 * The in-range share is timeInRange.ts's Brownian occupation estimate from the current price.
 */
import { LN_TICK } from '../clmm/price.ts';
import { expectedFractionInRange } from './timeInRange.ts';
import type { RangeSpec } from './types.ts';

export interface RangeEconomics {
  fractionInRange: number;
  /** null when there is no fee-rate estimate. */
  expectedFeesUsd: number | null;
  expectedLvrUsd: number;
  liquidity: number;
}

export interface RangeEconomicsParams {
  range: RangeSpec;
  liquidity: number;
  /** √P as a float. */
  sqrtPrice: number;
  feeRateUsdPerLiquidityHour: number | null;
  sigmaPerSqrtSecond: number;
  driftPerSecond: number;
  horizonSeconds: number;
  decimals0: number;
}

export function rangeEconomics(p: RangeEconomicsParams): RangeEconomics {
  const logPrice = 2 * Math.log(p.sqrtPrice);
  const fractionInRange = expectedFractionInRange({
    lowerOffset: p.range.tickLower * LN_TICK - logPrice,
    upperOffset: p.range.tickUpper * LN_TICK - logPrice,
    sigmaPerSqrtSecond: p.sigmaPerSqrtSecond,
    driftPerSecond: p.driftPerSecond,
    horizonSeconds: p.horizonSeconds,
  });
  const inRangeSeconds = fractionInRange * p.horizonSeconds;
  const expectedFeesUsd = p.feeRateUsdPerLiquidityHour === null ? null : p.feeRateUsdPerLiquidityHour * p.liquidity * (inRangeSeconds / 3600);
  const lvrPerSecond = (p.sigmaPerSqrtSecond ** 2 * p.liquidity) / (4 * p.sqrtPrice) / 10 ** p.decimals0;
  return { fractionInRange, expectedFeesUsd, expectedLvrUsd: lvrPerSecond * inRangeSeconds, liquidity: p.liquidity };
}
