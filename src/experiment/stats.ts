/**
 * The statistics of a comparison. Episodes of one lane share a position and a learning state, so
 * they are not independent: confidence intervals come from a block bootstrap that resamples whole
 * lanes (with replacement), seeded, percentile intervals. Per-series figures (Sharpe, CVaR, max
 * drawdown) follow their textbook definitions on per-episode net PnL.
 */
import { mean, median, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Rng } from '../market/Rng.ts';

export interface Interval {
  lo: number;
  hi: number;
}

export interface BootstrapResult {
  n: number;
  mean: number;
  median: number;
  meanCi: Interval;
  medianCi: Interval;
  resamples: number;
}

/** Values grouped by block (lane); blocks may be empty. */
export type Blocks = ReadonlyArray<ReadonlyArray<number>>;

function percentileCi(sorted: number[]): Interval {
  return { lo: quantileSorted(sorted, 0.025), hi: quantileSorted(sorted, 0.975) };
}

/**
 * Mean and median of all values with 95% percentile CIs from resampling the blocks with replacement
 * (`resamples` times, draws from `rng`). Null when there are no values.
 */
export function blockBootstrap(blocks: Blocks, rng: Rng, resamples: number): BootstrapResult | null {
  const all = blocks.flat();
  if (all.length === 0) return null;
  const k = blocks.length;
  const means: number[] = [];
  const medians: number[] = [];
  const pooled: number[] = [];
  for (let r = 0; r < resamples; r++) {
    pooled.length = 0;
    for (let j = 0; j < k; j++) {
      const block = blocks[rng.int(0, k - 1)]!;
      for (const x of block) pooled.push(x);
    }
    if (pooled.length === 0) continue; // every drawn block was empty
    means.push(mean(pooled));
    medians.push(median(pooled));
  }
  means.sort((a, b) => a - b);
  medians.sort((a, b) => a - b);
  return { n: all.length, mean: mean(all), median: median(all), meanCi: percentileCi(means), medianCi: percentileCi(medians), resamples: means.length };
}

/** Mean over sample standard deviation (null below two values or with zero spread). */
export function sharpe(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const sd = sampleStandardDeviation([...xs]);
  return sd > 0 ? mean([...xs]) / sd : null;
}

/** Mean of the worst `alpha` share of values (at least one value). */
export function cvar(xs: readonly number[], alpha = 0.05): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const k = Math.max(1, Math.ceil(alpha * sorted.length));
  return mean(sorted.slice(0, k));
}

/** Largest fall of the cumulative sum from its running peak (the peak starts at 0). */
export function maxDrawdown(xs: readonly number[]): number {
  let cum = 0;
  let peak = 0;
  let worst = 0;
  for (const x of xs) {
    cum += x;
    if (cum > peak) peak = cum;
    if (peak - cum > worst) worst = peak - cum;
  }
  return worst;
}

export function winRate(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.filter((x) => x > 0).length / xs.length;
}

export function safeMean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : mean([...xs]);
}
