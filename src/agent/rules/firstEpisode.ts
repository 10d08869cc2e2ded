/**
 * first_episode: nothing held and never acted (no previous episode, or no gas paid yet) → open with
 * a rebalance at the opening width (after the floor). Not gated, as in the original: without a
 * position there is nothing to learn the fee rate from.
 */
import { act, type AgentRule } from './agentRule.ts';

export const firstEpisode: AgentRule = {
  names: ['first_episode'],
  evaluate(ctx) {
    if (ctx.current !== null) return null;
    if (ctx.prev !== null && Number.isFinite(ctx.obs.episodesSinceAction)) return null;
    return act('first_episode', ctx.candidate('rebalance', ctx.widthAfterFloor, { gated: false }));
  },
};
