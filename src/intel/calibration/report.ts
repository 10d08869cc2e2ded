/**
 * The calibration report (kept from the original: `{input_metrics, calibrated_constants{GAS_USD,
 * FEE_GATE, LOSS_BREAKER, OOR_CRITICAL_DEFAULT, OOR_CRITICAL_BY_REGIME, REGIME_MIN_WIDTH},
 * calibrated_regime_mix, recommendations}`, fields added, none renamed), its one serialisation,
 * its sha256, and `loadCalibration` for `DUNE_CALIBRATION_JSON` / `--calibration FILE`: a bad or
 * incomplete file is a BAD_CALIBRATION error naming the field.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { REGIME_NAMES } from './regimeWindows.ts';

const regimeKey = z.enum(REGIME_NAMES);
export const INPUT_QUALITIES = ['fresh', 'stale', 'too_old', 'missing', 'recorded'] as const;

export const inputMetricSchema = z.object({
  value: z.number().finite().nullable(),
  /** `dune:<query>`, `real_data`, `derived`, or `missing`. */
  source: z.string().min(1),
  quality: z.enum(INPUT_QUALITIES),
  asof: z.string().nullable(),
});
export type InputMetric = z.infer<typeof inputMetricSchema>;

const byRegime = <T extends z.ZodType>(v: T) => z.strictObject(Object.fromEntries(REGIME_NAMES.map((r) => [r, v])) as Record<(typeof REGIME_NAMES)[number], T>);

export const calibratedConstantsSchema = z.object({
  GAS_USD: z.number().finite().positive(),
  FEE_GATE: z.number().finite().positive(),
  /** A fraction of lane capital (negative), e.g. -0.1. */
  LOSS_BREAKER: z.number().finite().min(-1).max(0),
  OOR_CRITICAL_DEFAULT: z.number().finite().min(1).max(100),
  OOR_CRITICAL_BY_REGIME: byRegime(z.number().finite().min(1).max(100)),
  REGIME_MIN_WIDTH: byRegime(z.number().int().positive()).extend({ default: z.number().int().positive() }),
});
export type CalibratedConstants = z.infer<typeof calibratedConstantsSchema>;

export const CONSTANT_NAMES = ['GAS_USD', 'FEE_GATE', 'LOSS_BREAKER', 'OOR_CRITICAL_DEFAULT', 'OOR_CRITICAL_BY_REGIME', 'REGIME_MIN_WIDTH'] as const;
export type ConstantName = (typeof CONSTANT_NAMES)[number];

const sourceSchema = z.object({ source: z.string(), rule: z.string(), inputs: z.array(z.string()) });

export const recommendationSchema = z.object({ constant: z.string().nullable(), source: z.string(), message: z.string() });

export const calibrationReportSchema = z.object({
  schema_version: z.literal(1),
  generated_at: z.string(),
  input_metrics: z.record(z.string(), inputMetricSchema),
  calibrated_constants: calibratedConstantsSchema,
  /** Where each constant came from: the input's source, or 'default'. */
  constant_sources: z.object({ GAS_USD: sourceSchema, FEE_GATE: sourceSchema, LOSS_BREAKER: sourceSchema, OOR_CRITICAL_DEFAULT: sourceSchema, OOR_CRITICAL_BY_REGIME: sourceSchema, REGIME_MIN_WIDTH: sourceSchema }),
  calibrated_regime_mix: z.partialRecord(regimeKey, z.number().min(0).max(1)).refine((m) => Object.keys(m).length === 0 || Math.abs(Object.values(m).reduce((a, b) => a + (b ?? 0), 0) - 1) <= 0.01, 'weights must sum to 1 (within 0.01)'),
  /** The mix in HB_REGIME_MIX form, or null when not calibrated. */
  regime_mix: z.string().nullable(),
  regime_mix_source: z.string(),
  gas_cost_per_action_usd: z.record(z.string(), z.number().finite().nonnegative()),
  gas_cost_per_action_source: z.string(),
  per_regime: z.partialRecord(regimeKey, z.object({ share: z.number(), windows: z.number().int().nonnegative(), vol_median: z.number().nullable(), fees_usd_per_hour: z.number().nullable(), volume_usd_per_hour: z.number().nullable() })),
  per_regime_source: z.string(),
  recommendations: z.array(recommendationSchema),
  real_data: z.object({ files: z.array(z.string()), windows: z.number().int(), skipped: z.array(z.string()) }).nullable().default(null),
});
export type CalibrationReport = z.infer<typeof calibrationReportSchema>;

/** The one serialisation: pretty JSON with a trailing newline; the sha256 is of these bytes. */
export function serializeCalibration(report: CalibrationReport): { text: string; sha256: string } {
  const text = `${JSON.stringify(calibrationReportSchema.parse(report), null, 2)}\n`;
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** Validates a calibration file's text; the sha256 is of the text as given. */
export function loadCalibration(text: string, source = 'calibration'): { report: CalibrationReport; sha256: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClmmLabError('BAD_CALIBRATION', `${source}: not JSON (${(cause as Error).message})`, { details: { field: '(root)', source }, cause });
  }
  const r = calibrationReportSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    throw new ClmmLabError('BAD_CALIBRATION', `${source}: ${field}: ${missing ? 'missing' : issue.message}`, { details: { field, source, issue: issue.message } });
  }
  return { report: r.data, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
