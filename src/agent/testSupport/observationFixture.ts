/**
 * Observations for the agent's and the baselines' tests: a USDC/WETH 0.05% pool (spacing 10,
 * decimals 6/18) at about $2,000, $10k of lane capital, 3 gwei gas, a six-hour horizon of 12-s
 * blocks, and helpers to give the strategy a position, a previous episode, history and intel.
 */
import { getSqrtRatioAtTick } from '../../clmm/TickMath.ts';
import { tickForToken1Price } from '../../clmm/price.ts';
import { createRng } from '../../market/Rng.ts';
import type { RegimeName } from '../../market/types.ts';
import { liquidityForValueUsd, sqrtPriceOfX96 } from '../rangeValue.ts';
import type { IntelEntry, Observation, PreviousEpisode, RangeSpec } from '../types.ts';
import { syntheticTicks } from './syntheticTicks.ts';

export const START_TICK = Math.round(tickForToken1Price(2000, 6, 18) / 10) * 10;
export const HORIZON_BLOCKS = 1800;

export function baseObservation(overrides: Partial<Observation> = {}): Observation {
  const tick = overrides.pool?.tick ?? START_TICK;
  return {
    episodeIndex: 0,
    laneStep: 0,
    pool: { sqrtPriceX96: getSqrtRatioAtTick(tick), tick, liquidity: 15_000_000_000_000_000_000n, fee: 500, tickSpacing: 10, decimals0: 6, decimals1: 18 },
    holdings: { ranges: [], idle0: 5_000_000_000n, idle1: 2_500_000_000_000_000_000n, valueUsd: 10_000, uncollectedFeesUsd: 0 },
    observedTicks: new Float64Array(0),
    blockSeconds: 12,
    gasGwei: 3,
    ethUsd: 2000,
    horizonSeconds: 21_600,
    capitalUsd: 10_000,
    previous: null,
    episodesSinceAction: Number.POSITIVE_INFINITY,
    intel: {},
    ...overrides,
  };
}

/** Moves the pool to `tick` (exact sqrt price of the tick). */
export function atTick(obs: Observation, tick: number): Observation {
  return { ...obs, pool: { ...obs.pool, tick, sqrtPriceX96: getSqrtRatioAtTick(tick) } };
}

/** Holds `valueUsd` (default the holdings' value) of liquidity in `range`, nothing idle. */
export function withPosition(obs: Observation, range: RangeSpec, valueUsd = obs.holdings.valueUsd): Observation {
  const liquidity = liquidityForValueUsd(valueUsd, { range, sqrtPrice: sqrtPriceOfX96(obs.pool.sqrtPriceX96), decimals0: obs.pool.decimals0 });
  return {
    ...obs,
    holdings: { ranges: [{ ...range, liquidity: BigInt(Math.floor(liquidity)) }], idle0: 0n, idle1: 0n, valueUsd, uncollectedFeesUsd: 0 },
    laneStep: Math.max(1, obs.laneStep),
    episodesSinceAction: Number.isFinite(obs.episodesSinceAction) ? obs.episodesSinceAction : 1,
  };
}

export function centredOn(tick: number, width: number): RangeSpec {
  return { tickLower: tick - width / 2, tickUpper: tick + width / 2 };
}

export function previousEpisode(overrides: Partial<PreviousEpisode> = {}): PreviousEpisode {
  return {
    action: 'hold',
    ruleFired: 'hold_regime_ok',
    widthTicks: 1200,
    pnlUsd: 5,
    feesUsd: 6,
    gasUsd: 0,
    outOfRangePct: 20,
    alphaUsd: 1,
    regimeEstimate: 'mid',
    ...overrides,
  };
}

export function withPrevious(obs: Observation, prev: Partial<PreviousEpisode> = {}, episodesSinceAction = 2): Observation {
  return { ...obs, previous: previousEpisode(prev), episodesSinceAction, laneStep: Math.max(1, obs.laneStep) };
}

/** One horizon of synthetic history in `regime`, ending at the pool's current tick. */
export function withHistory(obs: Observation, regime: RegimeName, seed = 1): Observation {
  const ticks = syntheticTicks({ regime, rng: createRng(seed).fork(regime), blocks: HORIZON_BLOCKS, startTick: 0 });
  const shift = obs.pool.tick - ticks[ticks.length - 1]!;
  return { ...obs, observedTicks: ticks.map((t) => t + shift) };
}

export function withIntel(obs: Observation, intel: Record<string, IntelEntry>): Observation {
  return { ...obs, intel: { ...obs.intel, ...intel } };
}
