/**
 * cooldown_after_rebalance_low_fees: the previous action recentred (rebalance, or a narrow, which
 * is a recentring too), its alpha is above the loss breaker and its fees were below FEE_GATE, within
 * the cooldown → hold rather than pay gas again on a range that has not had time to earn.
 */
import { hold, type AgentRule } from './agentRule.ts';

export const cooldownAfterRebalanceLowFees: AgentRule = {
  names: ['cooldown_after_rebalance_low_fees'],
  evaluate(ctx) {
    const { prev, config } = ctx;
    if (!config.cooldown.afterRebalanceLowFees || prev === null || ctx.current === null) return null;
    if ((prev.action !== 'rebalance' && prev.action !== 'narrow') || !(prev.alphaUsd > ctx.lossBreakerUsd)) return null;
    if (!(prev.feesUsd < config.feeGateUsd)) return null;
    if (ctx.obs.episodesSinceAction > config.cooldown.episodes) return null;
    return hold(ctx, 'cooldown_after_rebalance_low_fees');
  },
};
