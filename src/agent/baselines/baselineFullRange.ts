/**
 * baseline_full_range: at the first step, swap to ratio and provide liquidity over every usable tick
 * (Uniswap v2 style); then never move. Always in range, never pays gas again.
 */
import { usableTickBounds } from '../centeredRange.ts';
import type { Observation, Strategy, StrategyDecision } from '../types.ts';
import { holdDecision, isFirstStep, moveDecision } from './baselineDecision.ts';

export function createBaselineFullRange(): Strategy {
  const info = { baseline: 'baseline_full_range' };
  return {
    name: 'baseline_full_range',
    decide(obs: Observation): StrategyDecision {
      if (!isFirstStep(obs)) return holdDecision(obs, 'baseline_hold_forever', info);
      const { minTick, maxTick } = usableTickBounds(obs.pool.tickSpacing);
      return moveDecision({ obs, rule: 'baseline_open', ranges: [{ tickLower: minTick, tickUpper: maxTick }], swapToRatio: true, extra: info });
    },
  };
}
