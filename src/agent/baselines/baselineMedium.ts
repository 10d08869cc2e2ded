/** baseline_medium: the original's `baseline_medium` (see fixedWidthBaseline.ts; settings in agentConfig.baselines.medium). */
import type { BaselineSettings } from '../agentConfig.ts';
import type { Strategy } from '../types.ts';
import { createFixedWidthBaseline } from './fixedWidthBaseline.ts';

export function createBaselineMedium(settings: BaselineSettings): Strategy {
  return createFixedWidthBaseline('baseline_medium', settings.medium);
}
