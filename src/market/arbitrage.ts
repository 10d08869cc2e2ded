/**
 * The CEX-DEX arbitrageur, first in every block (MF §6.1: 88–98% of searcher swaps are the pool's
 * first in their block). It is where a passive LP's loss-versus-rebalancing comes from.
 *
 * With external raw price S and fee f, no trade is profitable while the pool price P lies in the
 * band [S(1−f), S/(1−f)]: selling token0 into the pool earns P(1−f) token1 per token0, buying it
 * costs P/(1−f). Outside the band a profit-maximising arbitrageur trades until the marginal trade
 * breaks even, i.e. exactly to the band edge. It does so only if the profit beats its gas.
 *
 * The decision uses floats with the active liquidity L as if no tick were crossed (a, b = √P before
 * and at the edge): moving down (selling token0) earns L(a−b)²/a token1; moving up (selling token1)
 * earns L(b−a)²/(a·b²) token0 — the fee on the input is already netted by stopping at the band edge.
 * The trade itself is one exact pool swap: a huge exact input with the band edge as the price limit,
 * so the engine stops exactly at the edge, crossing ticks and paying fees as the contract would.
 */
import type { Pool } from '../clmm/Pool.ts';
import { PoolRevertError } from '../clmm/PoolRevertError.ts';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../clmm/TickMath.ts';
import type { MarketConfig } from './marketConfig.ts';

/** Exact input large enough to reach any price limit; only what reaching the limit needs is paid. */
const HUGE_INPUT = 1n << 200n;
const Q64 = 1n << 64n;
const Q96_FLOAT = 2 ** 96;

/** floor(√(1 − fee) · 2^64) per fee in pips: the band edge factor in sqrt-price terms. */
const edgeFactorByFee = new Map<number, bigint>();

function edgeFactor(feePips: number): bigint {
  let k = edgeFactorByFee.get(feePips);
  if (k === undefined) {
    k = BigInt(Math.floor(Math.sqrt(1 - feePips / 1e6) * 2 ** 64));
    edgeFactorByFee.set(feePips, k);
  }
  return k;
}

/** The band edges as sqrt prices: [√(S(1−f)), √(S/(1−f))], inside the engine's price limits. */
export function arbitrageBand(externalSqrtPriceX96: bigint, feePips: number): { lowerSqrtPriceX96: bigint; upperSqrtPriceX96: bigint } {
  const k = edgeFactor(feePips);
  let lower = (externalSqrtPriceX96 * k) / Q64;
  let upper = (externalSqrtPriceX96 * Q64) / k;
  if (lower <= MIN_SQRT_RATIO) lower = MIN_SQRT_RATIO + 1n;
  if (upper >= MAX_SQRT_RATIO) upper = MAX_SQRT_RATIO - 1n;
  return { lowerSqrtPriceX96: lower, upperSqrtPriceX96: upper };
}

export interface ArbitrageParameters {
  pool: Pool;
  externalSqrtPriceX96: bigint;
  /** External raw price (token1 base units per token0 base unit). */
  externalRawPrice: number;
  /** token1 (ETH) in USD, for the profit and the gas in USD. */
  ethUsd: number;
  /** The block's gas price, gwei. */
  gasGwei: number;
  config: Pick<MarketConfig, 'arbitrage' | 'pool'>;
}

export interface ArbitrageReturnType {
  swapped: boolean;
  /** Pool deltas of the arbitrage swap (+ = into the pool); 0 when it did not trade. */
  amount0: bigint;
  amount1: bigint;
}

export function arbitrage(p: ArbitrageParameters): ArbitrageReturnType {
  const result = arbitrageSwap(p.pool, p.externalSqrtPriceX96, p.externalRawPrice, p.ethUsd, p.gasGwei, p.config.arbitrage.gasUnits, p.config.pool.decimals1);
  return result === null ? { swapped: false, amount0: 0n, amount1: 0n } : { swapped: true, amount0: result.amount0, amount1: result.amount1 };
}

/**
 * The hot-path form (positional, no parameter object): returns the swap's pool deltas, or null when
 * the pool is inside the band or the gap does not pay for the gas.
 */
export function arbitrageSwap(
  pool: Pool,
  externalSqrtPriceX96: bigint,
  externalRawPrice: number,
  ethUsd: number,
  gasGwei: number,
  gasUnits: number,
  decimals1: number,
): { amount0: bigint; amount1: bigint } | null {
  const current = pool.slot0.sqrtPriceX96;
  const k = edgeFactor(pool.fee);
  // pool price above the band: token0 is dear in the pool, sell token0 in (price falls)
  let edge = (externalSqrtPriceX96 * Q64) / k;
  let zeroForOne: boolean;
  if (current > edge) {
    zeroForOne = true;
    if (edge >= MAX_SQRT_RATIO) edge = MAX_SQRT_RATIO - 1n;
  } else {
    edge = (externalSqrtPriceX96 * k) / Q64;
    if (current >= edge) return null; // inside the band
    zeroForOne = false;
    if (edge <= MIN_SQRT_RATIO) edge = MIN_SQRT_RATIO + 1n;
  }
  const gasUsd = gasUnits * gasGwei * 1e-9 * ethUsd;
  if (gasUsd > 0) {
    const liquidity = Number(pool.liquidity);
    const a = Number(current) / Q96_FLOAT;
    const b = Number(edge) / Q96_FLOAT;
    const usdPerToken1 = ethUsd / 10 ** decimals1;
    const profitUsd = zeroForOne
      ? ((liquidity * (a - b) * (a - b)) / a) * usdPerToken1
      : ((liquidity * (b - a) * (b - a)) / (a * b * b)) * externalRawPrice * usdPerToken1;
    if (!(profitUsd > gasUsd)) return null;
  } else if (pool.liquidity === 0n) {
    return null;
  }
  try {
    return pool.swap({ zeroForOne, amountSpecified: HUGE_INPUT, sqrtPriceLimitX96: edge });
  } catch (error) {
    if (error instanceof PoolRevertError) return null;
    throw error;
  }
}
