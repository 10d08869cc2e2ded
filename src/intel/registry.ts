/**
 * The Dune query registry: the 28 queries of the original system's final registry
 * (refs/original-system.md §6) with their priorities, scopes, TTLs, max ages, cost classes,
 * enabled-by-default flags and dependencies, plus what clmm-lab adds: how each is read
 * ('latest' or 'execute'), its parameters, its result columns (validated with zod on every read),
 * and where its DuneSQL lives. Dune query ids are NOT here: each user maps names to ids in config
 * (see queryIds.ts), because a query id belongs to the account that saved the SQL.
 */
import { z } from 'zod';
import { parseTimestamp } from './clock.ts';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const SCOPE_KINDS = ['global', 'pool', 'pair', 'hook', 'wallet'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const COST_CLASSES = ['cheap', 'medium', 'expensive'] as const;
export type CostClass = (typeof COST_CLASSES)[number];
/** 'latest' reads the newest stored result without executing (and executes only when that is older than the TTL); 'execute' runs the query with our parameters. */
export type QueryMethod = 'latest' | 'execute';

/** Column types as Dune reports them (`column_types`); a trailing `?` allows null. */
export type ColumnType = 'varchar' | 'double' | 'bigint' | 'timestamp' | 'boolean';
export type ColumnSpec = ColumnType | `${ColumnType}?`;

export interface QuerySpec {
  name: string;
  priority: Priority;
  scope: ScopeKind;
  method: QueryMethod;
  ttl_seconds: number;
  max_age_seconds: number;
  cost_class: CostClass;
  enabled_default: boolean;
  depends_on: readonly string[];
  /** What the answer is for, in one line. */
  purpose: string;
  /** Parameters beyond the scope's own (chain, pool_address, token0/token1, hook_address, wallet_address), with defaults. */
  params: Readonly<Record<string, string | number>>;
  /** Result columns and types; every row read from Dune or the cache is validated against them. */
  columns: Readonly<Record<string, ColumnSpec>>;
  /** Path of the DuneSQL text in the repo, or null while the query is open (declared, no SQL yet). */
  sql: string | null;
  /** Risk queries: refreshed only when risk signals are high or their answer could change a decision. */
  risk?: boolean;
  /** Inputs of `clmm-lab calibrate`. */
  calibration_input?: boolean;
}

const shipped = (name: string): string => `queries/${name}.sql`;

const table: QuerySpec[] = [
  // ---- P0: gating. Always refreshed when not fresh. ----
  {
    name: 'gas_regime', priority: 'P0', scope: 'global', method: 'latest', ttl_seconds: 300, max_age_seconds: 900, cost_class: 'cheap', enabled_default: true, depends_on: [],
    purpose: 'gas paid per LP action (mint, increase, decrease, collect, burn, multicall) in gas units, gwei and USD; the all-actions row gives GAS_USD',
    params: { chain: 'ethereum', lookback_days: 7 },
    columns: { action: 'varchar', tx_count: 'bigint', gas_used_median: 'double', gas_price_gwei_median: 'double', gas_price_gwei_p90: 'double', gas_price_gwei_last_hour: 'double?', gas_usd_median: 'double', gas_usd_p75: 'double', gas_usd_p90: 'double', eth_usd: 'double' },
    sql: shipped('gas_regime'), calibration_input: true,
  },
  {
    name: 'pool_hourly_fees', priority: 'P0', scope: 'pool', method: 'execute', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'cheap', enabled_default: true, depends_on: [],
    purpose: "the pool's hourly volume, fees, swap count and price over the last `hours` hours; source of the swap and metric windows and of the fee inputs",
    params: { hours: 720 },
    columns: { hour: 'timestamp', volume_usd: 'double', fees_usd: 'double', swap_count: 'bigint', price_close: 'double?', price_high: 'double?', price_low: 'double?' },
    sql: shipped('pool_hourly_fees'), calibration_input: true,
  },
  {
    name: 'realized_vol_jumps', priority: 'P0', scope: 'pair', method: 'execute', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'cheap', enabled_default: true, depends_on: [],
    purpose: 'realised volatility over 6-hour windows of 1-minute prices (median, p90) and the share of windows that are jumpy, trending or mean-reverting',
    params: { lookback_days: 30, window_hours: 6 },
    columns: { windows: 'bigint', vol_median: 'double', vol_p90: 'double', jump_rate: 'double', trend_rate: 'double', trend_up_rate: 'double', trend_down_rate: 'double', mean_revert_rate: 'double', first_window_start: 'timestamp?', last_window_end: 'timestamp?' },
    sql: shipped('realized_vol_jumps'), calibration_input: true,
  },
  // ---- P1: shaping. ----
  {
    name: 'pool_health_score', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 600, max_age_seconds: 1800, cost_class: 'medium', enabled_default: true, depends_on: ['pool_hourly_fees', 'realized_vol_jumps'],
    purpose: "the pool's last 24 h: volume, fees, traders, LP mints and burns, and a 0-100 health score",
    params: {},
    columns: { volume_24h_usd: 'double', fees_24h_usd: 'double', swaps_24h: 'bigint', traders_24h: 'bigint', mints_24h: 'bigint', burns_24h: 'bigint', health_score: 'double' },
    sql: shipped('pool_health_score'),
  },
  {
    name: 'rebalance_hint', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 600, max_age_seconds: 1800, cost_class: 'medium', enabled_default: true, depends_on: ['pool_hourly_fees', 'gas_regime'],
    purpose: 'how far the price moves in 6 h (tick p50/p90), a width that would have held, the pool fees per hour and the hours of fees a rebalance costs',
    params: { lookback_days: 7 },
    columns: { current_tick: 'bigint', tick_move_6h_p50: 'double', tick_move_6h_p90: 'double', suggested_width_ticks: 'bigint', fees_usd_per_hour: 'double', rebalance_gas_usd: 'double?', breakeven_hours: 'double?' },
    sql: shipped('rebalance_hint'),
  },
  {
    name: 'regime_frequencies', priority: 'P1', scope: 'pair', method: 'execute', ttl_seconds: 21600, max_age_seconds: 86400, cost_class: 'medium', enabled_default: true, depends_on: ['realized_vol_jumps'],
    purpose: 'share of 6-hour windows in each of the seven regimes over 90 days, with the volatility and the pair volume and fees per hour in each',
    params: { lookback_days: 90, window_hours: 6 },
    columns: { regime: 'varchar', windows: 'bigint', share: 'double', vol_median: 'double', volume_usd_per_hour: 'double?', fees_usd_per_hour: 'double?' },
    sql: shipped('regime_frequencies'), calibration_input: true,
  },
  {
    name: 'dynamic_fee_analysis', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'medium', enabled_default: true, depends_on: ['pool_hourly_fees'],
    purpose: 'daily fees against daily realised volatility: whether fees pay for the volatility an LP carries',
    params: { lookback_days: 30 },
    columns: { day: 'timestamp', volume_usd: 'double', fees_usd: 'double', swap_count: 'bigint', realized_vol_ann: 'double?', fees_per_vol_point_usd: 'double?' },
    sql: shipped('dynamic_fee_analysis'),
  },
  {
    name: 'fee_tier_optimization', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: ['dynamic_fee_analysis'],
    purpose: "the same pair's other fee tiers: volume, fees and fee yield per tier",
    params: {},
    columns: { fee_tier: 'bigint', pool_address: 'varchar', volume_usd: 'double', fees_usd: 'double', fee_yield: 'double?' },
    sql: null,
  },
  {
    name: 'liquidity_depth', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 21600, max_age_seconds: 86400, cost_class: 'expensive', enabled_default: true, depends_on: [],
    purpose: 'active liquidity by tick bucket around the current price, rebuilt from the whole Mint/Burn history (expensive: refreshed on its 6-hour TTL, never per episode)',
    params: { bucket_ticks: 100, buckets_each_side: 50 },
    columns: { bucket_tick_lower: 'bigint', distance_ticks: 'bigint', liquidity: 'bigint', current_tick: 'bigint' },
    sql: shipped('liquidity_depth'),
  },
  {
    name: 'liquidity_competition', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 21600, max_age_seconds: 86400, cost_class: 'expensive', enabled_default: false, depends_on: ['liquidity_depth'],
    purpose: 'how many LPs compete in range, their concentration and typical widths',
    params: {},
    columns: { active_positions: 'bigint', top10_liquidity_share: 'double', new_positions_24h: 'bigint', median_width_ticks: 'double?' },
    sql: null,
  },
  {
    name: 'arbitrage_opportunities', priority: 'P1', scope: 'pool', method: 'execute', ttl_seconds: 300, max_age_seconds: 900, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'price gaps between the pool and other venues large enough to arbitrage',
    params: {},
    columns: { venue: 'varchar', spread_bps: 'double', size_usd: 'double?' },
    sql: null,
  },
  // ---- P2: risk. ----
  {
    name: 'mev_risk', priority: 'P2', scope: 'pool', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: true, depends_on: [],
    purpose: "sandwich attacks in the pool over 7 days and the share of volume sandwiched; mev_risk_score in [0, 1]",
    params: { lookback_days: 7 },
    columns: { sandwiches: 'bigint', sandwiched_volume_usd: 'double', pool_volume_usd: 'double', sandwich_volume_share: 'double', mev_risk_score: 'double' },
    sql: shipped('mev_risk'), risk: true,
  },
  {
    name: 'toxic_flow_index', priority: 'P2', scope: 'pool', method: 'execute', ttl_seconds: 7200, max_age_seconds: 28800, cost_class: 'medium', enabled_default: true, depends_on: [],
    purpose: 'share of volume from labelled arbitrage traders and top-of-block trades, 5-minute markout against the trader; toxicity_score in [0, 1]',
    params: { lookback_days: 3 },
    columns: { trades: 'bigint', volume_usd: 'double', arb_volume_share: 'double', top_of_block_volume_share: 'double', markout_5m_bps: 'double?', toxicity_score: 'double' },
    sql: shipped('toxic_flow_index'), risk: true,
  },
  {
    name: 'jit_liquidity_monitor', priority: 'P2', scope: 'pool', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: true, depends_on: [],
    purpose: 'just-in-time liquidity: same-block mint and burn by one sender around swaps, and the volume share of those blocks',
    params: { lookback_days: 1 },
    columns: { jit_pairs: 'bigint', jit_blocks: 'bigint', volume_in_jit_blocks_usd: 'double', jit_block_volume_share: 'double' },
    sql: shipped('jit_liquidity_monitor'), risk: true,
  },
  {
    name: 'whale_sentiment', priority: 'P2', scope: 'pair', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'net flow of the largest wallets in the pair',
    params: {},
    columns: { wallets: 'bigint', net_flow_usd: 'double', sentiment_score: 'double' },
    sql: null, risk: true,
  },
  {
    name: 'order_impact', priority: 'P2', scope: 'global', method: 'latest', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'price impact by trade size bucket',
    params: {},
    columns: { size_bucket_usd: 'double', impact_bps: 'double' },
    sql: null,
  },
  {
    name: 'execution_quality', priority: 'P2', scope: 'global', method: 'latest', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'slippage and gas of executed LP actions',
    params: {},
    columns: { action: 'varchar', slippage_bps: 'double?', gas_usd: 'double?' },
    sql: null,
  },
  // ---- P3: offline analysis. ----
  {
    name: 'impermanent_loss_tracker', priority: 'P3', scope: 'pool', method: 'execute', ttl_seconds: 21600, max_age_seconds: 86400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'fees against impermanent loss of closed positions by width',
    params: {},
    columns: { width_ticks: 'bigint', positions: 'bigint', fees_usd: 'double', il_usd: 'double', net_usd: 'double' },
    sql: null,
  },
  {
    name: 'cross_dex_migration', priority: 'P3', scope: 'pool', method: 'execute', ttl_seconds: 21600, max_age_seconds: 86400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: "the pair's volume share by venue and its 7-day change",
    params: {},
    columns: { venue: 'varchar', volume_share: 'double', change_7d: 'double?' },
    sql: null,
  },
  {
    name: 'correlation_matrix', priority: 'P3', scope: 'pool', method: 'execute', ttl_seconds: 86400, max_age_seconds: 259200, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: "correlation of the pool's returns with other assets",
    params: {},
    columns: { asset: 'varchar', correlation: 'double' },
    sql: null,
  },
  {
    name: 'hook_analysis', priority: 'P3', scope: 'hook', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'pools, volume and fees of a v4 hook',
    params: {},
    columns: { pools: 'bigint', volume_usd: 'double', fees_usd: 'double' },
    sql: null,
  },
  {
    name: 'hook_gas_performance', priority: 'P3', scope: 'hook', method: 'execute', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'gas overhead of a v4 hook per swap',
    params: {},
    columns: { gas_used_median: 'double', gas_usd_median: 'double?' },
    sql: null,
  },
  {
    name: 'yield_farming_opportunities', priority: 'P3', scope: 'global', method: 'latest', ttl_seconds: 1800, max_age_seconds: 7200, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'pools ranked by fee yield',
    params: {},
    columns: { chain: 'varchar', pool_address: 'varchar', fee_yield: 'double', tvl_usd: 'double?' },
    sql: null,
  },
  {
    name: 'portfolio_dashboard', priority: 'P3', scope: 'wallet', method: 'execute', ttl_seconds: 600, max_age_seconds: 1800, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: "a wallet's LP positions, values and fees",
    params: {},
    columns: { position_id: 'varchar', pool_address: 'varchar', value_usd: 'double?', fees_usd: 'double?' },
    sql: null,
  },
  {
    name: 'backtesting_data', priority: 'P3', scope: 'global', method: 'latest', ttl_seconds: 86400, max_age_seconds: 259200, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'hourly tick, volume and fees for offline backtests',
    params: {},
    columns: { hour: 'timestamp', tick: 'bigint', volume_usd: 'double', fees_usd: 'double' },
    sql: null,
  },
  {
    name: 'strategy_attribution', priority: 'P3', scope: 'global', method: 'latest', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'on-chain PnL of LP strategies split into fees, IL and gas',
    params: {},
    columns: { strategy: 'varchar', pnl_usd: 'double', fees_usd: 'double', gas_usd: 'double' },
    sql: null,
  },
  {
    name: 'portfolio_allocation', priority: 'P3', scope: 'global', method: 'latest', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'suggested capital weights across pools',
    params: {},
    columns: { pool_address: 'varchar', weight: 'double' },
    sql: null,
  },
  {
    name: 'hummingbot_config', priority: 'P3', scope: 'global', method: 'latest', ttl_seconds: 3600, max_age_seconds: 14400, cost_class: 'medium', enabled_default: false, depends_on: [],
    purpose: 'strategy parameters for a Hummingbot deployment',
    params: {},
    columns: { key: 'varchar', value: 'varchar' },
    sql: null,
  },
];

export type Registry = ReadonlyMap<string, QuerySpec>;

/** The registry in its declared order (P0 first). */
export const REGISTRY: Registry = new Map(table.map((q) => [q.name, Object.freeze(q)]));

export function getQuery(registry: Registry, name: string): QuerySpec {
  const spec = registry.get(name);
  if (spec === undefined) throw new Error(`unknown intel query ${JSON.stringify(name)}`);
  return spec;
}

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

export const COST_RANK: Record<CostClass, number> = { cheap: 0, medium: 1, expensive: 2 };

export interface RegistrySummary {
  total: number;
  enabled_default: number;
  pool_scoped: number;
  by_priority: Record<Priority, { total: number; enabled_default: number }>;
  queries: Array<Pick<QuerySpec, 'name' | 'priority' | 'scope' | 'method' | 'ttl_seconds' | 'max_age_seconds' | 'enabled_default' | 'cost_class' | 'depends_on'>>;
}

export function summarizeRegistry(registry: Registry): RegistrySummary {
  const all = [...registry.values()];
  const by_priority = Object.fromEntries(
    PRIORITIES.map((p) => {
      const qs = all.filter((q) => q.priority === p);
      return [p, { total: qs.length, enabled_default: qs.filter((q) => q.enabled_default).length }];
    }),
  ) as RegistrySummary['by_priority'];
  return {
    total: all.length,
    enabled_default: all.filter((q) => q.enabled_default).length,
    pool_scoped: all.filter((q) => q.scope === 'pool').length,
    by_priority,
    queries: sortByPriority(all).map((q) => ({
      name: q.name, priority: q.priority, scope: q.scope, method: q.method, ttl_seconds: q.ttl_seconds,
      max_age_seconds: q.max_age_seconds, enabled_default: q.enabled_default, cost_class: q.cost_class, depends_on: [...q.depends_on],
    })),
  };
}

/** Stable order: priority, then enabled first, then declared order. */
export function sortByPriority(queries: QuerySpec[]): QuerySpec[] {
  return queries
    .map((q, i) => ({ q, i }))
    .sort((a, b) => priorityRank(a.q.priority) - priorityRank(b.q.priority) || Number(b.q.enabled_default) - Number(a.q.enabled_default) || a.i - b.i)
    .map(({ q }) => q);
}

/** The text `clmm-lab intel registry` prints, in the original's layout. */
export function formatRegistry(registry: Registry): string {
  const s = summarizeRegistry(registry);
  const lines: string[] = [];
  for (const p of PRIORITIES) {
    lines.push(`${p}: ${s.by_priority[p].total} total, ${s.by_priority[p].enabled_default} enabled by default`);
    for (const q of s.queries.filter((x) => x.priority === p)) {
      lines.push(`  ${q.enabled_default ? '✅' : '⬜'} ${q.name} (${q.scope}, TTL=${q.ttl_seconds}s)`);
    }
    lines.push('');
  }
  lines.push(`Total: ${s.total} queries defined`);
  lines.push(`Enabled by default: ${s.enabled_default}`);
  lines.push(`Pool-scoped: ${s.pool_scoped}`);
  return lines.join('\n');
}

// ---- result rows: zod schemas built from the column table ----

const bigintLike = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);
const timestampLike = z.string().refine((s) => parseTimestamp(s) !== undefined, 'not a timestamp');

function columnSchema(spec: ColumnSpec): z.ZodType {
  const nullable = spec.endsWith('?');
  const type = (nullable ? spec.slice(0, -1) : spec) as ColumnType;
  const base: z.ZodType =
    type === 'double' ? z.number().finite() : type === 'bigint' ? bigintLike : type === 'timestamp' ? timestampLike : type === 'boolean' ? z.boolean() : z.string();
  return nullable ? base.nullable().optional() : base;
}

const rowSchemaCache = new WeakMap<QuerySpec, z.ZodType<Array<Record<string, unknown>>>>();

/** The zod schema of a query's rows: every declared column present with its type; extra columns pass through. */
export function rowsSchema(spec: QuerySpec): z.ZodType<Array<Record<string, unknown>>> {
  let schema = rowSchemaCache.get(spec);
  if (schema === undefined) {
    const shape = Object.fromEntries(Object.entries(spec.columns).map(([name, type]) => [name, columnSchema(type)]));
    schema = z.array(z.looseObject(shape)) as unknown as z.ZodType<Array<Record<string, unknown>>>;
    rowSchemaCache.set(spec, schema);
  }
  return schema;
}

export type RowsCheck = { ok: true; rows: Array<Record<string, unknown>> } | { ok: false; issue: string };

/** Validates rows against the query's columns; the issue names the first bad row and column. */
export function checkRows(spec: QuerySpec, rows: unknown): RowsCheck {
  const r = rowsSchema(spec).safeParse(rows);
  if (r.success) return { ok: true, rows: r.data };
  const first = r.error.issues[0];
  const where = first === undefined ? '' : first.path.map(String).join('.');
  return { ok: false, issue: `${spec.name} rows${where === '' ? '' : `[${where}]`}: ${first?.message ?? 'invalid'}` };
}
