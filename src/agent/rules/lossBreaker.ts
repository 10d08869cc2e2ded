/**
 * loss_breaker_widen / loss_breaker_rebalance: the previous alpha fell to the loss breaker
 * (lossBreakerFraction × lane capital, default −10%, instead of the original's fixed −$1000) →
 * widen when the previous OOR was critical, else recentre. Not gated: a breaker acts.
 */
import { act, type AgentRule } from './agentRule.ts';

export const lossBreaker: AgentRule = {
  names: ['loss_breaker_widen', 'loss_breaker_rebalance'],
  evaluate(ctx) {
    const { prev } = ctx;
    if (prev === null || !(ctx.obs.capitalUsd > 0) || !(prev.alphaUsd <= ctx.lossBreakerUsd)) return null;
    if (prev.outOfRangePct >= ctx.oorCritical) return act('loss_breaker_widen', ctx.candidate('widen', ctx.widenTarget, { gated: false }));
    return act('loss_breaker_rebalance', ctx.candidate('rebalance', ctx.widthAfterFloor, { gated: false }));
  },
};
