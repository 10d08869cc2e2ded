/**
 * Synthetic pool-tick paths for testing the regime estimator (tests only; the market model proper
 * lives in market/). The external log price follows a regime-specific process per 12-s block; the
 * pool follows it the way arbitrage does, only once the gap exceeds the fee band (5 ticks for a
 * 0.05% pool), and in whole ticks. Parameters are drawn per path from ranges around the market
 * facts (calm 13–20% vol, normal 40–55%, stress 100–150%, 4σ jumps, trends of a few percent).
 */
import type { Rng } from '../../market/Rng.ts';
import type { RegimeName } from '../../market/types.ts';

const LN_TICK = Math.log(1.0001);
const YEAR = 365 * 24 * 3600;

export interface SyntheticPathParams {
  regime: RegimeName;
  rng: Rng;
  blocks: number;
  blockSeconds?: number;
  startTick?: number;
  feeBandTicks?: number;
}

export function syntheticTicks(p: SyntheticPathParams): Float64Array {
  const { rng } = p;
  const dt = p.blockSeconds ?? 12;
  const band = p.feeBandTicks ?? 5;
  const horizon = p.blocks * dt;
  const u = (lo: number, hi: number): number => lo + (hi - lo) * rng.nextFloat();
  let vol: number;
  let kappa = 0;
  let drift = 0;
  let jumpRate = 0;
  let jumpSize = 0;
  switch (p.regime) {
    case 'low': vol = u(0.1, 0.22); break;
    case 'mid': vol = u(0.35, 0.6); break;
    case 'high': vol = u(0.9, 1.5); break;
    case 'mean_revert': vol = u(0.35, 0.7); kappa = Math.LN2 / (u(4, 12) * 60); break;
    case 'jumpy': vol = u(0.3, 0.6); jumpRate = u(4, 12) / horizon; jumpSize = u(0.006, 0.015); break;
    case 'trend_up':
    case 'trend_down': {
      vol = u(0.4, 0.8);
      const move = u(0.04, 0.09) * (p.regime === 'trend_up' ? 1 : -1); // token1 price move over the path
      drift = -move / horizon; // in log raw price (token1 per token0): opposite sign
      break;
    }
  }
  const sigma = vol / Math.sqrt(YEAR);
  const out = new Float64Array(p.blocks);
  const start = p.startTick ?? 200_000;
  let x = 0; // external log raw price relative to start
  let pool = start;
  for (let i = 0; i < p.blocks; i++) {
    x += drift * dt - kappa * x * dt + sigma * Math.sqrt(dt) * rng.normal();
    if (jumpRate > 0 && rng.chance(jumpRate * dt)) x += jumpSize * (rng.chance(0.5) ? 1 : -1) * (0.7 + 0.6 * rng.nextFloat());
    const ext = start + x / LN_TICK;
    if (ext > pool + band) pool = Math.round(ext - band);
    else if (ext < pool - band) pool = Math.round(ext + band);
    out[i] = pool;
  }
  return out;
}
