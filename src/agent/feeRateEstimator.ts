/**
 * The fee rate one unit of liquidity earns per hour while in range (USD per raw L per hour), from
 * what the strategy can see. Sources, blended by evidence weight in hours:
 *  - own_previous: the previous episode's fees over its liquidity and in-range hours
 *    (fees / (L × horizon × (1 − OOR))); weight = its in-range hours;
 *  - carried: the estimate the previous decision recorded (`fee_rate_usd_per_l_hour` in
 *    `previous.decisionBasis`), which makes the blend an exponential moving average that lives in
 *    the artifacts, not in hidden state; weight `carriedWeightHours`;
 *  - intel_pool_hourly_fees: pool-wide fees per hour over the others' active liquidity plus ours;
 *    `fresh` weighs `intelFreshWeightHours`, `stale` `intelStaleWeightHours`;
 *  - observed_price_path: the fees that the observed block-by-block pool price path implies per unit
 *    of liquidity (every tick move is a swap that paid the fee tier on its input: Δ√P of token1 going
 *    up, Δ(1/√P) of token0 going down). A lower bound (round trips within a block and reversals are
 *    unseen), used at `pathWeightHours` so a first estimate exists before any own fees.
 * No source: null (the EV gate then blocks with `no_fee_estimate`).
 */
import type { AgentConfig } from './agentConfig.ts';
import type { IntelSignals } from './intelSignals.ts';
import { sqrtPriceAtTickFloat } from './rangeValue.ts';
import type { Observation } from './types.ts';

export type FeeRateSourceName = 'own_previous' | 'carried' | 'intel_pool_hourly_fees' | 'observed_price_path';

export interface FeeRateSource {
  source: FeeRateSourceName;
  usdPerLiquidityHour: number;
  weightHours: number;
}

export interface FeeRateEstimate {
  usdPerLiquidityHour: number | null;
  sources: FeeRateSource[];
}

export interface EstimateFeeRateParams {
  obs: Observation;
  config: AgentConfig;
  intel: IntelSignals;
  /** Blocks of observedTicks to read for the price-path source (the regime window). */
  windowBlocks: number;
}

export const CARRIED_FEE_RATE_FIELD = 'fee_rate_usd_per_l_hour';

export function estimateFeeRate(p: EstimateFeeRateParams): FeeRateEstimate {
  const { obs, config } = p;
  const sources: FeeRateSource[] = [];
  const horizonHours = obs.horizonSeconds / 3600;
  const ourLiquidity = obs.holdings.ranges.reduce((sum, r) => sum + Number(r.liquidity), 0);

  const prev = obs.previous;
  if (prev !== null && ourLiquidity > 0 && Number.isFinite(prev.feesUsd) && prev.feesUsd >= 0 && Number.isFinite(prev.outOfRangePct)) {
    const inRangeHours = horizonHours * (1 - Math.min(100, Math.max(0, prev.outOfRangePct)) / 100);
    if (inRangeHours >= config.feeRate.ownMinInRangeHours) {
      sources.push({ source: 'own_previous', usdPerLiquidityHour: prev.feesUsd / (ourLiquidity * inRangeHours), weightHours: inRangeHours });
    }
  }

  const carried = prev?.decisionBasis?.[CARRIED_FEE_RATE_FIELD];
  if (typeof carried === 'number' && Number.isFinite(carried) && carried > 0) {
    sources.push({ source: 'carried', usdPerLiquidityHour: carried, weightHours: config.feeRate.carriedWeightHours });
  }

  const poolFees = p.intel.poolFeesUsdPerHour;
  const poolLiquidity = Number(obs.pool.liquidity);
  if (poolFees !== null && poolLiquidity > 0) {
    const weight = poolFees.quality === 'fresh' ? config.feeRate.intelFreshWeightHours : config.feeRate.intelStaleWeightHours;
    // Active liquidity counts ours only while our ranges cover the price; a unit of ours competes with everyone's.
    const ourActive = obs.holdings.ranges.reduce((sum, r) => (r.tickLower <= obs.pool.tick && obs.pool.tick < r.tickUpper ? sum + Number(r.liquidity) : sum), 0);
    sources.push({ source: 'intel_pool_hourly_fees', usdPerLiquidityHour: poolFees.value / (poolLiquidity - ourActive + ourLiquidity), weightHours: weight });
  }

  const path = pathImpliedFeeRate({ ticks: obs.observedTicks, windowBlocks: p.windowBlocks, blockSeconds: obs.blockSeconds, feePips: obs.pool.fee, decimals0: obs.pool.decimals0 });
  if (path !== null && path > 0) sources.push({ source: 'observed_price_path', usdPerLiquidityHour: path, weightHours: config.feeRate.pathWeightHours });

  let weighted = 0;
  let weights = 0;
  for (const s of sources) {
    if (s.weightHours > 0) {
      weighted += s.usdPerLiquidityHour * s.weightHours;
      weights += s.weightHours;
    }
  }
  return { usdPerLiquidityHour: weights > 0 ? weighted / weights : null, sources };
}

export interface PathImpliedFeeRateParams {
  ticks: ArrayLike<number>;
  windowBlocks: number;
  blockSeconds: number;
  /** Fee tier in hundredths of a bip (500 = 0.05%). */
  feePips: number;
  decimals0: number;
}

/** USD fees per unit of liquidity per hour implied by the price moves between consecutive observed blocks. */
export function pathImpliedFeeRate(p: PathImpliedFeeRateParams): number | null {
  const start = Math.max(0, p.ticks.length - p.windowBlocks);
  const blocks = p.ticks.length - 1 - start;
  if (blocks < 1 || !(p.blockSeconds > 0)) return null;
  const fee = p.feePips / 1e6;
  let inputUsd = 0;
  let prevSqrt = sqrtPriceAtTickFloat(p.ticks[start]!);
  for (let i = start + 1; i < p.ticks.length; i++) {
    const s = sqrtPriceAtTickFloat(p.ticks[i]!);
    if (s > prevSqrt) {
      // token1 in: L·Δ√P raw token1, worth /P token0 at the mid price.
      const mid = prevSqrt * s;
      inputUsd += (s - prevSqrt) / mid;
    } else if (s < prevSqrt) {
      inputUsd += 1 / s - 1 / prevSqrt; // token0 in: L·Δ(1/√P) raw token0
    }
    prevSqrt = s;
  }
  const hours = (blocks * p.blockSeconds) / 3600;
  return ((fee * inputUsd) / 10 ** p.decimals0) / hours;
}
