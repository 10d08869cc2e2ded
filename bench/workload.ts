/**
 * A seeded, pre-generated benchmark workload for a USDC/WETH-like 0.05% pool (fee 500, spacing 10,
 * ETH near 2,000 USDC, i.e. tick ≈ 200,311): 200 positions of mixed widths, then exact-input swaps
 * with log-normal USD sizes and a mean-reverting direction, with a burn + re-mint of a random
 * position every `churnEvery` swaps. Generation replays the ops through the engine once (untimed)
 * so that state-dependent choices — which positions exist, the current price — are valid, and so
 * the swap-loop statistics of the workload can be reported.
 */
import { Pool } from '../src/clmm/Pool.ts';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from '../src/clmm/TickMath.ts';
import { createRng, type Rng } from '../src/market/Rng.ts';
import { countSwapSteps } from './swapSteps.ts';

export interface SwapOp {
  kind: 'swap';
  zeroForOne: boolean;
  /** Exact input (fee included), in the input token's base units. */
  amountIn: bigint;
}

export interface LiquidityOp {
  kind: 'mint' | 'burn';
  owner: string;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
}

export type Op = SwapOp | LiquidityOp;

export interface WorkloadConfig {
  seed: number;
  swaps: number;
  positions: number;
  /** A burn and a mint happen after every `churnEvery` swaps. */
  churnEvery: number;
  /** Median swap size in USD and the log-normal sigma. */
  swapMedianUsd: number;
  swapSigma: number;
  /** Swaps are capped at this multiple of the median (large orders get split by routers). */
  swapCapMultiple: number;
  /** Starting ETH price in USDC. */
  startEthUsd: number;
  /** Median position size in USD (log-normal, sigma 1.3); the base full-range position is 40x this. */
  positionMedianUsd: number;
}

export const DEFAULT_CONFIG: WorkloadConfig = { seed: 20240105, swaps: 100_000, positions: 200, churnEvery: 100, swapMedianUsd: 90_000, swapSigma: 1.2, swapCapMultiple: 20, startEthUsd: 2000, positionMedianUsd: 100_000 };

export interface WorkloadStats {
  swaps: number;
  mints: number;
  burns: number;
  meanSteps: number;
  meanCrossings: number;
  /** Share of swaps that crossed at least one initialized tick. */
  crossingShare: number;
  maxSteps: number;
  /** Mean |tick change| per swap. */
  meanTickMove: number;
  swapUsdQuantiles: { p10: number; p50: number; p90: number; p99: number; mean: number };
  tickRange: { min: number; max: number; start: number; end: number };
  initializedTicksEnd: number;
}

export interface Workload {
  config: WorkloadConfig;
  fee: number;
  tickSpacing: number;
  initialSqrtPriceX96: bigint;
  /** Mints establishing the initial positions (applied before timing). */
  setup: LiquidityOp[];
  /** The timed operations. */
  ops: Op[];
  stats: WorkloadStats;
}

const FEE = 500;
const SPACING = 10;
const FULL_RANGE_LOWER = Math.ceil(MIN_TICK / SPACING) * SPACING;
const FULL_RANGE_UPPER = Math.floor(MAX_TICK / SPACING) * SPACING;
/** How strongly the swap direction leans back toward the (slowly drifting) anchor tick. */
const REVERSION_TICKS = 400;

/** floor(sqrt(n)) for a bigint, by Newton's method. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n) {
      while ((x + 1n) * (x + 1n) <= n) x++;
      return x;
    }
    x = y;
  }
}

/** sqrtPriceX96 for an ETH price in USDC (token0 = USDC 6 dec, token1 = WETH 18 dec). */
export function sqrtPriceForEthUsd(ethUsd: number): bigint {
  // raw price = wei per USDC unit = 1e12 / ethUsd; scaled by 1e6 for precision, then by 2^192
  const rawTimes1e6 = BigInt(Math.round((1e18 / ethUsd)));
  return isqrt((rawTimes1e6 << 192n) / 1_000_000n);
}

/** Raw price (wei per USDC unit) at a tick. */
function rawPrice(tick: number): number {
  return Math.pow(1.0001, tick);
}

/** Liquidity worth about `usd` in [lower, upper) at `tick`, from the v3 amount formulas in floating point. */
function liquidityForUsd(usd: number, tick: number, lower: number, upper: number): bigint {
  const p = rawPrice(tick);
  const sa = Math.sqrt(rawPrice(lower));
  const sb = Math.sqrt(rawPrice(upper));
  const s = Math.min(Math.max(Math.sqrt(p), sa), sb);
  // value in USDC units per unit of L: token0 part + token1 part converted at p
  const perL = (1 / s - 1 / sb) + (s - sa) / p;
  return BigInt(Math.max(1, Math.floor((usd * 1e6) / perL)));
}

type Width = 'narrow' | 'medium' | 'wide' | 'full';

function drawWidth(rng: Rng): Width {
  const u = rng.nextFloat();
  return u < 0.35 ? 'narrow' : u < 0.7 ? 'medium' : u < 0.95 ? 'wide' : 'full';
}

/** A position around the current tick: half-width log-uniform within its class, centre jittered. */
function drawPosition(rng: Rng, tick: number, owner: string, medianUsd: number): LiquidityOp {
  const width = drawWidth(rng);
  const usd = Math.exp(Math.log(medianUsd) + 1.3 * rng.normal());
  if (width === 'full') {
    return { kind: 'mint', owner, tickLower: FULL_RANGE_LOWER, tickUpper: FULL_RANGE_UPPER, liquidity: liquidityForUsd(usd, tick, FULL_RANGE_LOWER, FULL_RANGE_UPPER) };
  }
  const [lo, hi] = width === 'narrow' ? [10, 60] : width === 'medium' ? [60, 600] : [600, 6000];
  const half = Math.exp(Math.log(lo) + rng.nextFloat() * Math.log(hi / lo));
  const centre = tick + rng.normal() * half * 0.5;
  const tickLower = Math.floor((centre - half) / SPACING) * SPACING;
  const tickUpper = Math.max(tickLower + SPACING, Math.round((centre + half) / SPACING) * SPACING);
  return { kind: 'mint', owner, tickLower, tickUpper, liquidity: liquidityForUsd(usd, tick, tickLower, tickUpper) };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Builds the workload; deterministic in `config`. */
export function generateWorkload(config: WorkloadConfig = DEFAULT_CONFIG): Workload {
  const rng = createRng(config.seed);
  const positionRng = rng.fork('positions');
  const swapRng = rng.fork('swaps');
  const churnRng = rng.fork('churn');

  const initialSqrtPriceX96 = sqrtPriceForEthUsd(config.startEthUsd);
  const pool = new Pool({ fee: FEE });
  pool.initialize(initialSqrtPriceX96);
  const startTick = pool.slot0.tick;

  // one full-range position first, so the pool always has liquidity at any price
  const setup: LiquidityOp[] = [];
  let nextOwner = 0;
  const live: LiquidityOp[] = [];
  const addPosition = (op: LiquidityOp, into: Op[] | LiquidityOp[]): void => {
    pool.mint({ recipient: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.liquidity });
    into.push(op);
    live.push(op);
  };
  addPosition({ kind: 'mint', owner: `lp${nextOwner++}`, tickLower: FULL_RANGE_LOWER, tickUpper: FULL_RANGE_UPPER, liquidity: liquidityForUsd(40 * config.positionMedianUsd, startTick, FULL_RANGE_LOWER, FULL_RANGE_UPPER) }, setup);
  while (live.length < config.positions) addPosition(drawPosition(positionRng, startTick, `lp${nextOwner++}`, config.positionMedianUsd), setup);

  const ops: Op[] = [];
  let initialized = pool.initializedTicks();
  let anchor = startTick;
  let stepsTotal = 0;
  let crossingsTotal = 0;
  let crossingSwaps = 0;
  let maxSteps = 0;
  let tickMoveTotal = 0;
  let mints = 0;
  let burns = 0;
  let minTick = startTick;
  let maxTick = startTick;
  const usdSizes: number[] = [];

  for (let s = 0; s < config.swaps; s++) {
    const tick = pool.slot0.tick;
    anchor += swapRng.normal() * 2;
    const pDown = Math.min(0.85, Math.max(0.15, 0.5 + (tick - anchor) / (2 * REVERSION_TICKS)));
    const zeroForOne = swapRng.chance(pDown);
    const usd = Math.min(config.swapCapMultiple, Math.exp(config.swapSigma * swapRng.normal())) * config.swapMedianUsd;
    usdSizes.push(usd);
    const ethUsd = 1e12 / rawPrice(tick);
    const amountIn = zeroForOne ? BigInt(Math.max(1, Math.round(usd * 1e6))) : BigInt(Math.max(1, Math.round((usd / ethUsd) * 1e18)));
    const op: SwapOp = { kind: 'swap', zeroForOne, amountIn };
    ops.push(op);
    pool.swap({ zeroForOne, amountSpecified: amountIn, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n });
    const counted = countSwapSteps(initialized, SPACING, zeroForOne, tick, pool.slot0.sqrtPriceX96);
    stepsTotal += counted.steps;
    crossingsTotal += counted.crossings;
    if (counted.crossings > 0) crossingSwaps++;
    maxSteps = Math.max(maxSteps, counted.steps);
    tickMoveTotal += Math.abs(pool.slot0.tick - tick);
    minTick = Math.min(minTick, pool.slot0.tick);
    maxTick = Math.max(maxTick, pool.slot0.tick);

    if ((s + 1) % config.churnEvery === 0) {
      // burn a random position other than the base full-range one, then mint a fresh one at the current price
      const victimIndex = churnRng.int(1, live.length - 1);
      const victim = live[victimIndex]!;
      live.splice(victimIndex, 1);
      const burn: LiquidityOp = { ...victim, kind: 'burn' };
      pool.burn({ owner: burn.owner, tickLower: burn.tickLower, tickUpper: burn.tickUpper, amount: burn.liquidity });
      ops.push(burn);
      burns++;
      addPosition(drawPosition(churnRng, pool.slot0.tick, `lp${nextOwner++}`, config.positionMedianUsd), ops);
      mints++;
      initialized = pool.initializedTicks();
    }
  }

  const sortedUsd = [...usdSizes].sort((a, b) => a - b);
  const stats: WorkloadStats = {
    swaps: config.swaps,
    mints,
    burns,
    meanSteps: stepsTotal / config.swaps,
    meanCrossings: crossingsTotal / config.swaps,
    crossingShare: crossingSwaps / config.swaps,
    maxSteps,
    meanTickMove: tickMoveTotal / config.swaps,
    swapUsdQuantiles: {
      p10: quantile(sortedUsd, 0.1),
      p50: quantile(sortedUsd, 0.5),
      p90: quantile(sortedUsd, 0.9),
      p99: quantile(sortedUsd, 0.99),
      mean: usdSizes.reduce((a, b) => a + b, 0) / usdSizes.length,
    },
    tickRange: { min: minTick, max: maxTick, start: startTick, end: pool.slot0.tick },
    initializedTicksEnd: pool.initializedTicks().length,
  };
  return { config, fee: FEE, tickSpacing: SPACING, initialSqrtPriceX96, setup, ops, stats };
}
