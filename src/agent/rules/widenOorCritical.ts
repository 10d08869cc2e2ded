/**
 * widen_oor_critical_ev_ok / hold_oor_critical_low_fees: the previous OOR reached the regime's
 * critical threshold → widen (recentred at the widen target) when the EV gate passes, or when the
 * previous alpha is at or below half the loss breaker (the original's −$500 beside its −$1000);
 * otherwise hold, recording the blocked gate.
 */
import { act, hold, type AgentRule } from './agentRule.ts';

export const widenOorCritical: AgentRule = {
  names: ['widen_oor_critical_ev_ok', 'hold_oor_critical_low_fees'],
  evaluate(ctx) {
    const { prev } = ctx;
    if (prev === null || ctx.current === null || !(prev.outOfRangePct >= ctx.oorCritical)) return null;
    const widen = ctx.candidate('widen', ctx.widenTarget);
    const deepLoss = ctx.obs.capitalUsd > 0 && prev.alphaUsd <= 0.5 * ctx.lossBreakerUsd;
    if (widen.evGate.kind === 'pass' || deepLoss) return act('widen_oor_critical_ev_ok', widen);
    return hold(ctx, 'hold_oor_critical_low_fees', widen.evGate);
  },
};
