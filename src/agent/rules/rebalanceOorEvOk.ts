/**
 * rebalance_oor_ev_ok / hold_oor_low_ev (new; the original had no recentring rule for a position
 * that is out of range now without a critical previous episode, nor for re-entering after a close):
 * the price is outside the held range, or nothing is held → recentre at the opening width when the
 * EV gate passes; otherwise hold, recording the blocked gate.
 */
import { act, hold, type AgentRule } from './agentRule.ts';

export const rebalanceOorEvOk: AgentRule = {
  names: ['rebalance_oor_ev_ok', 'hold_oor_low_ev'],
  evaluate(ctx) {
    if (ctx.current !== null && ctx.inRangeNow) return null;
    const rebalance = ctx.candidate('rebalance', ctx.widthAfterFloor);
    if (rebalance.evGate.kind === 'pass') return act('rebalance_oor_ev_ok', rebalance);
    return hold(ctx, 'hold_oor_low_ev', rebalance.evGate);
  },
};
