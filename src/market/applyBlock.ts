/**
 * One block of the exogenous market on one pool copy: the arbitrageur first (MF §6.1), then the
 * block's noise swaps in order, each wrapped by a JIT LP when the episode says so. Every strategy's
 * pool copy runs this for every block with the same `EpisodeMarket`, so the flow is identical
 * (common random numbers) while each copy's prices and fills follow its own state.
 *
 * This is the hot path (≈8 copies × 1,800 blocks per episode): no per-block arrays or closures of its
 * own, positional calls into the arbitrageur, and the only allocations are the engine's per swap.
 * A noise swap is an exact input with the extreme price limit; one the engine rejects (e.g. SPL when
 * the price sits at the limit) is skipped, as a reverted transaction would be.
 */
import type { Pool } from '../clmm/Pool.ts';
import { PoolRevertError } from '../clmm/PoolRevertError.ts';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../clmm/TickMath.ts';
import { arbitrageSwap } from './arbitrage.ts';
import type { MarketConfig } from './marketConfig.ts';
import type { EpisodeMarket, JitEvent } from './types.ts';

const MIN_LIMIT = MIN_SQRT_RATIO + 1n;
const MAX_LIMIT = MAX_SQRT_RATIO - 1n;
const MAX_UINT128 = (1n << 128n) - 1n;
export const JIT_OWNER = 'jit:';
/** JIT liquidity multiples are applied in millionths (integer math on the active liquidity). */
const MULTIPLE_SCALE = 1_000_000;

export interface ApplyBlockParameters {
  pool: Pool;
  market: EpisodeMarket;
  /** Block index within the episode. */
  block: number;
  /** Index of the first trade not yet applied (0 at the episode start). */
  tradeCursor: number;
  config: Pick<MarketConfig, 'arbitrage' | 'pool'>;
  /** When given, counts the engine swap calls made (arbitrage and noise, reverted ones included). */
  stats?: { swaps: number };
}

/** Applies block `block` and returns the cursor of the first trade of a later block. */
export function applyBlock(p: ApplyBlockParameters): number {
  const { pool, market, block, config } = p;
  const stats = p.stats;
  if (config.arbitrage.enabled) {
    const arb = arbitrageSwap(
      pool,
      market.externalSqrtPriceX96[block]!,
      market.externalRawPrice[block]!,
      market.ethUsd[block]!,
      market.gasGwei[block]!,
      config.arbitrage.gasUnits,
      config.pool.decimals1,
    );
    if (arb !== null && stats !== undefined) stats.swaps++;
  }
  const trades = market.trades;
  const n = trades.length;
  let i = p.tradeCursor;
  while (i < n && trades[i]!.block < block) i++; // a caller that skipped blocks does not replay them late
  const start = i;
  const hasJit = market.jit.length > 0;
  while (i < n) {
    const trade = trades[i]!;
    if (trade.block !== block) break;
    const jit = hasJit ? findJit(market.jit, i) : undefined;
    if (jit === undefined) noiseSwap(pool, trade.zeroForOne, trade.amountIn);
    else jitWrappedSwap(pool, trade.zeroForOne, trade.amountIn, jit.liquidityMultiple);
    i++;
  }
  if (stats !== undefined) stats.swaps += i - start;
  return i;
}

function noiseSwap(pool: Pool, zeroForOne: boolean, amountIn: bigint): void {
  try {
    pool.swap({ zeroForOne, amountSpecified: amountIn, sqrtPriceLimitX96: zeroForOne ? MIN_LIMIT : MAX_LIMIT });
  } catch (error) {
    if (!(error instanceof PoolRevertError)) throw error;
  }
}

/**
 * MF §5.3 / §9: the JIT LP mints multiple × active L in the one tick spacing holding the price, the
 * swap runs through it, and the LP burns and collects in the same block.
 */
function jitWrappedSwap(pool: Pool, zeroForOne: boolean, amountIn: bigint, multiple: number): void {
  const spacing = pool.tickSpacing;
  const tickLower = Math.floor(pool.slot0.tick / spacing) * spacing;
  const tickUpper = tickLower + spacing;
  let liquidity = (pool.liquidity * BigInt(Math.round(multiple * MULTIPLE_SCALE))) / BigInt(MULTIPLE_SCALE);
  // both ticks of the range take the JIT liquidity as gross liquidity on top of what they hold
  const room = pool.maxLiquidityPerTick - maxGross(pool, tickLower, tickUpper);
  if (liquidity > room) liquidity = room;
  let minted = false;
  if (liquidity > 0n) {
    try {
      pool.mint({ recipient: JIT_OWNER, tickLower, tickUpper, amount: liquidity });
      minted = true;
    } catch (error) {
      if (!(error instanceof PoolRevertError)) throw error;
    }
  }
  noiseSwap(pool, zeroForOne, amountIn);
  if (minted) {
    pool.burn({ owner: JIT_OWNER, tickLower, tickUpper, amount: liquidity });
    pool.collect({ owner: JIT_OWNER, tickLower, tickUpper, amount0Requested: MAX_UINT128, amount1Requested: MAX_UINT128 });
  }
}

function maxGross(pool: Pool, tickLower: number, tickUpper: number): bigint {
  const a = pool.getTick(tickLower).liquidityGross;
  const b = pool.getTick(tickUpper).liquidityGross;
  return a > b ? a : b;
}

/** The JIT event wrapping trade `tradeIndex` (events are sorted by tradeIndex), by binary search. */
function findJit(events: readonly JitEvent[], tradeIndex: number): JitEvent | undefined {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = events[mid]!.tradeIndex;
    if (at === tradeIndex) return events[mid];
    if (at < tradeIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
