/** baseline_wide: the original's `baseline_wide` (see fixedWidthBaseline.ts; settings in agentConfig.baselines.wide). */
import type { BaselineSettings } from '../agentConfig.ts';
import type { Strategy } from '../types.ts';
import { createFixedWidthBaseline } from './fixedWidthBaseline.ts';

export function createBaselineWide(settings: BaselineSettings): Strategy {
  return createFixedWidthBaseline('baseline_wide', settings.wide);
}
