/**
 * The notes' success criteria, evaluated for each candidate against the reference, one line each:
 * `PASS|FAIL <criterion> <candidate> vs <reference>: <numbers>` (a per-regime criterion is named
 * `<criterion>[<regime>]`). The verdict is PASS when every line passes.
 */
import type { EpisodeMetricsRow } from '../episode/episodeArtifacts.ts';
import type { AgentStats, PairedStats } from './analyze.ts';
import type { Criterion } from './spec.ts';

export interface CriterionResult {
  criterion: string;
  candidate: string;
  reference: string;
  regime: string | null;
  pass: boolean;
  line: string;
}

export interface EvaluateCriteriaParams {
  criteria: Criterion[];
  reference: string;
  candidates: string[];
  variants: Record<string, AgentStats>;
  comparisons: Record<string, { overall: PairedStats | null; by_regime: Record<string, PairedStats | null> }>;
  rows: Record<string, EpisodeMetricsRow[]>;
}

const usd = (x: number | null) => (x === null ? 'n/a' : `${x < 0 ? '-' : x > 0 ? '+' : ''}${Math.abs(x).toFixed(2)}`);
const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);

interface Scoped {
  widen: number | null;
  gas: number | null;
}

function scoped(stats: AgentStats, regime: string | undefined): Scoped {
  if (regime === undefined) return { widen: stats.widen_pct, gas: stats.gas_per_episode_usd };
  const r = stats.by_regime[regime];
  return { widen: r?.widen_pct ?? null, gas: r?.gas_per_episode_usd ?? null };
}

/** Rules by how often they fired, the most frequent first, until they cover `coverage` of the episodes. */
export function dominantRules(rows: EpisodeMetricsRow[], coverage: number): Array<{ rule: string; share: number; contribution: number }> {
  const good = rows.filter((r) => r.status === 'success');
  const by = new Map<string, number[]>();
  for (const r of good) {
    const list = by.get(r.rule_fired ?? 'none') ?? [];
    list.push(r.alpha_usd ?? 0);
    by.set(r.rule_fired ?? 'none', list);
  }
  const ranked = [...by.entries()].map(([rule, alphas]) => ({ rule, share: alphas.length / good.length, contribution: alphas.reduce((a, b) => a + b, 0) / alphas.length })).sort((a, b) => b.share - a.share || (a.rule < b.rule ? -1 : 1));
  const out: typeof ranked = [];
  let covered = 0;
  for (const r of ranked) {
    if (covered >= coverage - 1e-12) break;
    out.push(r);
    covered += r.share;
  }
  return out;
}

function ratioCheck(cand: number | null, ref: number | null, max: number): { pass: boolean; ratio: number | null } {
  if (cand === null || ref === null) return { pass: false, ratio: null };
  if (ref === 0) return { pass: cand === 0, ratio: cand === 0 ? 1 : null };
  const ratio = cand / ref;
  return { pass: ratio <= max + 1e-12, ratio };
}

export function evaluateCriteria(p: EvaluateCriteriaParams): CriterionResult[] {
  const results: CriterionResult[] = [];
  for (const c of p.criteria) {
    for (const cand of p.candidates) {
      const name = c.regime === undefined ? c.kind : `${c.kind}[${c.regime}]`;
      const head = (pass: boolean) => `${pass ? 'PASS' : 'FAIL'} ${name} ${cand} vs ${p.reference}`;
      const cs = p.variants[cand]!;
      const rs = p.variants[p.reference]!;
      let pass = false;
      let numbers = '';
      switch (c.kind) {
        case 'net_pnl_improves': {
          const cmp = c.regime === undefined ? p.comparisons[cand]!.overall : (p.comparisons[cand]!.by_regime[c.regime] ?? null);
          pass = cmp !== null && cmp.mean_ci95_usd[0] > 0;
          numbers = cmp === null ? 'no paired episodes' : `mean diff ${usd(cmp.mean_diff_usd)} USD/episode, 95% CI [${usd(cmp.mean_ci95_usd[0])}, ${usd(cmp.mean_ci95_usd[1])}] (lane-block bootstrap), median ${usd(cmp.median_diff_usd)}, n=${cmp.n}`;
          break;
        }
        case 'widen_pct_within': {
          const w = scoped(cs, c.regime).widen;
          pass = w !== null && w >= c.min - 1e-12 && w <= c.max + 1e-12;
          numbers = `widen ${pct(w)} (allowed ${c.min}-${c.max}%)`;
          break;
        }
        case 'widen_pct_ratio_max':
        case 'gas_ratio_max': {
          const field = c.kind === 'gas_ratio_max' ? 'gas' : 'widen';
          const a = scoped(cs, c.regime)[field];
          const b = scoped(rs, c.regime)[field];
          const r = ratioCheck(a, b, c.ratio);
          pass = r.pass;
          const show = field === 'gas' ? (x: number | null) => `$${x?.toFixed(2) ?? 'n/a'}` : pct;
          numbers = `${field === 'gas' ? 'gas/episode' : 'widen'} ${show(a)} vs ${show(b)} (ratio ${r.ratio === null ? 'n/a' : r.ratio.toFixed(2)}, max ${c.ratio})`;
          break;
        }
        case 'no_bad_rule_dominates': {
          const rows = (p.rows[cand] ?? []).filter((r) => c.regime === undefined || r.regime === c.regime);
          const dominant = dominantRules(rows, c.coverage);
          const bad = dominant.filter((d) => d.contribution < 0);
          pass = dominant.length > 0 && bad.length === 0;
          numbers = `rules covering ${(100 * c.coverage).toFixed(0)}% of episodes: ${dominant.map((d) => `${d.rule} ${(100 * d.share).toFixed(0)}% (mean alpha ${usd(d.contribution)})`).join(', ') || 'none'}${bad.length > 0 ? `; negative: ${bad.map((d) => d.rule).join(', ')}` : ''}`;
          break;
        }
      }
      results.push({ criterion: c.kind, candidate: cand, reference: p.reference, regime: c.regime ?? null, pass, line: `${head(pass)}: ${numbers}` });
    }
  }
  return results;
}
