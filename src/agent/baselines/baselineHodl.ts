/**
 * baseline_hodl: hold the starting tokens and never touch a pool. The executor gives every strategy
 * the same 50/50 tokens at the start, so this keeps them (plan.keep = true, always, no gas): its PnL
 * is the pure price effect every LP is measured against.
 */
import type { Observation, Strategy, StrategyDecision } from '../types.ts';
import { holdDecision } from './baselineDecision.ts';

export function createBaselineHodl(): Strategy {
  return {
    name: 'baseline_hodl',
    decide(obs: Observation): StrategyDecision {
      return holdDecision(obs, 'baseline_hodl', { baseline: 'baseline_hodl' });
    },
  };
}
