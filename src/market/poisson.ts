/**
 * A Poisson draw by inversion: one uniform, then the cumulative probabilities until they pass it.
 * The means in the market model are small (≈1 swap per block, ≈0.001 jumps per block), so this takes
 * one or two steps, needs no rejection loop, and uses a fixed single draw per call.
 */
import type { Rng } from './Rng.ts';

export function poisson(mean: number, rng: Rng): number {
  if (!(mean > 0)) return 0;
  const u = rng.nextFloat();
  let k = 0;
  let term = Math.exp(-mean);
  let cumulative = term;
  // the cap only guards against a cumulative sum that rounds below u for huge means
  while (u > cumulative && k < 10_000) {
    k++;
    term *= mean / k;
    cumulative += term;
  }
  return k;
}
