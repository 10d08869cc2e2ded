/**
 * baseline_charm, in the style of Charm's Alpha Vault: a base order centred on the price that uses
 * as much of both tokens as possible (no swap), plus a single-sided limit order with the leftover
 * token right next to the price — above it for leftover token0 (a range above the price holds only
 * token0), below it for leftover token1. Rebalances (closing both and placing both again, paying
 * gas) every `periodEpisodes` episodes, or earlier when the price leaves the base order.
 *
 * The executor fills ranges in order with the most liquidity the remaining tokens buy, so the side
 * of the limit order is predicted here from the tokens the strategy will hold after closing
 * (idle + what its ranges return at the current price; uncollected fees, known only in USD, are
 * left out). Leftovers below `minLimitFraction` of the holdings skip the limit order.
 */
import type { BaselineSettings } from '../agentConfig.ts';
import { centeredRange, isInRange, rangeWidth, usableTickBounds } from '../centeredRange.ts';
import { amountsPerLiquidity, sqrtPriceOfX96 } from '../rangeValue.ts';
import type { Observation, RangeSpec, Strategy, StrategyDecision } from '../types.ts';
import { firstHeldRange, holdDecision, isFirstStep, moveDecision } from './baselineDecision.ts';

export interface CharmOrders {
  base: RangeSpec;
  limit: RangeSpec | null;
  side: 'ask' | 'bid' | 'none';
  /** Predicted leftover after the base order, USD. */
  leftoverUsd: number;
}

export function charmOrders(obs: Observation, settings: BaselineSettings['charm']): CharmOrders {
  const spacing = Math.max(1, obs.pool.tickSpacing);
  const tick = obs.pool.tick;
  const base = centeredRange({ tick, widthTicks: settings.baseWidthTicks, tickSpacing: spacing });
  const sqrtPrice = sqrtPriceOfX96(obs.pool.sqrtPriceX96);
  const price = sqrtPrice * sqrtPrice;
  let total0 = Number(obs.holdings.idle0);
  let total1 = Number(obs.holdings.idle1);
  for (const r of obs.holdings.ranges) {
    const per = amountsPerLiquidity(r, sqrtPrice);
    total0 += per.amount0 * Number(r.liquidity);
    total1 += per.amount1 * Number(r.liquidity);
  }
  const per = amountsPerLiquidity(base, sqrtPrice);
  const l0 = per.amount0 > 0 ? total0 / per.amount0 : Infinity;
  const l1 = per.amount1 > 0 ? total1 / per.amount1 : Infinity;
  const liquidity = Math.min(l0, l1);
  const left0 = Number.isFinite(liquidity) ? Math.max(0, total0 - liquidity * per.amount0) : total0;
  const left1 = Number.isFinite(liquidity) ? Math.max(0, total1 - liquidity * per.amount1) : total1;
  const scale = 10 ** obs.pool.decimals0;
  const left0Usd = left0 / scale;
  const left1Usd = left1 / price / scale;
  const totalUsd = total0 / scale + total1 / price / scale;
  const leftoverUsd = left0Usd + left1Usd;
  if (!(totalUsd > 0) || leftoverUsd < settings.minLimitFraction * totalUsd) return { base, limit: null, side: 'none', leftoverUsd };
  const { minTick, maxTick } = usableTickBounds(spacing);
  const floorTick = Math.floor(tick / spacing) * spacing;
  const limitWidth = Math.max(spacing, Math.round(settings.limitWidthTicks / spacing) * spacing);
  if (left0Usd >= left1Usd) {
    const tickLower = floorTick + spacing; // strictly above the price: token0 only
    return { base, limit: { tickLower, tickUpper: Math.min(maxTick, tickLower + limitWidth) }, side: 'ask', leftoverUsd };
  }
  const tickUpper = floorTick; // at or below the price: token1 only
  return { base, limit: { tickLower: Math.max(minTick, tickUpper - limitWidth), tickUpper }, side: 'bid', leftoverUsd };
}

export function createBaselineCharm(settings: BaselineSettings['charm']): Strategy {
  const info = { baseline: 'baseline_charm', base_width_pts: settings.baseWidthTicks, limit_width_pts: settings.limitWidthTicks, period_episodes: settings.periodEpisodes };
  return {
    name: 'baseline_charm',
    decide(obs: Observation): StrategyDecision {
      const place = (rule: string): StrategyDecision => {
        const orders = charmOrders(obs, settings);
        const ranges = orders.limit === null ? [orders.base] : [orders.base, orders.limit];
        return moveDecision({
          obs,
          rule,
          ranges,
          swapToRatio: false,
          extra: { ...info, limit_side: orders.side, limit_range: orders.limit === null ? null : { tick_lower: orders.limit.tickLower, tick_upper: orders.limit.tickUpper }, leftover_usd: orders.leftoverUsd },
        });
      };
      const base = firstHeldRange(obs);
      if (base === null) return isFirstStep(obs) ? place('baseline_open') : holdDecision(obs, 'baseline_no_position', info);
      if (!isInRange(base, obs.pool.tick)) return place('baseline_charm_rebalance_out_of_base');
      if (obs.episodesSinceAction >= settings.periodEpisodes) return place('baseline_charm_rebalance_period');
      return holdDecision(obs, 'baseline_in_range', { ...info, base_width: rangeWidth(base) });
    },
  };
}
