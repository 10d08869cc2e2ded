/**
 * The external (CEX) price, block by block, for one regime: a diffusion in log price with an optional
 * drift, an optional Ornstein–Uhlenbeck pull toward a drifting anchor, and optional compound-Poisson
 * jumps. The OU part uses its exact discretisation, so the path's statistics do not depend on the
 * block time: dev' = dev·e^{−κΔ} + σ·√((1 − e^{−2κΔ}) / 2κ)·Z.
 *
 * Units: the process runs on the log of the token1 price in token0 (ETH in USD), which is where
 * "drift up" and volatility are quoted; the pool's raw price is its reciprocal up to decimals, so the
 * path is returned as raw prices (token1 base units per token0 base unit). Log price is driftless
 * unless `driftPerDay` says otherwise (no −σ²/2 correction: the median, not the mean, stays put).
 * The year is 365 days, as crypto trades every day.
 *
 * Diffusion and jumps draw from separate forks of the generator, so two regimes that differ only in
 * their jumps share the same diffusion path for a seed.
 */
import type { RegimeParams } from './marketConfig.ts';
import { poisson } from './poisson.ts';
import type { Rng } from './Rng.ts';

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;

export interface SimulatePricePathParameters {
  params: RegimeParams;
  /** Raw price before the first block; the path continues from it and the OU anchor starts there. */
  startRawPrice: number;
  blocks: number;
  blockSeconds: number;
  rng: Rng;
}

export interface SimulatePricePathReturnType {
  /** Raw price during each block: block b sees the price after b + 1 steps from the start. */
  rawPrices: Float64Array;
  /** The last block's price, where the next episode continues. */
  endRawPrice: number;
  /** Jumps that occurred (count), for diagnostics and tests. */
  jumps: number;
}

export function simulatePricePath(p: SimulatePricePathParameters): SimulatePricePathReturnType {
  const { params, blocks, blockSeconds } = p;
  if (!Number.isInteger(blocks) || blocks <= 0) throw new RangeError(`blocks must be a positive integer, got ${blocks}`);
  if (!(p.startRawPrice > 0) || !Number.isFinite(p.startRawPrice)) throw new RangeError(`startRawPrice must be a positive finite number, got ${p.startRawPrice}`);
  const diffusion = p.rng.fork('diffusion');
  const jumpRng = p.rng.fork('jumps');

  const sigmaPerSqrtSecond = params.volAnnual / Math.sqrt(SECONDS_PER_YEAR);
  const halfLife = params.meanReversionHalfLifeHours;
  let decay = 1;
  let stepSd = sigmaPerSqrtSecond * Math.sqrt(blockSeconds);
  if (halfLife !== null) {
    const kappa = Math.LN2 / (halfLife * 3600);
    decay = Math.exp(-kappa * blockSeconds);
    stepSd = sigmaPerSqrtSecond * Math.sqrt((1 - decay * decay) / (2 * kappa));
  }
  // drift of the log token1 price; the raw price is its reciprocal, hence the sign
  const anchorStep = -(params.driftPerDay * blockSeconds) / SECONDS_PER_DAY;
  const jumpMean = (params.jumpRatePerDay * blockSeconds) / SECONDS_PER_DAY;
  const jumpSigma = params.jumpSigmaLog;

  const rawPrices = new Float64Array(blocks);
  let anchor = Math.log(p.startRawPrice);
  let deviation = 0;
  let jumps = 0;
  for (let b = 0; b < blocks; b++) {
    anchor += anchorStep;
    deviation = deviation * decay + stepSd * diffusion.normal();
    if (jumpMean > 0) {
      const k = poisson(jumpMean, jumpRng);
      for (let j = 0; j < k; j++) deviation += jumpSigma * jumpRng.normal();
      jumps += k;
    }
    rawPrices[b] = Math.exp(anchor + deviation);
  }
  return { rawPrices, endRawPrice: rawPrices[blocks - 1]!, jumps };
}
