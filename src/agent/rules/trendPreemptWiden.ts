/**
 * trend_preempt_widen: estimated trend regime, the previous action was a hold, its OOR was within
 * PREEMPT_MARGIN points below the critical threshold (crit − margin ≤ OOR < crit), its fees were
 * below FEE_GATE and its alpha above the loss breaker → widen before the trend carries the price
 * out for good. Not gated (a risk rule, as in the original).
 */
import { act, type AgentRule } from './agentRule.ts';

export const trendPreemptWiden: AgentRule = {
  names: ['trend_preempt_widen'],
  evaluate(ctx) {
    const { prev, config } = ctx;
    if (prev === null || ctx.current === null) return null;
    if (ctx.regime.regime !== 'trend_up' && ctx.regime.regime !== 'trend_down') return null;
    if (prev.action !== 'hold') return null;
    const oor = prev.outOfRangePct;
    if (!(oor >= ctx.oorCritical - config.preemptMargin && oor < ctx.oorCritical)) return null;
    if (!(prev.feesUsd < config.feeGateUsd) || !(prev.alphaUsd > ctx.lossBreakerUsd)) return null;
    return act('trend_preempt_widen', ctx.candidate('widen', ctx.widenTarget, { gated: false }));
  },
};
