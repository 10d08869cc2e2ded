/**
 * close_risk_intel (new; the original read no intel): fresh mev_risk or toxic_flow_index intel with
 * a score ≥ riskClose.minScore → close the position (not gated: a risk exit). With nothing open it
 * stays out: hold_closed_risk_intel. Stale intel never closes a position.
 */
import { close, hold, type AgentRule } from './agentRule.ts';

export const closeRiskIntel: AgentRule = {
  names: ['close_risk_intel', 'hold_closed_risk_intel'],
  evaluate(ctx) {
    const risk = ctx.intel.riskScore;
    if (!ctx.config.riskClose.enabled || risk === null || risk.quality !== 'fresh' || risk.value < ctx.config.riskClose.minScore) return null;
    return ctx.current !== null ? close(ctx, 'close_risk_intel') : hold(ctx, 'hold_closed_risk_intel');
  },
};
