/**
 * The sim venue's hot loop: the market's blocks [from, to) of one window on one pool copy (arbitrage
 * and noise through market/applyBlock), watching the wallet's positions: the tick after each block,
 * the blocks each position was in range, and the loss-versus-rebalancing of their principal (float
 * sums, a diagnostic, never settlement). Thousands of blocks per call, no allocation per block.
 */
import type { Pool } from '../../clmm/Pool.ts';
import { getSqrtRatioAtTick } from '../../clmm/TickMath.ts';
import { applyBlock } from '../../market/applyBlock.ts';
import type { MarketConfig } from '../../market/marketConfig.ts';
import type { EpisodeMarket } from '../../market/types.ts';

export interface RunBlocksParams {
  pool: Pool;
  market: EpisodeMarket;
  config: Pick<MarketConfig, 'arbitrage' | 'pool'>;
  from: number;
  to: number;
  /** Index of the first trade not yet applied. */
  tradeCursor: number;
  ranges: ReadonlyArray<{ tickLower: number; tickUpper: number; liquidity: bigint }>;
}

export interface RunBlocksResult {
  observedTicks: Float64Array;
  blocksInRange: number[];
  lvrUsd: number;
  swaps: number;
  tradeCursor: number;
}

const Q96_FLOAT = 2 ** 96;

export function runBlocks(p: RunBlocksParams): RunBlocksResult {
  const { pool, market, config, ranges } = p;
  const observedTicks = new Float64Array(p.to - p.from);
  const n = ranges.length;
  const lowers = ranges.map((r) => r.tickLower);
  const uppers = ranges.map((r) => r.tickUpper);
  const blocksInRange = new Array<number>(n).fill(0);
  const scale0 = 10 ** config.pool.decimals0;
  const scale1 = 10 ** config.pool.decimals1;
  const liquidities = ranges.map((r) => Number(r.liquidity));
  const sqrtLowers = ranges.map((r) => sqrtRatioFloat(getSqrtRatioAtTick(r.tickLower)));
  const sqrtUppers = ranges.map((r) => sqrtRatioFloat(getSqrtRatioAtTick(r.tickUpper)));
  let prev = principalFloat(sqrtRatioFloat(pool.slot0.sqrtPriceX96), liquidities, sqrtLowers, sqrtUppers);
  let lvrUsd = 0;
  let cursor = p.tradeCursor;
  const stats = { swaps: 0 };
  for (let b = p.from; b < p.to; b++) {
    cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config, stats });
    const tick = pool.slot0.tick;
    observedTicks[b - p.from] = tick;
    for (let j = 0; j < n; j++) if (tick >= lowers[j]! && tick < uppers[j]!) blocksInRange[j]!++;
    if (n > 0) {
      const now = principalFloat(sqrtRatioFloat(pool.slot0.sqrtPriceX96), liquidities, sqrtLowers, sqrtUppers);
      lvrUsd += (prev.x - now.x) / scale0 + ((prev.y - now.y) / scale1) * market.ethUsd[b]!;
      prev = now;
    }
  }
  return { observedTicks, blocksInRange, lvrUsd, swaps: stats.swaps, tradeCursor: cursor };
}

function sqrtRatioFloat(sqrtPriceX96: bigint): number {
  return Number(sqrtPriceX96) / Q96_FLOAT;
}

/** Token amounts of a set of ranges' liquidity at a sqrt price, as floats (for LVR, not settlement). */
function principalFloat(sqrtP: number, liquidities: number[], sqrtLowers: number[], sqrtUppers: number[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let i = 0; i < liquidities.length; i++) {
    const l = liquidities[i]!;
    const a = sqrtLowers[i]!;
    const b = sqrtUppers[i]!;
    const s = sqrtP < a ? a : sqrtP > b ? b : sqrtP;
    x += l * (1 / s - 1 / b);
    y += l * (s - a);
  }
  return { x, y };
}
