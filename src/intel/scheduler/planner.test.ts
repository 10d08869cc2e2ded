import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getQuery, REGISTRY } from '../registry.ts';
import { planRefresh, type PlanCandidate, type PlannerOptions, type PlanSignals } from './planner.ts';

const EST = { cheap: 5, medium: 10, expensive: 20 } as const;

/** A candidate for a registered query on one pool, missing unless told otherwise. */
function cand(query: string, over: Partial<PlanCandidate> = {}): PlanCandidate {
  const q = getQuery(REGISTRY, query);
  return {
    key: `dune:${query}:${q.scope}:x`,
    query,
    scope_id: 'x',
    priority: q.priority,
    cost_class: q.cost_class,
    ttl_s: q.ttl_seconds,
    quality: 'missing',
    age_s: null,
    in_flight: false,
    has_query_id: true,
    risk: q.risk === true,
    triggers: [],
    deps: [],
    estimate: EST[q.cost_class],
    ...over,
  };
}

const ENABLED = [...REGISTRY.values()].filter((q) => q.enabled_default).map((q) => q.name);

interface Situation {
  name: string;
  candidates: PlanCandidate[];
  signals?: PlanSignals;
  budget?: number;
  options?: Partial<PlannerOptions>;
  refresh: string[];
  /** query → a fragment of its skip reason */
  skipReasons?: Record<string, RegExp>;
  maxExpensive?: number;
}

const situations: Situation[] = [
  {
    name: 'normal operation, everything missing: P0 + P1 up to max_priority P1, one expensive, P2 risk skipped without a signal',
    candidates: ENABLED.map((q) => cand(q)),
    signals: { fees_to_gas: 12, jump_rate: 0.2 },
    refresh: ['gas_regime', 'pool_hourly_fees', 'realized_vol_jumps', 'dynamic_fee_analysis', 'pool_health_score', 'rebalance_hint', 'regime_frequencies', 'liquidity_depth'],
    skipReasons: { mev_risk: /no risk signal and no pending decision/, toxic_flow_index: /no risk signal/, jit_liquidity_monitor: /no risk signal/ },
  },
  {
    name: 'everything fresh: nothing to do',
    candidates: ENABLED.map((q) => cand(q, { quality: 'fresh', age_s: 10 })),
    refresh: [],
    skipReasons: { gas_regime: /fresh \(age 10s ≤ ttl 300s\)/ },
  },
  {
    name: 'fees/gas < 5: P0 only',
    candidates: ENABLED.map((q) => cand(q, { quality: 'stale', age_s: 100_000 })),
    signals: { fees_to_gas: 3 },
    refresh: ['gas_regime', 'pool_hourly_fees', 'realized_vol_jumps'],
    skipReasons: { liquidity_depth: /fees\/gas 3\.00 < 5/, rebalance_hint: /only P0/ },
  },
  {
    name: 'high gas: no expensive query (max_expensive 0)',
    candidates: [cand('liquidity_depth'), cand('gas_regime')],
    signals: { high_gas: true, fees_to_gas: 10 },
    refresh: ['gas_regime'],
    skipReasons: { liquidity_depth: /high gas/ },
    maxExpensive: 0,
  },
  {
    name: 'high churn: no expensive query',
    candidates: [cand('liquidity_depth'), cand('dynamic_fee_analysis')],
    signals: { high_churn: true, fees_to_gas: 10 },
    refresh: ['dynamic_fee_analysis'],
    skipReasons: { liquidity_depth: /high churn/ },
    maxExpensive: 0,
  },
  {
    name: 'at most max_expensive expensive queries per cycle',
    candidates: [cand('liquidity_depth', { key: 'a', scope_id: 'pool-a' }), cand('liquidity_depth', { key: 'b', scope_id: 'pool-b' })],
    refresh: ['liquidity_depth'],
    skipReasons: { liquidity_depth: /max_expensive 1 reached/ },
  },
  {
    name: 'expensive queries follow their TTL, not episodes: an episode_start trigger on a fresh liquidity_depth does nothing',
    candidates: [cand('liquidity_depth', { quality: 'fresh', age_s: 3600, triggers: [{ reason: 'episode_start', priority: 'P1' }] }), cand('pool_hourly_fees', { quality: 'fresh', age_s: 600, triggers: [{ reason: 'episode_start', priority: 'P0' }] })],
    refresh: ['pool_hourly_fees'],
    skipReasons: { liquidity_depth: /follow their TTL, not episodes/ },
  },
  {
    name: 'a burst of triggers on an entry refreshed seconds ago is debounced',
    candidates: [cand('gas_regime', { quality: 'fresh', age_s: 5, triggers: [{ reason: 'gas_spike', priority: 'P0' }, { reason: 'gas_spike', priority: 'P0' }] })],
    refresh: [],
    skipReasons: { gas_regime: /debounced/ },
  },
  {
    name: 'in flight: never a duplicate refresh',
    candidates: [cand('gas_regime', { in_flight: true, triggers: [{ reason: 'gas_spike', priority: 'P0' }] })],
    refresh: [],
    skipReasons: { gas_regime: /already in flight/ },
  },
  {
    name: 'P2 risk queries when a risk signal is high',
    candidates: [cand('mev_risk', { risk_scores: { toxicity: 0.2, mev: 0.7 } }), cand('toxic_flow_index', { quality: 'stale', age_s: 9000, risk_scores: { toxicity: 0.2, mev: 0.7 } })],
    refresh: ['mev_risk', 'toxic_flow_index'],
  },
  {
    name: 'P2 risk queries when a score is near the threshold (the answer could flip the decision)',
    candidates: [cand('toxic_flow_index', { quality: 'stale', age_s: 9000, risk_scores: { toxicity: 0.45, mev: 0.1 } })],
    refresh: ['toxic_flow_index'],
  },
  {
    name: 'P2 risk queries skipped when risk is clearly low',
    candidates: [cand('toxic_flow_index', { quality: 'stale', age_s: 9000, risk_scores: { toxicity: 0.1, mev: 0.05 } })],
    refresh: [],
    skipReasons: { toxic_flow_index: /risk signals low/ },
  },
  {
    name: 'P2 risk query with a pending action in an episode trigger',
    candidates: [cand('jit_liquidity_monitor', { triggers: [{ reason: 'episode_start', priority: 'P2', pending_action: 'rebalance' }] })],
    refresh: ['jit_liquidity_monitor'],
  },
  {
    name: 'P3 and non-risk P2 above max_priority',
    candidates: [cand('impermanent_loss_tracker'), cand('order_impact')],
    refresh: [],
    skipReasons: { impermanent_loss_tracker: /P3 above max_priority P1/, order_impact: /P2 above max_priority P1/ },
  },
  {
    name: 'max_priority P3 lets P3 through',
    candidates: [cand('impermanent_loss_tracker')],
    options: { max_priority: 'P3' },
    refresh: ['impermanent_loss_tracker'],
  },
  {
    name: 'jump rate > 0.8: regime queries first, expensive ones dropped',
    candidates: [cand('liquidity_depth'), cand('dynamic_fee_analysis'), cand('regime_frequencies')],
    signals: { jump_rate: 0.9, fees_to_gas: 10 },
    refresh: ['regime_frequencies', 'dynamic_fee_analysis'],
    skipReasons: { liquidity_depth: /expensive queries off/ },
    maxExpensive: 0,
  },
  {
    name: 'fees/gas > 20 and calm: liquidity_depth and dynamic_fee_analysis ahead of other P1s',
    candidates: [cand('pool_health_score'), cand('liquidity_depth'), cand('dynamic_fee_analysis')],
    signals: { fees_to_gas: 40, jump_rate: 0.1 },
    budget: 30,
    refresh: ['dynamic_fee_analysis', 'liquidity_depth'],
    skipReasons: { pool_health_score: /daily credit budget: needs ~10\.00, 0\.00 left/ },
  },
  {
    name: 'budget: P0 first, the rest while it lasts',
    candidates: ENABLED.map((q) => cand(q)),
    signals: { fees_to_gas: 10, jump_rate: 0.2 },
    budget: 22,
    refresh: ['gas_regime', 'pool_hourly_fees', 'realized_vol_jumps'],
    skipReasons: { dynamic_fee_analysis: /daily credit budget/ },
  },
  {
    name: 'no query id configured: skipped with the reason',
    candidates: [cand('gas_regime', { has_query_id: false })],
    refresh: [],
    skipReasons: { gas_regime: /no Dune query id configured/ },
  },
  {
    name: 'a dependent waits for a missing dependency that is not refreshed; dependencies run first',
    candidates: [
      cand('rebalance_hint', { deps: [{ query: 'gas_regime', key: 'g', quality: 'missing' }, { query: 'pool_hourly_fees', key: 'f', quality: 'fresh' }] }),
      cand('gas_regime', { key: 'g', has_query_id: false }),
      cand('pool_health_score', { deps: [{ query: 'pool_hourly_fees', key: 'f2', quality: 'missing' }] }),
      cand('pool_hourly_fees', { key: 'f2' }),
    ],
    refresh: ['pool_hourly_fees', 'pool_health_score'],
    skipReasons: { rebalance_hint: /dependency gas_regime is missing/ },
  },
];

describe('refresh planner: table of situations', () => {
  for (const s of situations) {
    it(s.name, () => {
      const plan = planRefresh({ candidates: s.candidates, signals: s.signals ?? {}, budget: { remaining: s.budget ?? 1000 }, options: s.options });
      assert.deepEqual(plan.refresh.map((d) => d.query), s.refresh);
      assert.equal(plan.decisions.length, s.candidates.length, 'one decision per candidate');
      for (const d of plan.decisions) assert.ok(d.reason.length > 0, `${d.query} has a reason`);
      for (const [q, re] of Object.entries(s.skipReasons ?? {})) {
        const d = plan.decisions.find((x) => x.query === q && x.action === 'skip');
        assert.ok(d !== undefined, `${q} skipped`);
        assert.match(d.reason, re);
      }
      if (s.maxExpensive !== undefined) assert.equal(plan.max_expensive, s.maxExpensive);
      assert.ok(plan.estimated_credits <= (s.budget ?? 1000));
    });
  }

  it('P0 reasons say why', () => {
    const plan = planRefresh({ candidates: [cand('gas_regime', { quality: 'stale', age_s: 400 })], signals: {}, budget: { remaining: 100 } });
    assert.match(plan.refresh[0]!.reason, /^P0: always refreshed when not fresh; stale \(age 400s, ttl 300s\)$/);
  });
});
