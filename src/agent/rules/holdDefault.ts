/**
 * The default branch (the original's rule 7), always fires:
 *  - hold_blocked_width_too_narrow: the held range is narrower than the estimated regime's floor →
 *    widen to the widen target (not gated: the floor is a constraint); with enforceFloorOnHold, and
 *    (floorOnHoldNeedsConfirmation) only when the previous episode's estimate was the same regime;
 *  - else, when the regime says the range is worth keeping (the original's table: low/mid OOR < 80;
 *    mean_revert OOR < 60 and alpha above the breaker; trend alpha > 0 and OOR < 95; jumpy and high
 *    alpha > 0 and OOR < 90): hold_regime_ev_gated when fees < FEE_GATE, alpha above the breaker and
 *    OOR below critical, else hold_regime_ok;
 *  - otherwise hold_low_fees_ev_gate when fees < FEE_GATE and alpha above the breaker, else
 *    hold_default_no_gas_ev.
 */
import { act, hold, type AgentRule } from './agentRule.ts';
import type { RuleContext } from '../ruleContext.ts';

export const holdDefault: AgentRule = {
  names: ['hold_blocked_width_too_narrow', 'hold_regime_ev_gated', 'hold_regime_ok', 'hold_low_fees_ev_gate', 'hold_default_no_gas_ev'],
  evaluate(ctx) {
    const { prev, current, config } = ctx;
    const confirmed = !config.floorOnHoldNeedsConfirmation || prev?.regimeEstimate === ctx.regime.regime;
    if (config.enforceFloorOnHold && confirmed && current !== null && current.widthTicks < ctx.floor) {
      return act('hold_blocked_width_too_narrow', ctx.candidate('widen', ctx.widenTarget, { gated: false }));
    }
    if (prev === null) return hold(ctx, 'hold_default_no_gas_ev');
    const lowFees = prev.feesUsd < config.feeGateUsd;
    const aboveBreaker = prev.alphaUsd > ctx.lossBreakerUsd;
    if (regimeSaysHold(ctx)) {
      return hold(ctx, lowFees && aboveBreaker && prev.outOfRangePct < ctx.oorCritical ? 'hold_regime_ev_gated' : 'hold_regime_ok');
    }
    return hold(ctx, lowFees && aboveBreaker ? 'hold_low_fees_ev_gate' : 'hold_default_no_gas_ev');
  },
};

function regimeSaysHold(ctx: RuleContext): boolean {
  const prev = ctx.prev!;
  const oor = prev.outOfRangePct;
  switch (ctx.regime.regime) {
    case 'low':
    case 'mid':
      return oor < 80;
    case 'mean_revert':
      return oor < 60 && prev.alphaUsd > ctx.lossBreakerUsd;
    case 'trend_up':
    case 'trend_down':
      return prev.alphaUsd > 0 && oor < 95;
    case 'jumpy':
    case 'high':
      return prev.alphaUsd > 0 && oor < 90;
  }
}
