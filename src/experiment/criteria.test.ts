import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpisodeMetricsRow } from '../episode/episodeArtifacts.ts';
import { analyzeExperiment } from './analyze.ts';
import { dominantRules } from './criteria.ts';
import type { Criterion } from './spec.ts';

interface Ep {
  pnl: number;
  gas?: number;
  action?: EpisodeMetricsRow['action'];
  rule?: string;
  alpha?: number;
  regime?: EpisodeMetricsRow['regime'];
}

function rows(eps: Ep[]): EpisodeMetricsRow[] {
  return eps.map((e, i) => ({
    schema_version: 1,
    episode_id: `ep_${i}`, index: i, lane: i % 4, status: 'success', regime: e.regime ?? 'mid', regime_estimate: 'mid', action: e.action ?? 'hold', action_applied: e.action ?? 'hold', rule_fired: e.rule ?? 'hold_regime_ok', width_pts: 1000, ev_gate_passed: true,
    pnl_usd: e.pnl, fees_usd: 1, gas_cost_usd: e.gas ?? 0, lvr_usd: 0, il_usd: 0, swap_cost_usd: 0, market_pnl_usd: 0, out_of_range_pct: 0, rebalance_count: (e.gas ?? 0) > 0 ? 1 : 0, reward_total: 0,
    alpha_usd: e.alpha ?? 0, best_baseline_name: 'baseline_hodl', volume_usd: 1, learning_update_applied: false, engine_swaps: 0, intel_fresh_pct: 0, baselines: {}, error: null,
  }));
}

function judge(ref: Ep[], cand: Ep[], criteria: Criterion[]) {
  return analyzeExperiment({ id: 't', name: 't', description: null, seed: 1, episodesRequested: ref.length, horizonSeconds: 21600, lanes: 4, regimeMix: 'mid:1', reference: 'R', candidates: ['C'], variants: [{ name: 'R', description: null, runId: 'r', rows: rows(ref) }, { name: 'C', description: null, runId: 'c', rows: rows(cand) }], criteria, resamples: 2000 });
}

const n = 40;
const series = (f: (i: number) => Ep) => Array.from({ length: n }, (_, i) => f(i));

test('criteria, as a table of situations', () => {
  const ref = series((i) => ({ pnl: Math.sin(i), gas: 2, action: i % 10 === 0 ? 'widen' : 'hold', regime: i % 2 === 0 ? 'mean_revert' : 'jumpy' }));
  const situations: Array<{ name: string; cand: Ep[]; criterion: Criterion; pass: boolean; line: RegExp }> = [
    { name: 'a clear improvement', cand: ref.map((e) => ({ ...e, pnl: e.pnl + 1 })), criterion: { kind: 'net_pnl_improves' }, pass: true, line: /^PASS net_pnl_improves C vs R: mean diff \+1\.00 USD\/episode, 95% CI \[\+1\.00, \+1\.00\]/ },
    { name: 'no improvement', cand: ref, criterion: { kind: 'net_pnl_improves' }, pass: false, line: /^FAIL net_pnl_improves C vs R: mean diff 0\.00/ },
    { name: 'a noisy gain whose CI straddles 0', cand: ref.map((e, i) => ({ ...e, pnl: e.pnl + (i % 2 === 0 ? 3 : -2.8) })), criterion: { kind: 'net_pnl_improves' }, pass: false, line: /^FAIL/ },
    { name: 'improvement only in one regime', cand: ref.map((e) => ({ ...e, pnl: e.pnl + (e.regime === 'mean_revert' ? 2 : -2) })), criterion: { kind: 'net_pnl_improves', regime: 'mean_revert' }, pass: true, line: /^PASS net_pnl_improves\[mean_revert\] C vs R/ },
    { name: 'widen 10% is within 10-20%', cand: ref, criterion: { kind: 'widen_pct_within', min: 10, max: 20 }, pass: true, line: /widen 10\.0% \(allowed 10-20%\)/ },
    { name: 'widen 30% is not', cand: ref.map((e, i) => ({ ...e, action: i % 10 < 3 ? 'widen' : 'hold' })), criterion: { kind: 'widen_pct_within', min: 10, max: 20 }, pass: false, line: /widen 30\.0%/ },
    { name: 'gas 20% above the reference is controlled', cand: ref.map((e) => ({ ...e, gas: 2.4 })), criterion: { kind: 'gas_ratio_max', ratio: 1.25 }, pass: true, line: /gas\/episode \$2\.40 vs \$2\.00 \(ratio 1\.20, max 1\.25\)/ },
    { name: 'gas 50% above is not', cand: ref.map((e) => ({ ...e, gas: 3 })), criterion: { kind: 'gas_ratio_max', ratio: 1.25 }, pass: false, line: /ratio 1\.50/ },
    { name: 'widen ratio in one regime', cand: ref.map((e, i) => ({ ...e, action: e.regime === 'mean_revert' && i % 4 === 0 ? 'widen' : e.action })), criterion: { kind: 'widen_pct_ratio_max', ratio: 1.25, regime: 'mean_revert' }, pass: false, line: /^FAIL widen_pct_ratio_max\[mean_revert\]/ },
    { name: 'dominant rules with positive contributions', cand: ref.map((e) => ({ ...e, alpha: 1 })), criterion: { kind: 'no_bad_rule_dominates', coverage: 0.8 }, pass: true, line: /hold_regime_ok 100% \(mean alpha \+1\.00\)/ },
    { name: 'a frequent rule with a negative contribution', cand: ref.map((e, i) => ({ ...e, rule: i < 30 ? 'bad_rule' : 'good_rule', alpha: i < 30 ? -1 : 5 })), criterion: { kind: 'no_bad_rule_dominates', coverage: 0.8 }, pass: false, line: /negative: bad_rule/ },
    { name: 'a rare negative rule outside the 80% does not count', cand: ref.map((e, i) => ({ ...e, rule: i < 36 ? 'good_rule' : 'rare_bad', alpha: i < 36 ? 1 : -9 })), criterion: { kind: 'no_bad_rule_dominates', coverage: 0.8 }, pass: true, line: /good_rule 90%/ },
  ];
  for (const s of situations) {
    const report = judge(ref, s.cand, [s.criterion]);
    assert.equal(report.criteria.length, 1);
    assert.equal(report.criteria[0]!.pass, s.pass, `${s.name}: ${report.criteria[0]!.line}`);
    assert.match(report.criteria[0]!.line, s.line, s.name);
    assert.equal(report.verdict, s.pass ? 'PASS' : 'FAIL');
  }
});

test('dominant rules are taken most frequent first until they cover the share', () => {
  const r = rows(series((i) => ({ pnl: 0, rule: i < 20 ? 'a' : i < 32 ? 'b' : 'c', alpha: 1 })));
  assert.deepEqual(dominantRules(r, 0.8).map((d) => d.rule), ['a', 'b']);
  assert.deepEqual(dominantRules(r, 0.5).map((d) => d.rule), ['a']);
  assert.deepEqual(dominantRules(r, 1).map((d) => d.rule), ['a', 'b', 'c']);
});
