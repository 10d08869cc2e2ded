/**
 * HB_REGIME_MIX: `name:weight,...` over the seven regimes (the original's contract). Weights whose sum
 * is within 0.01 of 1 are renormalised — the original's calibrated mix
 * `mean_revert:0.49,trend_up:0.36,jumpy:0.14` sums to 0.99 — and anything else is an error naming the
 * offending part, never a silent default.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { Rng } from './Rng.ts';
import { REGIMES, type RegimeName } from './types.ts';

export type RegimeMix = Record<RegimeName, number>;

/** How far from 1 the weights may sum and still be renormalised (DESIGN "Regime mix"). */
export const REGIME_MIX_SUM_TOLERANCE = 0.01;

export class RegimeMixError extends ClmmLabError {
  declare readonly code: 'BAD_REGIME_MIX';
  /** The offending part of the text (or the whole text for empty / bad-sum errors). */
  readonly part: string;

  constructor(part: string, message: string) {
    super('BAD_REGIME_MIX', `regime mix: ${message}`, { details: { part } });
    this.name = 'RegimeMixError';
    this.part = part;
  }
}

const NUMBER = /^\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EXPECTED = `expected name:weight,... over ${REGIMES.join(', ')}`;

export interface ParsedRegimeMix {
  mix: RegimeMix;
  /** True when the weights did not sum to 1 and were divided by their sum. */
  normalised: boolean;
}

export function parseRegimeMix(text: string): ParsedRegimeMix {
  if (typeof text !== 'string' || text.trim() === '') throw new RegimeMixError('', `is empty; ${EXPECTED}`);
  const mix = emptyMix();
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') throw new RegimeMixError(raw, `has an empty entry in "${text}"; ${EXPECTED}`);
    const pieces = part.split(':');
    if (pieces.length !== 2) throw new RegimeMixError(part, `"${part}" is not name:weight; ${EXPECTED}`);
    const name = pieces[0]!.trim();
    const weightText = pieces[1]!.trim();
    if (!(REGIMES as readonly string[]).includes(name)) {
      throw new RegimeMixError(part, `unknown regime "${name}" in "${part}"; known: ${REGIMES.join(', ')}`);
    }
    if (seen.has(name)) throw new RegimeMixError(part, `regime "${name}" appears twice`);
    seen.add(name);
    if (weightText.startsWith('-')) throw new RegimeMixError(part, `negative weight in "${part}"; weights must be >= 0`);
    if (!NUMBER.test(weightText)) throw new RegimeMixError(part, `weight "${weightText}" in "${part}" is not a number`);
    const weight = Number(weightText);
    if (!Number.isFinite(weight)) throw new RegimeMixError(part, `weight "${weightText}" in "${part}" is not a finite number`);
    mix[name as RegimeName] = weight;
  }
  const sum = REGIMES.reduce((s, r) => s + mix[r], 0);
  if (!(Math.abs(sum - 1) <= REGIME_MIX_SUM_TOLERANCE + 1e-12)) {
    throw new RegimeMixError(text, `weights sum to ${round(sum)}, not 1 (within ${REGIME_MIX_SUM_TOLERANCE}) in "${text}"`);
  }
  const normalised = Math.abs(sum - 1) > 1e-9;
  if (normalised) for (const r of REGIMES) mix[r] = mix[r] / sum;
  return { mix, normalised };
}

/** Draws an episode's regime: one uniform draw against the cumulative weights in REGIMES order. */
export function drawRegime(mix: RegimeMix, rng: Rng): RegimeName {
  const u = rng.nextFloat();
  let total = 0;
  for (const r of REGIMES) total += mix[r];
  let cumulative = 0;
  let last: RegimeName | undefined;
  for (const r of REGIMES) {
    const w = mix[r];
    if (!(w > 0)) continue;
    last = r;
    cumulative += w / total;
    if (u < cumulative) return r;
  }
  if (last === undefined) throw new RegimeMixError('', 'has no regime with a positive weight');
  return last; // u within rounding of 1
}

/** `name:weight,...` in REGIMES order, regimes with weight 0 left out, weights to 6 significant digits. */
export function formatRegimeMix(mix: RegimeMix): string {
  return REGIMES.filter((r) => mix[r] > 0)
    .map((r) => `${r}:${round(mix[r])}`)
    .join(',');
}

function round(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function emptyMix(): RegimeMix {
  return { low: 0, mid: 0, high: 0, mean_revert: 0, jumpy: 0, trend_up: 0, trend_down: 0 };
}
