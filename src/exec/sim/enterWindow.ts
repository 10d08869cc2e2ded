/**
 * What happens to a pool copy when the lane's time arrives at a new window: the pool is brought to
 * the external price if the unseen time moved it out of the fee band, the background LPs recentre on
 * the external price's tick (so every copy gets identical background liquidity whatever its strategy
 * did), and emptied positions are forgotten (JIT and recentred background positions would otherwise
 * pile up).
 */
import type { Pool } from '../../clmm/Pool.ts';
import { getTickAtSqrtRatio } from '../../clmm/TickMath.ts';
import { recenterBackgroundLiquidity } from '../../market/backgroundLiquidity.ts';
import type { MarketConfig } from '../../market/marketConfig.ts';
import type { EpisodeMarket } from '../../market/types.ts';
import { syncPoolToExternal } from './syncPoolToExternal.ts';

export function enterWindow(p: { pool: Pool; market: EpisodeMarket; config: Pick<MarketConfig, 'backgroundLiquidity'> }): void {
  const { pool, market } = p;
  syncPoolToExternal({ pool, market });
  recenterBackgroundLiquidity({ pool, centerTick: getTickAtSqrtRatio(market.externalSqrtPriceX96[0]!), config: p.config });
  pool.pruneEmptyPositions();
}
