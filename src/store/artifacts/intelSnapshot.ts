/**
 * `intel_snapshot.json`: the intel a run froze at its start (per query its quality, age and as-of,
 * the hygiene summary, the data rows). Its sha256 is recorded in `run_config.json` and every
 * `metadata.json`. A snapshot written before `schema_version` existed reads as version 1 (the
 * documented migration: absent means 1; see docs/runbook.md).
 */
import { z } from 'zod';

export const snapshotEntrySchema = z.strictObject({
  quality: z.enum(['fresh', 'stale', 'too_old', 'missing']),
  age_s: z.number().nullable(),
  asof: z.string().nullable(),
  /** Why a cached result was not used: it is newer than the run's simulated start. */
  reason: z.literal('after_run_start').optional(),
});
export type SnapshotEntryRecord = z.infer<typeof snapshotEntrySchema>;

export const intelHygieneSchema = z.strictObject({
  total_queries: z.number().int().nonnegative(),
  fresh: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  missing_or_too_old: z.number().int().nonnegative(),
  fresh_pct: z.number(),
});

export const intelSnapshotSchema = z.strictObject({
  schema_version: z.literal(1).optional(),
  entries: z.record(z.string(), snapshotEntrySchema),
  hygiene: intelHygieneSchema,
  /** The cached rows of each query (null when too old or missing): Dune's data, not a schema of ours. */
  data: z.record(z.string(), z.array(z.record(z.string(), z.unknown())).nullable()),
});
export type IntelSnapshotArtifact = z.infer<typeof intelSnapshotSchema>;
