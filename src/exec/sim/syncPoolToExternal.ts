/**
 * Brings a pool copy to the external price at the start of an episode when the two are further apart
 * than the fee band — as happens between two recorded windows of a replay, where the market moved in
 * time the simulation did not see. One exact swap with the external sqrt price as its limit; on the
 * regime model's continuous paths the pool is already within the band and nothing happens.
 */
import type { Pool } from '../../clmm/Pool.ts';
import { PoolRevertError } from '../../clmm/PoolRevertError.ts';
import type { EpisodeMarket } from '../../market/types.ts';

const HUGE_INPUT = (1n << 200n);

export function syncPoolToExternal(params: { pool: Pool; market: EpisodeMarket }): boolean {
  const { pool, market } = params;
  const target = market.externalSqrtPriceX96[0]!;
  const current = pool.slot0.sqrtPriceX96;
  const band = Math.sqrt(1 - pool.fee / 1e6); // sqrt of (1 − fee): the band edge in sqrt-price terms
  const ratio = Number(current) / Number(target);
  if (ratio >= band && ratio <= 1 / band) return false;
  try {
    pool.swap({ zeroForOne: current > target, amountSpecified: HUGE_INPUT, sqrtPriceLimitX96: target });
    return true;
  } catch (error) {
    if (error instanceof PoolRevertError) return false;
    throw error;
  }
}
