/**
 * Shared pieces of the baselines' decisions: whether this is the strategy's first step (nothing held
 * and never acted: the only time a baseline opens without its own rule), the position held now, and
 * hold / open / move decisions with a JSON-safe decision basis (`rule_fired` names start with
 * `baseline_`). A hold keeps the positions (no gas, no free recentring); a move pays the executor's gas.
 */
import { isInRange, rangeWidth } from '../centeredRange.ts';
import { jsonSafe } from '../jsonSafe.ts';
import type { AgentAction, DecisionBasis, Observation, RangeSpec, StrategyDecision } from '../types.ts';

export function isFirstStep(obs: Observation): boolean {
  return heldRanges(obs).length === 0 && !Number.isFinite(obs.episodesSinceAction);
}

export function heldRanges(obs: Observation): RangeSpec[] {
  return obs.holdings.ranges.filter((r) => r.liquidity > 0n).map((r) => ({ tickLower: r.tickLower, tickUpper: r.tickUpper }));
}

export function firstHeldRange(obs: Observation): RangeSpec | null {
  return heldRanges(obs)[0] ?? null;
}

function basisOf(rule: string, action: AgentAction, range: RangeSpec | null, obs: Observation, extra: Record<string, unknown>): DecisionBasis {
  const current = firstHeldRange(obs);
  return jsonSafe({
    rule_fired: rule,
    decision: action,
    range: range === null ? null : { tick_lower: range.tickLower, tick_upper: range.tickUpper },
    current_range: current === null ? null : { tick_lower: current.tickLower, tick_upper: current.tickUpper, width: rangeWidth(current) },
    in_range_now: current !== null && isInRange(current, obs.pool.tick),
    pool_tick: obs.pool.tick,
    ...extra,
  }) as DecisionBasis;
}

/** Keep everything as it is. */
export function holdDecision(obs: Observation, rule: string, extra: Record<string, unknown> = {}): StrategyDecision {
  const current = firstHeldRange(obs);
  return { action: 'hold', plan: { keep: true, ranges: [], swapToRatio: false }, widthTicks: current === null ? 0 : rangeWidth(current), decisionBasis: basisOf(rule, 'hold', current, obs, extra) };
}

export interface MoveDecisionParams {
  obs: Observation;
  rule: string;
  ranges: RangeSpec[];
  swapToRatio: boolean;
  extra?: Record<string, unknown>;
}

/** Close what is held and hold `ranges` instead (the first opening is a 'rebalance', as for the agent). */
export function moveDecision(p: MoveDecisionParams): StrategyDecision {
  const first = p.ranges[0]!;
  return {
    action: 'rebalance',
    plan: { keep: false, ranges: p.ranges, swapToRatio: p.swapToRatio },
    widthTicks: rangeWidth(first),
    decisionBasis: basisOf(p.rule, 'rebalance', first, p.obs, { target_width_pts: rangeWidth(first), ...(p.extra ?? {}) }),
  };
}
