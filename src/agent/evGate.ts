/**
 * The EV gate: a gas-paying action goes through only when the expected extra fees over the horizon
 * (candidate range minus the range held now) reach the fee gate. The gate scales with gas: at the
 * nominal GAS_USD it is FEE_GATE; when the estimated gas is higher it grows in proportion
 * (threshold = FEE_GATE × max(1, gasEstimate / GAS_USD) × learned margin multiplier), which is
 * FEE_GATE_MULT × estimated gas under the default FEE_GATE = FEE_GATE_MULT × GAS_USD.
 * With `netOfLvr`, the compared quantity is extra fees minus extra expected LVR.
 * The result is data (STYLE habit 5): the caller records it in `decision_basis.ev_gate`.
 */
import type { RangeEconomics } from './rangeEconomics.ts';
import type { AgentAction } from './types.ts';

export type EvGateCode =
  | 'ev_above_gate'
  | 'ev_below_gate'
  | 'no_fee_estimate'
  | 'gate_disabled'
  /** The rule acts without the gate (first opening, loss breaker, preemption, floor enforcement, risk close). */
  | 'not_gated'
  /** Nothing to pay for: a hold. The numbers are those of the alternative that was not taken. */
  | 'no_gas_action';

export interface EvGateDecision {
  kind: 'pass' | 'blocked' | 'skipped';
  code: EvGateCode;
  action: AgentAction;
  expectedFeesUsd: number | null;
  currentExpectedFeesUsd: number | null;
  expectedExtraFeesUsd: number | null;
  expectedExtraLvrUsd: number;
  gasUsd: number;
  /** The threshold applied: FEE_GATE scaled by gas and the learned margin multiplier. */
  feeGateUsd: number;
  marginMultiplier: number;
  /** Compared value minus threshold (positive = through); null without a fee estimate. */
  margin: number | null;
}

export interface EvaluateEvGateParams {
  enabled: boolean;
  action: AgentAction;
  candidate: RangeEconomics | null;
  /** The range held now; null when holding none (its expected fees are then 0). */
  current: RangeEconomics | null;
  gasUsd: number;
  nominalGasUsd: number;
  feeGateUsd: number;
  marginMultiplier: number;
  netOfLvr: boolean;
  /** For rules that do not consult the gate: record the numbers with kind 'skipped'. */
  skip?: 'not_gated' | 'no_gas_action';
}

export function evaluateEvGate(p: EvaluateEvGateParams): EvGateDecision {
  const gasScale = p.nominalGasUsd > 0 ? Math.max(1, p.gasUsd / p.nominalGasUsd) : 1;
  const threshold = p.feeGateUsd * gasScale * p.marginMultiplier;
  const candidateFees = p.candidate === null ? 0 : p.candidate.expectedFeesUsd;
  const currentFees = p.current === null ? 0 : p.current.expectedFeesUsd;
  const extraFees = candidateFees === null || currentFees === null ? null : candidateFees - currentFees;
  const extraLvr = (p.candidate?.expectedLvrUsd ?? 0) - (p.current?.expectedLvrUsd ?? 0);
  const compared = extraFees === null ? null : p.netOfLvr ? extraFees - extraLvr : extraFees;
  const margin = compared === null ? null : compared - threshold;
  const numbers = {
    action: p.action,
    expectedFeesUsd: candidateFees,
    currentExpectedFeesUsd: currentFees,
    expectedExtraFeesUsd: extraFees,
    expectedExtraLvrUsd: extraLvr,
    gasUsd: p.gasUsd,
    feeGateUsd: threshold,
    marginMultiplier: p.marginMultiplier,
    margin,
  };
  if (p.skip !== undefined) return { kind: 'skipped', code: p.skip, ...numbers };
  if (!p.enabled) return { kind: 'pass', code: 'gate_disabled', ...numbers };
  if (margin === null) return { kind: 'blocked', code: 'no_fee_estimate', ...numbers };
  return margin >= 0 ? { kind: 'pass', code: 'ev_above_gate', ...numbers } : { kind: 'blocked', code: 'ev_below_gate', ...numbers };
}
