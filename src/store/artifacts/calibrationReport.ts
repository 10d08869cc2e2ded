/**
 * The calibration report (kept from the original: `{input_metrics, calibrated_constants{GAS_USD,
 * FEE_GATE, LOSS_BREAKER, OOR_CRITICAL_DEFAULT, OOR_CRITICAL_BY_REGIME, REGIME_MIN_WIDTH},
 * calibrated_regime_mix, recommendations}`, fields added, none renamed): `calibrate`'s output, a
 * run's `calibration.json`, and the file `DUNE_CALIBRATION_JSON` / `--calibration` name.
 */
import { z } from 'zod';
import { REGIMES } from '../../market/types.ts';

const regimeKey = z.enum(REGIMES);
export const INPUT_QUALITIES = ['fresh', 'stale', 'too_old', 'missing', 'recorded'] as const;

export const inputMetricSchema = z.strictObject({
  value: z.number().nullable(),
  /** `dune:<query>`, `real_data`, `derived`, or `missing`. */
  source: z.string().min(1),
  quality: z.enum(INPUT_QUALITIES),
  asof: z.string().nullable(),
});
export type InputMetric = z.infer<typeof inputMetricSchema>;

const byRegime = <T extends z.ZodType>(v: T) => z.strictObject(Object.fromEntries(REGIMES.map((r) => [r, v])) as Record<(typeof REGIMES)[number], T>);

export const calibratedConstantsSchema = z.strictObject({
  GAS_USD: z.number().positive(),
  FEE_GATE: z.number().positive(),
  /** A fraction of lane capital (negative), e.g. -0.1. */
  LOSS_BREAKER: z.number().min(-1).max(0),
  OOR_CRITICAL_DEFAULT: z.number().min(1).max(100),
  OOR_CRITICAL_BY_REGIME: byRegime(z.number().min(1).max(100)),
  REGIME_MIN_WIDTH: byRegime(z.number().int().positive()).extend({ default: z.number().int().positive() }).strict(),
});
export type CalibratedConstants = z.infer<typeof calibratedConstantsSchema>;

const sourceSchema = z.strictObject({ source: z.string(), rule: z.string(), inputs: z.array(z.string()) });

export const recommendationSchema = z.strictObject({ constant: z.string().nullable(), source: z.string(), message: z.string() });

export const calibrationReportSchema = z.strictObject({
  schema_version: z.literal(1),
  generated_at: z.string(),
  input_metrics: z.record(z.string(), inputMetricSchema),
  calibrated_constants: calibratedConstantsSchema,
  /** Where each constant came from: the input's source, or 'default'. */
  constant_sources: z.strictObject({ GAS_USD: sourceSchema, FEE_GATE: sourceSchema, LOSS_BREAKER: sourceSchema, OOR_CRITICAL_DEFAULT: sourceSchema, OOR_CRITICAL_BY_REGIME: sourceSchema, REGIME_MIN_WIDTH: sourceSchema }),
  calibrated_regime_mix: z.partialRecord(regimeKey, z.number().min(0).max(1)).refine((m) => Object.keys(m).length === 0 || Math.abs(Object.values(m).reduce((a, b) => a + (b ?? 0), 0) - 1) <= 0.01, 'weights must sum to 1 (within 0.01)'),
  /** The mix in HB_REGIME_MIX form, or null when not calibrated. */
  regime_mix: z.string().nullable(),
  regime_mix_source: z.string(),
  gas_cost_per_action_usd: z.record(z.string(), z.number().nonnegative()),
  gas_cost_per_action_source: z.string(),
  per_regime: z.partialRecord(regimeKey, z.strictObject({ share: z.number(), windows: z.number().int().nonnegative(), vol_median: z.number().nullable(), fees_usd_per_hour: z.number().nullable(), volume_usd_per_hour: z.number().nullable() })),
  per_regime_source: z.string(),
  recommendations: z.array(recommendationSchema),
  real_data: z.strictObject({ files: z.array(z.string()), windows: z.number().int(), skipped: z.array(z.string()) }).nullable().default(null),
});
export type CalibrationReport = z.infer<typeof calibrationReportSchema>;
