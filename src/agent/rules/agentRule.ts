/**
 * The shape of one rule of the agent's cascade: a name (its `rule_fired`, or the family's prefix)
 * and a pure evaluation that either fires with an outcome or passes (null) to the next rule.
 */
import { evaluateEvGate, type EvGateDecision } from '../evGate.ts';
import { estimateGasCost } from '../gasCostEstimate.ts';
import type { Candidate, RuleContext } from '../ruleContext.ts';
import type { AgentAction } from '../types.ts';

export interface RuleOutcome {
  rule: string;
  action: AgentAction;
  /** The new range and its evaluation for rebalance / widen / narrow; null for hold and close. */
  candidate: Candidate | null;
  evGate: EvGateDecision;
}

export interface AgentRule {
  /** The rule_fired names this rule can produce (for docs and tests). */
  readonly names: readonly string[];
  evaluate(ctx: RuleContext): RuleOutcome | null;
}

/** Fires a range-changing action with its candidate's gate decision. */
export function act(rule: string, candidate: Candidate): RuleOutcome {
  return { rule, action: candidate.action, candidate, evGate: candidate.evGate };
}

/**
 * A hold. Without a gate decision of its own, it records what recentring at the opening width would
 * have been expected to bring (kind 'skipped', code 'no_gas_action'), so every hold shows the EV it passed up.
 */
export function hold(ctx: RuleContext, rule: string, evGate?: EvGateDecision): RuleOutcome {
  if (evGate !== undefined) return { rule, action: 'hold', candidate: null, evGate };
  const alternative = ctx.candidate('rebalance', ctx.widthAfterFloor);
  return { rule, action: 'hold', candidate: null, evGate: { ...alternative.evGate, kind: 'skipped', code: 'no_gas_action' } };
}

/** Closes every position into idle tokens (no swap). */
export function close(ctx: RuleContext, rule: string): RuleOutcome {
  const gas = estimateGasCost({ action: 'close', gasGwei: ctx.obs.gasGwei, ethUsd: ctx.obs.ethUsd, config: ctx.config, intel: ctx.intel });
  const evGate = evaluateEvGate({
    enabled: ctx.config.evGateEnabled,
    action: 'close',
    candidate: null,
    current: ctx.currentEconomics,
    gasUsd: gas.gasUsd,
    nominalGasUsd: ctx.config.gasUsd,
    feeGateUsd: ctx.config.feeGateUsd,
    marginMultiplier: ctx.learned.gateMarginMultiplier,
    netOfLvr: ctx.config.evNetOfLvr,
    skip: 'not_gated',
  });
  return { rule, action: 'close', candidate: null, evGate };
}
