/**
 * The cascade, in order; the first rule that fires decides (its name is `rule_fired`). The
 * original's order is kept (cooldowns, trend preemption, loss breaker, critical OOR, tightening,
 * default holds) with the new rules placed where they must win: a risk close before anything that
 * could open, the opening first among the rest, and out-of-range recentring after the critical-OOR
 * widen and before tightening.
 */
import type { AgentRule } from './agentRule.ts';
import { amortizedTightening } from './amortizedTightening.ts';
import { closeRiskIntel } from './closeRiskIntel.ts';
import { cooldownAfterRebalanceLowFees } from './cooldownAfterRebalanceLowFees.ts';
import { cooldownAfterWiden } from './cooldownAfterWiden.ts';
import { firstEpisode } from './firstEpisode.ts';
import { holdDefault } from './holdDefault.ts';
import { lossBreaker } from './lossBreaker.ts';
import { rebalanceOorEvOk } from './rebalanceOorEvOk.ts';
import { trendPreemptWiden } from './trendPreemptWiden.ts';
import { widenOorCritical } from './widenOorCritical.ts';

export const AGENT_RULES: readonly AgentRule[] = [
  closeRiskIntel,
  firstEpisode,
  cooldownAfterWiden,
  cooldownAfterRebalanceLowFees,
  trendPreemptWiden,
  lossBreaker,
  widenOorCritical,
  rebalanceOorEvOk,
  amortizedTightening,
  holdDefault,
];
