/** baseline_tight: the original's `baseline_tight` (see fixedWidthBaseline.ts; settings in agentConfig.baselines.tight). */
import type { BaselineSettings } from '../agentConfig.ts';
import type { Strategy } from '../types.ts';
import { createFixedWidthBaseline } from './fixedWidthBaseline.ts';

export function createBaselineTight(settings: BaselineSettings): Strategy {
  return createFixedWidthBaseline('baseline_tight', settings.tight);
}
