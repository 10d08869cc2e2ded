/**
 * The LP agent: estimates the regime from what it observed, runs the rule cascade (rules/agentRules.ts)
 * and returns the first firing rule's action as a position plan with its decision basis. Its only
 * state is the learning state, changed only by `learn` (the caller decides whether to learn, e.g.
 * not in mock mode unless LEARN_FROM_MOCK=true); `decide` is a pure function of the observation and
 * that state.
 */
import { DEFAULT_AGENT_CONFIG, type AgentConfig } from './agentConfig.ts';
import { buildDecisionBasis } from './buildDecisionBasis.ts';
import { emptyLearningState, updateLearning, withAdjustments, type LearningState } from './learning.ts';
import { buildRuleContext } from './ruleContext.ts';
import { AGENT_RULES } from './rules/agentRules.ts';
import type { RuleOutcome } from './rules/agentRule.ts';
import type { EpisodeOutcome, Observation, PositionPlan, RangeSpec, Strategy, StrategyDecision } from './types.ts';

export interface CreateAgentParams {
  config?: AgentConfig;
  /** A loaded learning state (parseLearningState); empty when absent or null. */
  learning?: LearningState | null;
}

export type Agent = Strategy & {
  learn(outcome: EpisodeOutcome): void;
  learningState(): LearningState;
};

export const AGENT_NAME = 'agent';

export function createAgent(params: CreateAgentParams = {}): Agent {
  const config = params.config ?? DEFAULT_AGENT_CONFIG;
  // Adjustments follow this agent's knobs, whatever knobs wrote the loaded state.
  let state = withAdjustments(params.learning ?? emptyLearningState(), config.learning);
  return {
    name: AGENT_NAME,
    decide(obs: Observation): StrategyDecision {
      return decideWith(obs, config, state);
    },
    learn(outcome: EpisodeOutcome): void {
      state = updateLearning(state, outcome, config.learning);
    },
    learningState(): LearningState {
      return state;
    },
  };
}

function decideWith(obs: Observation, config: AgentConfig, learning: LearningState): StrategyDecision {
  const ctx = buildRuleContext({ obs, config, learning });
  const passedOver: string[] = [];
  let outcome: RuleOutcome | null = null;
  for (const rule of AGENT_RULES) {
    outcome = rule.evaluate(ctx);
    if (outcome !== null) break;
    passedOver.push(rule.names[0]!);
  }
  if (outcome === null) throw new Error('agent cascade: the default rule did not fire'); // unreachable: holdDefault always fires

  let plan: PositionPlan;
  let rangeAfter: RangeSpec | null;
  if (outcome.action === 'hold') {
    plan = { keep: true, ranges: [], swapToRatio: false };
    rangeAfter = ctx.current?.range ?? null;
  } else if (outcome.action === 'close') {
    plan = { keep: false, ranges: [], swapToRatio: false };
    rangeAfter = null;
  } else {
    const range = outcome.candidate!.range;
    plan = { keep: false, ranges: [range], swapToRatio: true };
    rangeAfter = range;
  }
  return {
    action: outcome.action,
    plan,
    widthTicks: rangeAfter === null ? 0 : rangeAfter.tickUpper - rangeAfter.tickLower,
    decisionBasis: buildDecisionBasis({ ctx, outcome, passedOver, rangeAfter }),
  };
}
