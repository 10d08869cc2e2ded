/** baseline_hold: the original's `baseline_hold` (see fixedWidthBaseline.ts; settings in agentConfig.baselines.hold). */
import type { BaselineSettings } from '../agentConfig.ts';
import type { Strategy } from '../types.ts';
import { createFixedWidthBaseline } from './fixedWidthBaseline.ts';

export function createBaselineHold(settings: BaselineSettings): Strategy {
  return createFixedWidthBaseline('baseline_hold', settings.hold);
}
