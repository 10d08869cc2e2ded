/**
 * Per-lane learning state: outcome statistics per estimated regime and per rule, and the bounded
 * adjustments derived from them, which the agent uses.
 *
 * Statistics are counts and sums (rounded to 1e-6 USD / 1e-6 points after each update so the JSON
 * is stable), never means, so that merging is exact addition.
 *
 * Adjustments, per regime, recomputed from the statistics on every update and merge (and by the
 * agent from its own knobs when it starts), each shrunk towards 1 by n / (n + priorEpisodes):
 *  - widthMultiplier ∈ [widthMultiplierMin, widthMultiplierMax] (default [0.75, 1.5]): from the mean
 *    out-of-range share of the episodes that held a range, raw = 1 + sensitivity × (mean OOR −
 *    target) / 100. Too often out of range → wider; almost never → narrower. It scales the width the
 *    agent opens at; the result is then raised to the floor, so learning never undercuts a floor.
 *  - gateMarginMultiplier ∈ [gateMarginMin, gateMarginMax] (default [0.75, 1.5]): from the mean of
 *    fees − gas over episodes that paid gas, raw = 1 − 0.5·tanh(mean / gateScaleUsd). Gas that did
 *    not pay back → a stricter EV gate; gas that paid → a looser one.
 * Per-rule statistics are recorded for reports (which rules earn, which cost).
 *
 * Merge: `mergeLearningStates(states, base)` adds each state's increments over `base` (the state
 * every lane started from; empty by default) to `base`. The states are sorted canonically first, so
 * the result does not depend on the order they are given in.
 */
import { z } from 'zod';
import { REGIMES, type RegimeName } from '../market/types.ts';
import { DEFAULT_AGENT_CONFIG, type LearningKnobs } from './agentConfig.ts';
import { LearningStateError } from './LearningStateError.ts';
import type { EpisodeOutcome } from './types.ts';

export const LEARNING_STATE_VERSION = 1;

export interface OutcomeStats {
  count: number;
  sum_pnl_usd: number;
  sum_alpha_usd: number;
  sum_fees_usd: number;
  sum_gas_usd: number;
  /** Episodes whose action paid gas, and the sum of their fees − gas. */
  paid_count: number;
  sum_paid_net_fees_usd: number;
  /** Episodes that held a range (width > 0), and the sum of their out-of-range percent. */
  held_count: number;
  sum_held_oor_pct: number;
}

export interface RegimeAdjustments {
  width_multiplier: number;
  gate_margin_multiplier: number;
}

export interface LearningState {
  version: typeof LEARNING_STATE_VERSION;
  episodes: number;
  regimes: Record<RegimeName, OutcomeStats>;
  /** Keyed by rule_fired, keys in sorted order. */
  rules: Record<string, OutcomeStats>;
  adjustments: Record<RegimeName, RegimeAdjustments>;
}

const DEFAULT_KNOBS: LearningKnobs = DEFAULT_AGENT_CONFIG.learning;

export function emptyOutcomeStats(): OutcomeStats {
  return { count: 0, sum_pnl_usd: 0, sum_alpha_usd: 0, sum_fees_usd: 0, sum_gas_usd: 0, paid_count: 0, sum_paid_net_fees_usd: 0, held_count: 0, sum_held_oor_pct: 0 };
}

export function emptyLearningState(): LearningState {
  const regimes = {} as Record<RegimeName, OutcomeStats>;
  const adjustments = {} as Record<RegimeName, RegimeAdjustments>;
  for (const r of REGIMES) {
    regimes[r] = emptyOutcomeStats();
    adjustments[r] = { width_multiplier: 1, gate_margin_multiplier: 1 };
  }
  return { version: LEARNING_STATE_VERSION, episodes: 0, regimes, rules: {}, adjustments };
}

/** Returns a new state with the outcome added (the input is not modified). */
export function updateLearning(state: LearningState, outcome: EpisodeOutcome, knobs: LearningKnobs = DEFAULT_KNOBS): LearningState {
  const next = cloneState(state);
  const delta = statsOfOutcome(outcome);
  next.episodes += 1;
  next.regimes[outcome.regimeEstimate] = addStats(next.regimes[outcome.regimeEstimate], delta);
  next.rules = sortedRecord({ ...next.rules, [outcome.ruleFired]: addStats(next.rules[outcome.ruleFired] ?? emptyOutcomeStats(), delta) });
  return withAdjustments(next, knobs);
}

/**
 * The base plus every state's increments over it. States that did not start from `base` (fewer
 * episodes than it in some bucket) are a bad input.
 */
export function mergeLearningStates(states: readonly LearningState[], base: LearningState = emptyLearningState(), knobs: LearningKnobs = DEFAULT_KNOBS): LearningState {
  const ordered = [...states].sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
  let merged = cloneState(base);
  for (const [i, s] of ordered.entries()) {
    if (s.episodes < base.episodes) throw new LearningStateError(`states[${i}].episodes`, `has ${s.episodes} episodes, fewer than the base's ${base.episodes}: it did not start from the base`);
    merged.episodes += s.episodes - base.episodes;
    for (const r of REGIMES) merged.regimes[r] = addStats(merged.regimes[r], subStats(s.regimes[r], base.regimes[r]));
    const rules: Record<string, OutcomeStats> = { ...merged.rules };
    for (const [name, stats] of Object.entries(s.rules)) {
      rules[name] = addStats(rules[name] ?? emptyOutcomeStats(), subStats(stats, base.rules[name] ?? emptyOutcomeStats()));
    }
    merged.rules = sortedRecord(rules);
  }
  merged = withAdjustments(merged, knobs);
  return merged;
}

/** The state with its adjustments recomputed from its statistics under `knobs`. */
export function withAdjustments(state: LearningState, knobs: LearningKnobs = DEFAULT_KNOBS): LearningState {
  const adjustments = {} as Record<RegimeName, RegimeAdjustments>;
  for (const r of REGIMES) adjustments[r] = deriveAdjustments(state.regimes[r], knobs);
  return { ...state, adjustments };
}

export function deriveAdjustments(stats: OutcomeStats, knobs: LearningKnobs): RegimeAdjustments {
  const prior = Math.max(0, knobs.priorEpisodes);
  let width = 1;
  if (stats.held_count > 0) {
    const meanOor = stats.sum_held_oor_pct / stats.held_count;
    const raw = 1 + (knobs.widthSensitivity * (meanOor - knobs.targetOorPct)) / 100;
    width = 1 + (raw - 1) * (stats.held_count / (stats.held_count + prior));
  }
  let gate = 1;
  if (stats.paid_count > 0 && knobs.gateScaleUsd > 0) {
    const meanNet = stats.sum_paid_net_fees_usd / stats.paid_count;
    const raw = 1 - 0.5 * Math.tanh(meanNet / knobs.gateScaleUsd);
    gate = 1 + (raw - 1) * (stats.paid_count / (stats.paid_count + prior));
  }
  return {
    width_multiplier: round6(clamp(width, knobs.widthMultiplierMin, knobs.widthMultiplierMax)),
    gate_margin_multiplier: round6(clamp(gate, knobs.gateMarginMin, knobs.gateMarginMax)),
  };
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const countSchema = z.number().int().nonnegative();
const statsSchema = z
  .object({
    count: countSchema,
    sum_pnl_usd: finite,
    sum_alpha_usd: finite,
    sum_fees_usd: finite,
    sum_gas_usd: finite,
    paid_count: countSchema,
    sum_paid_net_fees_usd: finite,
    held_count: countSchema,
    sum_held_oor_pct: finite,
  })
  .strict();
const multiplier = z.number().positive().max(10);
const adjustmentsSchema = z.object({ width_multiplier: multiplier, gate_margin_multiplier: multiplier }).strict();
/**
 * A learning state as stored (`learning_state.json`, `lanes/<k>/learning_state.json`, or a file
 * given with --learning-state): `schema_version` is the artifact envelope's (written by the run's
 * writer, optional here so a state written before it existed still loads); `version` the state's own.
 */
export const learningStateSchema = z
  .object({
    schema_version: z.literal(1).optional(),
    version: z.literal(LEARNING_STATE_VERSION),
    episodes: countSchema,
    regimes: z.record(z.enum(REGIMES), statsSchema),
    rules: z.record(z.string().regex(/^[a-z0-9_]+$/, 'expected a rule name'), statsSchema),
    adjustments: z.record(z.enum(REGIMES), adjustmentsSchema),
  })
  .strict();

/** Validates a learning state (parsed JSON or its text); throws LearningStateError naming the field. */
export function parseLearningState(input: unknown): LearningState {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (cause) {
      throw new LearningStateError('', 'not valid JSON', { cause });
    }
  }
  const result = learningStateSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new LearningStateError(field, issue.message, { details: { issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) } });
  }
  const { schema_version: _envelope, ...state } = result.data as LearningState & { schema_version?: 1 };
  for (const [key, stats] of [...Object.entries(state.regimes).map(([k, v]) => [`regimes.${k}`, v] as const), ...Object.entries(state.rules).map(([k, v]) => [`rules.${k}`, v] as const)]) {
    if (stats.paid_count > stats.count) throw new LearningStateError(`${key}.paid_count`, `exceeds count (${stats.paid_count} > ${stats.count})`);
    if (stats.held_count > stats.count) throw new LearningStateError(`${key}.held_count`, `exceeds count (${stats.held_count} > ${stats.count})`);
  }
  const regimeTotal = REGIMES.reduce((sum, r) => sum + state.regimes[r].count, 0);
  if (regimeTotal !== state.episodes) throw new LearningStateError('episodes', `is ${state.episodes} but the regimes count ${regimeTotal}`);
  return { ...state, rules: sortedRecord(state.rules) };
}

function statsOfOutcome(o: EpisodeOutcome): OutcomeStats {
  const paid = o.gasUsd > 0;
  const held = o.widthTicks > 0;
  return {
    count: 1,
    sum_pnl_usd: num(o.pnlUsd),
    sum_alpha_usd: num(o.alphaUsd),
    sum_fees_usd: num(o.feesUsd),
    sum_gas_usd: num(o.gasUsd),
    paid_count: paid ? 1 : 0,
    sum_paid_net_fees_usd: paid ? num(o.feesUsd) - num(o.gasUsd) : 0,
    held_count: held ? 1 : 0,
    sum_held_oor_pct: held ? clamp(num(o.outOfRangePct), 0, 100) : 0,
  };
}

function addStats(a: OutcomeStats, b: OutcomeStats): OutcomeStats {
  return combine(a, b, 1);
}

function subStats(a: OutcomeStats, b: OutcomeStats): OutcomeStats {
  return combine(a, b, -1);
}

function combine(a: OutcomeStats, b: OutcomeStats, sign: 1 | -1): OutcomeStats {
  const out = emptyOutcomeStats();
  for (const k of Object.keys(out) as Array<keyof OutcomeStats>) out[k] = micro(a[k] + sign * b[k]);
  return out;
}

function cloneState(s: LearningState): LearningState {
  return JSON.parse(JSON.stringify(s)) as LearningState;
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort(compareStrings)) out[k] = r[k]!;
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sums are kept on a 1e-6 grid: addition on the grid is exact to far below the grid step, so sums do not depend on order. */
function micro(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

function round6(x: number): number {
  return Number(x.toPrecision(6));
}

function num(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
