/**
 * The dominance-based refresh planner: given every (query, scope) the scheduler could refresh,
 * what the cache holds, the market signals and the credit budget, it decides which to refresh
 * this cycle and explains each decision. A query is refreshed only when its answer could change
 * what the agent does and a cheaper or more urgent query does not dominate it for the budget.
 * Pure: no I/O, no clock (ages come in with the candidates).
 *
 * Rules, in order (docs/intel.md "Planner rules"):
 *  1. no Dune query id configured → skip;  already in flight → skip (no duplicate refresh).
 *  2. fresh → skip, unless a trigger asks and the entry is older than trigger_min_age_s;
 *     expensive queries ignore episode_start triggers (they follow their TTL, never per episode).
 *  3. P0 → always refreshed when not fresh (first claim on the budget).
 *  4. fees/gas < 5 → P0 only (nothing else can change a decision that gas already blocks).
 *  5. P2 risk queries (MEV, toxicity, JIT) → only when a risk score is high (≥ threshold), near
 *     the threshold (its refresh could flip the decision), or a trigger carries a pending action;
 *     otherwise skipped whatever max_priority says.
 *  6. priority above max_priority (default P1) → skip.
 *  7. jump rate > 0.8 → volatility/regime queries first, no expensive query;
 *     fees/gas > 20 and jump rate < 0.5 → liquidity_depth and dynamic_fee_analysis first.
 *  8. expensive queries: at most max_expensive per cycle (default 1; 0 under high churn or high gas).
 *  9. budget: in order (boosted, priority, cost, key), admit while the estimates fit what is left today.
 * 10. a query whose dependency is missing or too old and not refreshed in this plan waits.
 */
import type { Quality } from '../cache/quality.ts';
import { COST_RANK, priorityRank, type CostClass, type Priority } from '../registry.ts';

export interface PlanTrigger {
  reason: string;
  priority: Priority;
  /** e.g. a pending agent action that the answer could change */
  pending_action?: string;
}

export interface PlanCandidate {
  key: string;
  query: string;
  scope_id: string;
  priority: Priority;
  cost_class: CostClass;
  ttl_s: number;
  quality: Quality;
  age_s: number | null;
  in_flight: boolean;
  has_query_id: boolean;
  risk: boolean;
  triggers: PlanTrigger[];
  /** The dependency entries for the same scope family, with their quality. */
  deps: Array<{ query: string; key: string; quality: Quality }>;
  /** Risk scores cached for this candidate's pool (toxicity_score, mev_risk_score). */
  risk_scores?: { toxicity?: number | null; mev?: number | null };
  /** Estimated credits of one refresh. */
  estimate: number;
}

export interface PlanSignals {
  /** Median hourly pool fees / median gas per LP action. */
  fees_to_gas?: number | null;
  jump_rate?: number | null;
  high_gas?: boolean;
  high_churn?: boolean;
}

export interface PlannerOptions {
  max_priority: Priority;
  max_expensive: number;
  risk_threshold: number;
  /** |score - threshold| within this margin: the answer could flip a decision. */
  risk_margin: number;
  /** A trigger does not refresh an entry younger than this (debounces bursts). */
  trigger_min_age_s: number;
}

export const DEFAULT_PLANNER_OPTIONS: PlannerOptions = { max_priority: 'P1', max_expensive: 1, risk_threshold: 0.5, risk_margin: 0.1, trigger_min_age_s: 60 };

export interface PlanDecision {
  key: string;
  query: string;
  scope_id: string;
  priority: Priority;
  cost_class: CostClass;
  action: 'refresh' | 'skip';
  reason: string;
  estimate: number;
}

export interface Plan {
  /** One decision per candidate, refreshes first in execution order, then skips. */
  decisions: PlanDecision[];
  refresh: PlanDecision[];
  max_expensive: number;
  mode: 'normal' | 'p0_only';
  notes: string[];
  estimated_credits: number;
}

const VOL_QUERIES = new Set(['realized_vol_jumps', 'regime_frequencies']);
const CALM_QUERIES = new Set(['liquidity_depth', 'dynamic_fee_analysis']);

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

export function planRefresh(input: { candidates: PlanCandidate[]; signals: PlanSignals; budget: { remaining: number }; options?: Partial<PlannerOptions> }): Plan {
  const o = { ...DEFAULT_PLANNER_OPTIONS, ...input.options };
  const s = input.signals;
  const notes: string[] = [];
  const feesToGas = s.fees_to_gas ?? null;
  const jump = s.jump_rate ?? null;
  const p0Only = feesToGas !== null && feesToGas < 5;
  const jumpy = jump !== null && jump > 0.8;
  const calmRich = feesToGas !== null && feesToGas > 20 && jump !== null && jump < 0.5;
  let maxExpensive = o.max_expensive;
  if (s.high_churn) {
    maxExpensive = 0;
    notes.push('high churn: no expensive query this cycle');
  }
  if (s.high_gas) {
    maxExpensive = 0;
    notes.push('high gas: no expensive query this cycle');
  }
  if (jumpy) {
    maxExpensive = 0;
    notes.push(`jump rate ${fmt(jump!)} > 0.8: volatility and regime queries first, expensive ones dropped`);
  }
  if (p0Only) notes.push(`fees/gas ${fmt(feesToGas!)} < 5: P0 only`);
  if (calmRich) notes.push(`fees/gas ${fmt(feesToGas!)} > 20 and jump rate ${fmt(jump!)} < 0.5: liquidity_depth and dynamic_fee_analysis first`);

  const skip = new Map<string, PlanDecision>();
  const eligible: Array<{ c: PlanCandidate; reason: string; boosted: boolean }> = [];
  const decide = (c: PlanCandidate, action: 'refresh' | 'skip', reason: string): PlanDecision => ({ key: c.key, query: c.query, scope_id: c.scope_id, priority: c.priority, cost_class: c.cost_class, action, reason, estimate: c.estimate });

  for (const c of input.candidates) {
    if (!c.has_query_id) {
      skip.set(c.key, decide(c, 'skip', `no Dune query id configured for ${c.query} (query_ids.json or DUNE_QUERY_IDS)`));
      continue;
    }
    if (c.in_flight) {
      skip.set(c.key, decide(c, 'skip', 'already in flight: no duplicate refresh'));
      continue;
    }
    const triggers = c.cost_class === 'expensive' ? c.triggers.filter((t) => t.reason !== 'episode_start') : c.triggers;
    const triggered = triggers.length > 0;
    const ageText = c.age_s === null ? 'no data' : `age ${c.age_s}s`;
    if (c.quality === 'fresh') {
      if (!triggered) {
        const why = c.triggers.length > 0 ? `fresh (${ageText} ≤ ttl ${c.ttl_s}s); expensive queries follow their TTL, not episodes` : `fresh (${ageText} ≤ ttl ${c.ttl_s}s)`;
        skip.set(c.key, decide(c, 'skip', why));
        continue;
      }
      if (c.age_s !== null && c.age_s < o.trigger_min_age_s) {
        skip.set(c.key, decide(c, 'skip', `fresh and refreshed ${c.age_s}s ago: trigger ${triggers[0]!.reason} debounced (< ${o.trigger_min_age_s}s)`));
        continue;
      }
    }
    const why = c.quality === 'fresh' ? `trigger ${triggers.map((t) => t.reason).join('+')}` : `${c.quality} (${ageText}, ttl ${c.ttl_s}s)`;
    if (c.priority === 'P0') {
      eligible.push({ c, reason: `P0: always refreshed when not fresh; ${why}`, boosted: true });
      continue;
    }
    if (p0Only) {
      skip.set(c.key, decide(c, 'skip', `fees/gas ${fmt(feesToGas!)} < 5: only P0 can change a decision`));
      continue;
    }
    if (c.risk) {
      const scores = [c.risk_scores?.toxicity, c.risk_scores?.mev].filter((x): x is number => typeof x === 'number');
      const high = scores.find((x) => x >= o.risk_threshold);
      const near = scores.find((x) => Math.abs(x - o.risk_threshold) <= o.risk_margin);
      const pending = triggers.find((t) => t.pending_action !== undefined);
      if (high !== undefined) eligible.push({ c, reason: `risk signal high (${fmt(high)} ≥ ${o.risk_threshold}); ${why}`, boosted: false });
      else if (near !== undefined) eligible.push({ c, reason: `risk score ${fmt(near)} near the ${o.risk_threshold} threshold: its answer could change the decision; ${why}`, boosted: false });
      else if (pending !== undefined) eligible.push({ c, reason: `pending ${pending.pending_action}: the risk answer could change the decision; ${why}`, boosted: false });
      else skip.set(c.key, decide(c, 'skip', scores.length === 0 ? `${c.priority} risk query: no risk signal and no pending decision` : `${c.priority} risk query: risk signals low (${scores.map(fmt).join(', ')} < ${o.risk_threshold - o.risk_margin})`));
      continue;
    }
    if (priorityRank(c.priority) > priorityRank(o.max_priority)) {
      skip.set(c.key, decide(c, 'skip', `${c.priority} above max_priority ${o.max_priority}`));
      continue;
    }
    const boosted = (jumpy && VOL_QUERIES.has(c.query)) || (calmRich && CALM_QUERIES.has(c.query));
    eligible.push({ c, reason: boosted ? `${jumpy && VOL_QUERIES.has(c.query) ? 'jump rate > 0.8: regime query first' : 'calm and fee-rich: can change the width'}; ${why}` : why, boosted });
  }

  // order: P0 first, then boosted, then priority, cost, key (deterministic)
  eligible.sort(
    (a, b) =>
      Number(b.c.priority === 'P0') - Number(a.c.priority === 'P0') ||
      Number(b.boosted) - Number(a.boosted) ||
      priorityRank(a.c.priority) - priorityRank(b.c.priority) ||
      COST_RANK[a.c.cost_class] - COST_RANK[b.c.cost_class] ||
      (a.c.key < b.c.key ? -1 : a.c.key > b.c.key ? 1 : 0),
  );

  let admitted: Array<{ c: PlanCandidate; reason: string }> = [];
  let expensive = 0;
  let spent = 0;
  for (const e of eligible) {
    if (e.c.cost_class === 'expensive' && expensive >= maxExpensive) {
      skip.set(e.c.key, decide(e.c, 'skip', maxExpensive === 0 ? `expensive queries off this cycle (${notes.find((n) => n.includes('expensive')) ?? 'max_expensive 0'})` : `max_expensive ${maxExpensive} reached this cycle`));
      continue;
    }
    if (spent + e.c.estimate > input.budget.remaining) {
      skip.set(e.c.key, decide(e.c, 'skip', `daily credit budget: needs ~${fmt(e.c.estimate)}, ${fmt(Math.max(0, input.budget.remaining - spent))} left`));
      continue;
    }
    if (e.c.cost_class === 'expensive') expensive += 1;
    spent += e.c.estimate;
    admitted.push(e);
  }

  // a dependent waits while a dependency is missing/too old and not refreshed in this plan
  for (let changed = true; changed; ) {
    changed = false;
    const keys = new Set(admitted.map((a) => a.c.key));
    const next: typeof admitted = [];
    for (const a of admitted) {
      const blocker = a.c.deps.find((d) => (d.quality === 'missing' || d.quality === 'too_old') && !keys.has(d.key));
      if (blocker !== undefined) {
        skip.set(a.c.key, decide(a.c, 'skip', `dependency ${blocker.query} is ${blocker.quality} and not refreshed this cycle`));
        spent -= a.c.estimate;
        changed = true;
      } else next.push(a);
    }
    admitted = next;
  }

  // execution order: dependencies before dependents, otherwise the admission order
  const ordered: typeof admitted = [];
  const placed = new Set<string>();
  const byKey = new Map(admitted.map((a) => [a.c.key, a]));
  const place = (a: (typeof admitted)[number]): void => {
    if (placed.has(a.c.key)) return;
    placed.add(a.c.key);
    for (const d of a.c.deps) {
      const dep = byKey.get(d.key);
      if (dep !== undefined) place(dep);
    }
    ordered.push(a);
  };
  admitted.forEach(place);

  const refresh = ordered.map((a) => decide(a.c, 'refresh', a.reason));
  const skips = input.candidates.filter((c) => skip.has(c.key)).map((c) => skip.get(c.key)!);
  return { decisions: [...refresh, ...skips], refresh, max_expensive: maxExpensive, mode: p0Only ? 'p0_only' : 'normal', notes, estimated_credits: spent };
}
