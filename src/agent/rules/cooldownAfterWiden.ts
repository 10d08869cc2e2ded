/**
 * cooldown_after_widen: the previous action was a widen, its alpha is above the loss breaker, and
 * the widen is within the cooldown (episodesSinceAction ≤ cooldown.episodes) → hold, so a widen
 * gets an episode to work before anything else pays gas.
 */
import { hold, type AgentRule } from './agentRule.ts';

export const cooldownAfterWiden: AgentRule = {
  names: ['cooldown_after_widen'],
  evaluate(ctx) {
    const { prev, config } = ctx;
    if (!config.cooldown.afterWiden || prev === null || ctx.current === null) return null;
    if (prev.action !== 'widen' || !(prev.alphaUsd > ctx.lossBreakerUsd)) return null;
    if (ctx.obs.episodesSinceAction > config.cooldown.episodes) return null;
    return hold(ctx, 'cooldown_after_widen');
  },
};
