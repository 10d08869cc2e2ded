import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { INTEL_WINDOWS, windowSourceQueries } from './cache/windows.ts';
import { checkRows, formatRegistry, getQuery, REGISTRY, summarizeRegistry } from './registry.ts';

const root = new URL('../../', import.meta.url);

// refs/original-system.md §6, row by row: key, P, scope, ttl, max_age, cost, enabled
const REFS: Array<[string, string, string, number, number, string, boolean]> = [
  ['gas_regime', 'P0', 'global', 300, 900, 'cheap', true],
  ['pool_hourly_fees', 'P0', 'pool', 1800, 7200, 'cheap', true],
  ['realized_vol_jumps', 'P0', 'pair', 1800, 7200, 'cheap', true],
  ['pool_health_score', 'P1', 'pool', 600, 1800, 'medium', true],
  ['rebalance_hint', 'P1', 'pool', 600, 1800, 'medium', true],
  ['regime_frequencies', 'P1', 'pair', 21600, 86400, 'medium', true],
  ['dynamic_fee_analysis', 'P1', 'pool', 1800, 7200, 'medium', true],
  ['fee_tier_optimization', 'P1', 'pool', 3600, 14400, 'medium', false],
  ['liquidity_depth', 'P1', 'pool', 21600, 86400, 'expensive', true],
  ['liquidity_competition', 'P1', 'pool', 21600, 86400, 'expensive', false],
  ['mev_risk', 'P2', 'pool', 3600, 14400, 'medium', true],
  ['toxic_flow_index', 'P2', 'pool', 7200, 28800, 'medium', true],
  ['jit_liquidity_monitor', 'P2', 'pool', 3600, 14400, 'medium', true],
  ['impermanent_loss_tracker', 'P3', 'pool', 21600, 86400, 'medium', false],
  ['cross_dex_migration', 'P3', 'pool', 21600, 86400, 'medium', false],
  ['correlation_matrix', 'P3', 'pool', 86400, 259200, 'medium', false],
  ['whale_sentiment', 'P2', 'pair', 3600, 14400, 'medium', false],
  ['arbitrage_opportunities', 'P1', 'pool', 300, 900, 'medium', false],
  ['hook_analysis', 'P3', 'hook', 3600, 14400, 'medium', false],
  ['hook_gas_performance', 'P3', 'hook', 3600, 14400, 'medium', false],
  ['yield_farming_opportunities', 'P3', 'global', 1800, 7200, 'medium', false],
  ['portfolio_dashboard', 'P3', 'wallet', 600, 1800, 'medium', false],
  ['backtesting_data', 'P3', 'global', 86400, 259200, 'medium', false],
  ['order_impact', 'P2', 'global', 1800, 7200, 'medium', false],
  ['strategy_attribution', 'P3', 'global', 3600, 14400, 'medium', false],
  ['execution_quality', 'P2', 'global', 1800, 7200, 'medium', false],
  ['portfolio_allocation', 'P3', 'global', 3600, 14400, 'medium', false],
  ['hummingbot_config', 'P3', 'global', 3600, 14400, 'medium', false],
];

const DEPENDENCIES: Record<string, string[]> = {
  pool_health_score: ['pool_hourly_fees', 'realized_vol_jumps'],
  rebalance_hint: ['pool_hourly_fees', 'gas_regime'],
  regime_frequencies: ['realized_vol_jumps'],
  dynamic_fee_analysis: ['pool_hourly_fees'],
  fee_tier_optimization: ['dynamic_fee_analysis'],
  liquidity_competition: ['liquidity_depth'],
};

describe('intel registry', () => {
  it('has the invariants: 28 total, 11 enabled by default, 14 pool-scoped, P0 = gas_regime, pool_hourly_fees, realized_vol_jumps', () => {
    const s = summarizeRegistry(REGISTRY);
    assert.equal(s.total, 28);
    assert.equal(s.enabled_default, 11);
    assert.equal(s.pool_scoped, 14);
    assert.deepEqual(s.queries.filter((q) => q.priority === 'P0').map((q) => q.name).sort(), ['gas_regime', 'pool_hourly_fees', 'realized_vol_jumps']);
    assert.deepEqual(s.by_priority, { P0: { total: 3, enabled_default: 3 }, P1: { total: 8, enabled_default: 5 }, P2: { total: 6, enabled_default: 3 }, P3: { total: 11, enabled_default: 0 } });
  });

  it('matches the original registry table row by row, and its dependencies', () => {
    assert.equal(REFS.length, REGISTRY.size);
    for (const [name, p, scope, ttl, maxAge, cost, on] of REFS) {
      const q = getQuery(REGISTRY, name);
      assert.deepEqual([q.priority, q.scope, q.ttl_seconds, q.max_age_seconds, q.cost_class, q.enabled_default], [p, scope, ttl, maxAge, cost, on], name);
      assert.deepEqual([...q.depends_on], DEPENDENCIES[name] ?? [], `${name} depends_on`);
      assert.ok(q.ttl_seconds <= q.max_age_seconds);
      assert.ok(q.method === 'latest' ? q.scope === 'global' : true, `${name}: only global queries can read a shared latest result`);
    }
  });

  it('dependencies point at registered queries and have no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (n: string): void => {
      assert.ok(!visiting.has(n), `cycle through ${n}`);
      if (done.has(n)) return;
      visiting.add(n);
      for (const d of getQuery(REGISTRY, n).depends_on) visit(d);
      visiting.delete(n);
      done.add(n);
    };
    for (const n of REGISTRY.keys()) visit(n);
  });

  it('ships DuneSQL for the 11 enabled queries and every calibration input, and none for the 17 open ones', () => {
    const shipped = [...REGISTRY.values()].filter((q) => q.sql !== null);
    assert.equal(shipped.length, 11);
    for (const q of REGISTRY.values()) {
      if (q.enabled_default || q.calibration_input) assert.equal(q.sql, `queries/${q.name}.sql`, q.name);
      else assert.equal(q.sql, null, `${q.name} is open: declared, disabled, no SQL yet`);
    }
    const docs = readFileSync(new URL('docs/intel.md', root), 'utf8');
    for (const q of REGISTRY.values()) {
      if (q.sql === null) {
        assert.ok(!existsSync(new URL(`queries/${q.name}.sql`, root)), q.name);
        assert.match(docs, new RegExp(`\\| \`${q.name}\` \\|[^\\n]*\\| open`), `docs/intel.md lists ${q.name} as open`);
        continue;
      }
      const sql = readFileSync(new URL(q.sql, root), 'utf8');
      const scopeParams: string[] = { global: [] as string[], pool: ['chain', 'pool_address'], pair: ['chain', 'token0', 'token1'], hook: ['chain', 'hook_address'], wallet: ['chain', 'wallet_address'] }[q.scope];
      const used = new Set([...sql.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
      for (const p of [...scopeParams, ...Object.keys(q.params)]) assert.ok(used.has(p), `${q.sql} uses {{${p}}}`);
      for (const p of used) assert.ok(scopeParams.includes(p!) || p! in q.params, `${q.sql}: {{${p}}} is declared`);
      for (const col of Object.keys(q.columns)) assert.match(sql, new RegExp(`\\b${col}\\b`), `${q.sql} outputs ${col}`);
      assert.doesNotMatch(sql, /PERCENTILE_CONT|::FLOAT|WITHIN GROUP/i, `${q.sql}: Postgres syntax is not DuneSQL`);
    }
  });

  it('registers every time window on an enabled query, so the scheduler refreshes it', () => {
    assert.deepEqual(INTEL_WINDOWS.map((w) => w.name), ['swaps_1h', 'swaps_6h', 'swaps_24h', 'metrics_6h', 'metrics_24h']);
    for (const source of windowSourceQueries()) assert.equal(getQuery(REGISTRY, source).enabled_default, true, source);
  });

  it('validates rows against the declared columns', () => {
    const fees = getQuery(REGISTRY, 'pool_hourly_fees');
    assert.equal(checkRows(fees, [{ hour: '2026-01-01 00:00:00.000 UTC', volume_usd: 1, fees_usd: 0.1, swap_count: '12', price_close: null }]).ok, true);
    const bad = checkRows(fees, [{ hour: '2026-01-01T00:00:00Z', volume_usd: '1', fees_usd: 0.1, swap_count: 1 }]);
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.issue, /pool_hourly_fees rows\[0\.volume_usd\]/);
    assert.equal(checkRows(fees, [{ hour: 'soon', volume_usd: 1, fees_usd: 0.1, swap_count: 1 }]).ok, false);
    assert.equal(checkRows(fees, [{ hour: '2026-01-01T00:00:00Z', volume_usd: 1, fees_usd: 0.1, swap_count: 1.5 }]).ok, false);
  });

  it('prints the original layout with our numbers', () => {
    const text = formatRegistry(REGISTRY);
    const lines = text.split('\n');
    assert.equal(lines[0], 'P0: 3 total, 3 enabled by default');
    assert.equal(lines[1], '  ✅ gas_regime (global, TTL=300s)');
    assert.ok(lines.includes('P1: 8 total, 5 enabled by default'));
    assert.ok(lines.includes('  ⬜ fee_tier_optimization (pool, TTL=3600s)'));
    assert.deepEqual(lines.slice(-3), ['Total: 28 queries defined', 'Enabled by default: 11', 'Pool-scoped: 14']);
  });
});
