/**
 * An experiment spec (`compare --spec FILE.json`): one `market` block shared by every variant (seed,
 * regime mix, market parameters: never overridable by a variant), the `variants` (agent settings and
 * config overrides, learning on or off explicitly, an optional calibration), the `reference` and the
 * `candidates`, and the success criteria. Validated with named errors (BAD_SPEC).
 */
import { z } from 'zod';
import { AgentConfigError, parseAgentConfigPatch } from '../agent/parseAgentConfigPatch.ts';
import type { AgentConfigPatch } from '../agent/agentConfig.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { DEFAULT_REGIME_MIX, settingByKey } from '../config/settingsTable.ts';
import { MarketConfigError, parseMarketConfig } from '../market/marketConfig.ts';
import { parseRegimeMix, RegimeMixError } from '../market/regimeMix.ts';
import { REGIMES } from '../market/types.ts';

/** Campaign settings a variant may set; everything else belongs to the market block or the command. */
export const VARIANT_SETTING_KEYS = ['gasUsd', 'feeGateMult', 'feeGateUsd', 'preemptMargin', 'evGate', 'startCapitalUsd'] as const;
/** Keys that define the market or the run and so cannot differ between variants. */
const MARKET_KEYS = ['seed', 'episodes', 'lanes', 'regimeMix', 'regime_mix', 'horizonSeconds', 'horizon_s', 'market', 'params', 'source', 'hbEnv', 'execMode', 'mockClmm', 'simStartSeconds', 'realDataDir'];

const regimeName = z.enum(REGIMES);

const criterionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('net_pnl_improves'), regime: regimeName.optional() }),
  z.strictObject({ kind: z.literal('widen_pct_within'), min: z.number().min(0).max(100), max: z.number().min(0).max(100), regime: regimeName.optional() }),
  z.strictObject({ kind: z.literal('widen_pct_ratio_max'), ratio: z.number().positive(), regime: regimeName.optional() }),
  z.strictObject({ kind: z.literal('gas_ratio_max'), ratio: z.number().positive(), regime: regimeName.optional() }),
  z.strictObject({ kind: z.literal('no_bad_rule_dominates'), coverage: z.number().gt(0).max(1), regime: regimeName.optional() }),
]);
export type Criterion = z.infer<typeof criterionSchema>;

/** The notes' success criteria: net PnL improvement persists, widen within 10-20%, gas controlled (+25%), no bad rule dominates. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { kind: 'net_pnl_improves' },
  { kind: 'widen_pct_within', min: 10, max: 20 },
  { kind: 'gas_ratio_max', ratio: 1.25 },
  { kind: 'no_bad_rule_dominates', coverage: 0.8 },
];

const variantSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'letters, digits, _ or - (at most 32)'),
  description: z.string().optional(),
  /** Explicit: does the agent learn from this variant's (simulated) episodes? */
  learning: z.boolean(),
  settings: z.record(z.string(), z.union([z.number(), z.boolean()])).default({}),
  agent: z.record(z.string(), z.unknown()).default({}),
  /** 'auto': calibrate from the Dune cache, else from the recorded data; a path: that report; absent: none. */
  calibration: z.string().optional(),
});

const specSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ or - (at most 64)'),
  description: z.string().optional(),
  market: z
    .strictObject({
      regime_mix: z.string().default(DEFAULT_REGIME_MIX),
      horizon_s: z.number().int().min(60).max(604_800).refine((n) => n % 60 === 0, 'a whole number of minutes').default(21_600),
      lanes: z.number().int().min(1).max(1024).default(8),
      source: z.enum(['sim', 'replay']).default('sim'),
      sim_start: z.number().int().nonnegative().optional(),
      params: z.unknown().optional(),
    })
    .default({ regime_mix: DEFAULT_REGIME_MIX, horizon_s: 21_600, lanes: 8, source: 'sim' }),
  variants: z.array(variantSchema).min(2),
  reference: z.string(),
  candidates: z.array(z.string()).min(1),
  criteria: z.array(criterionSchema).optional(),
  /** Resamples of the lane block bootstrap (at least 2,000). */
  bootstrap_resamples: z.number().int().min(2000).max(100_000).default(2000),
});

export type ExperimentSpec = z.infer<typeof specSchema>;
export type VariantSpec = z.infer<typeof variantSchema>;

export interface ParsedSpec {
  spec: ExperimentSpec;
  criteria: Criterion[];
  /** Validated agent patches per variant name. */
  agentPatches: Map<string, AgentConfigPatch>;
}

function specError(source: string, field: string, message: string): ClmmLabError {
  return new ClmmLabError('BAD_SPEC', `${source}: ${field}: ${message}`, { details: { field, source } });
}

export function parseSpec(text: string, source = 'spec'): ParsedSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw specError(source, '(root)', `not JSON (${(error as Error).message})`);
  }
  // a variant that tries to change the market gets its own message, before the generic schema error
  if (json !== null && typeof json === 'object' && Array.isArray((json as { variants?: unknown }).variants)) {
    for (const [i, v] of ((json as { variants: unknown[] }).variants).entries()) {
      if (v === null || typeof v !== 'object') continue;
      const name = typeof (v as { name?: unknown }).name === 'string' ? (v as { name: string }).name : String(i);
      for (const where of [v as Record<string, unknown>, ((v as { settings?: unknown }).settings ?? {}) as Record<string, unknown>]) {
        for (const key of Object.keys(where)) {
          if (MARKET_KEYS.includes(key)) throw specError(source, `variants[${i}] (${name}).${where === v ? '' : 'settings.'}${key}`, 'belongs to the shared market block (or the command line); a variant cannot change the market');
        }
      }
    }
  }
  const r = specSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(root)';
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw specError(source, field, `${issue.message}${keys}`);
  }
  const spec = r.data;
  try {
    parseRegimeMix(spec.market.regime_mix);
  } catch (error) {
    if (error instanceof RegimeMixError) throw specError(source, 'market.regime_mix', error.message);
    throw error;
  }
  try {
    parseMarketConfig(spec.market.params);
  } catch (error) {
    if (error instanceof MarketConfigError) throw specError(source, `market.params.${error.field}`, `expected ${error.expected}`);
    throw error;
  }
  const names = spec.variants.map((v) => v.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw specError(source, 'variants', `two variants are named ${dup}`);
  if (!names.includes(spec.reference)) throw specError(source, 'reference', `names no variant (variants: ${names.join(', ')})`);
  for (const [i, c] of spec.candidates.entries()) {
    if (!names.includes(c)) throw specError(source, `candidates[${i}]`, `names no variant (variants: ${names.join(', ')})`);
    if (c === spec.reference) throw specError(source, `candidates[${i}]`, 'is the reference');
  }
  const agentPatches = new Map<string, AgentConfigPatch>();
  for (const [i, v] of spec.variants.entries()) {
    for (const key of Object.keys(v.settings)) {
      if (!(VARIANT_SETTING_KEYS as readonly string[]).includes(key)) throw specError(source, `variants[${i}] (${v.name}).settings.${key}`, `not a variant setting (one of ${VARIANT_SETTING_KEYS.join(', ')})`);
      const value = v.settings[key];
      const field = `variants[${i}] (${v.name}).settings.${key}`;
      if (key === 'evGate' ? typeof value !== 'boolean' : typeof value !== 'number' || !Number.isFinite(value)) {
        throw specError(source, field, key === 'evGate' ? 'expected true or false' : 'expected a number');
      }
      // the same range as the setting's flag and variable (e.g. startCapitalUsd at least 1)
      const def = settingByKey(key);
      try {
        def.parse(value!);
      } catch {
        throw specError(source, field, `expected ${def.expected}, got ${JSON.stringify(value)}`);
      }
    }
    try {
      agentPatches.set(v.name, parseAgentConfigPatch(v.agent));
    } catch (error) {
      if (error instanceof AgentConfigError) throw specError(source, `variants[${i}] (${v.name}).agent.${error.field}`, `expected ${error.expected}`);
      throw error;
    }
  }
  return { spec, criteria: spec.criteria ?? DEFAULT_CRITERIA, agentPatches };
}
