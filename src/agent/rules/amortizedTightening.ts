/**
 * amortized_tightening_to_<w>: in range now, the previous OOR below tightening.maxPrevOorPct and
 * the range wider than the narrowest allowed width → narrow to the tightest candidate width whose EV
 * gate passes (expected extra fees of the narrower, recentred range over the horizon, net of its
 * lower time in range, against the fee gate). Candidates are the ladder's widths and the floor, never
 * below max(floor, floor × learned width multiplier). Alive this time: the original's version read
 * a field its mock never wrote.
 */
import { act, type AgentRule } from './agentRule.ts';
import { snapWidthUp } from '../widthFloors.ts';

export const amortizedTightening: AgentRule = {
  names: ['amortized_tightening_to_<w>'],
  evaluate(ctx) {
    const { prev, current, config } = ctx;
    if (prev === null || current === null || !ctx.inRangeNow) return null;
    if (!(prev.outOfRangePct < config.tightening.maxPrevOorPct)) return null;
    const spacing = ctx.obs.pool.tickSpacing;
    const narrowest = Math.max(ctx.floor, snapWidthUp(ctx.floor * ctx.learned.widthMultiplier, spacing));
    const widths = new Set<number>([narrowest]);
    for (const w of config.tightening.ladder) if (w >= narrowest) widths.add(snapWidthUp(w, spacing));
    const candidates = [...widths].filter((w) => w < current.widthTicks).sort((a, b) => a - b);
    for (const w of candidates) {
      const narrow = ctx.candidate('narrow', w);
      if (narrow.evGate.kind === 'pass') return act(`amortized_tightening_to_${narrow.widthTicks}`, narrow);
    }
    return null;
  },
};
