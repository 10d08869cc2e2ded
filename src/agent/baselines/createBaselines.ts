/**
 * The eight baselines run on every path beside the agent, in BASELINE_KEYS order, each named by its
 * key (`result.json.baselines` keys). All open only at their first step and then move only by their
 * own rule, paying gas for every move; none recentres for free.
 */
import { DEFAULT_AGENT_CONFIG, type AgentConfig } from '../agentConfig.ts';
import type { Strategy } from '../types.ts';
import { createBaselineCharm } from './baselineCharm.ts';
import { createBaselineFullRange } from './baselineFullRange.ts';
import { createBaselineHodl } from './baselineHodl.ts';
import { createBaselineHold } from './baselineHold.ts';
import { createBaselineMedium } from './baselineMedium.ts';
import { createBaselineTight } from './baselineTight.ts';
import { createBaselineVolScaled } from './baselineVolScaled.ts';
import { createBaselineWide } from './baselineWide.ts';

export const BASELINE_KEYS = [
  'baseline_hold',
  'baseline_wide',
  'baseline_medium',
  'baseline_tight',
  'baseline_hodl',
  'baseline_full_range',
  'baseline_charm',
  'baseline_vol_scaled',
] as const;
export type BaselineKey = (typeof BASELINE_KEYS)[number];

export type BaselineStrategy = Strategy & { readonly name: BaselineKey };

export function createBaselines(config: AgentConfig = DEFAULT_AGENT_CONFIG): BaselineStrategy[] {
  const b = config.baselines;
  const all = [
    createBaselineHold(b),
    createBaselineWide(b),
    createBaselineMedium(b),
    createBaselineTight(b),
    createBaselineHodl(),
    createBaselineFullRange(),
    createBaselineCharm(b.charm),
    createBaselineVolScaled(config),
  ];
  return all as BaselineStrategy[];
}
