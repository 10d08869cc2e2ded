/**
 * The request and response schemas of the API. Responses are built from the typed artifacts of
 * src/store/artifacts (each artifact appears as its own schema, unchanged); the few envelopes
 * around them (a page of episode rows, a run's list line) are declared here.
 */
import { z } from 'zod';
import { RUN_ID } from '../campaign/runFolder.ts';
import { RUN_STATUSES } from '../campaign/runStatus.ts';
import { QUALITIES } from '../intel/cache/quality.ts';
import { failureSchema, metadataSchema, proposalSchema, resultSchema, rewardSchema } from '../store/artifacts/episodeFiles.ts';
import { experimentReportSchema } from '../store/artifacts/experimentReport.ts';
import { episodeMetricsRowSchema, metricsSummarySchema } from '../store/artifacts/metricsFiles.ts';
import { runConfigSchema } from '../store/artifacts/runFiles.ts';

const ID_EXPECTED = "letters, digits, '_', '.' or '-' (at most 128, not starting with a symbol)";
const id = z.string().regex(RUN_ID, { error: ID_EXPECTED });

/** `ep_<run_id>_<index>` (DESIGN.md, "Lanes and ids"). */
export const EPISODE_ID = /^ep_[A-Za-z0-9][A-Za-z0-9_.-]{0,127}_(0|[1-9]\d{0,8})$/;

/** A non-negative decimal integer in a query string or header, at most `max`. */
function uintText(max: number) {
  return z
    .string()
    .regex(/^(0|[1-9]\d{0,14})$/, { error: `a non-negative decimal integer (at most ${max})` })
    .transform(Number)
    .pipe(z.number().max(max, { error: `a non-negative decimal integer (at most ${max})` }));
}

export const EPISODES_PAGE_DEFAULT = 100;
export const EPISODES_PAGE_MAX = 1000;

export const runParamsSchema = z.strictObject({ runId: id });
export const episodeParamsSchema = z.strictObject({ runId: id, episodeId: z.string().regex(EPISODE_ID, { error: 'ep_<run_id>_<index>' }) });
export const experimentParamsSchema = z.strictObject({ experimentId: id });
export const episodesQuerySchema = z.strictObject({
  offset: uintText(Number.MAX_SAFE_INTEGER).optional(),
  limit: uintText(EPISODES_PAGE_MAX).pipe(z.number().min(1, { error: `an integer from 1 to ${EPISODES_PAGE_MAX}` })).optional(),
});
/** EventSource sends the last `id:` it saw when it reconnects. */
export const eventsHeadersSchema = z.object({ 'last-event-id': uintText(Number.MAX_SAFE_INTEGER).optional() });

const int = z.number().int();

export const runListItemSchema = z.strictObject({
  run_id: z.string(),
  status: z.enum(RUN_STATUSES),
  episodes: int.nullable(),
  episodes_done: int,
  seed: int.nullable(),
  market: z.string().nullable(),
  total_pnl_usd: z.number().nullable(),
});

export const runListSchema = z.strictObject({ runs: z.array(runListItemSchema) });

export const runDetailSchema = z.strictObject({
  run: runListItemSchema,
  run_config: runConfigSchema,
  /** metrics_summary.json of a complete run; null until the run completes (see /summary). */
  summary: metricsSummarySchema.nullable(),
});

export const runSummarySchema = z.strictObject({
  run_id: z.string(),
  status: z.enum(RUN_STATUSES),
  /** metrics_summary.json for a complete run; computed from the rows so far otherwise. */
  source: z.enum(['metrics_summary.json', 'episode_metrics.jsonl']),
  summary: metricsSummarySchema,
});

export const episodesPageSchema = z.strictObject({
  run_id: z.string(),
  total: int,
  offset: int,
  limit: int,
  episodes: z.array(episodeMetricsRowSchema),
});

export const episodeDetailSchema = z.strictObject({
  run_id: z.string(),
  episode_id: z.string(),
  metadata: metadataSchema,
  /** Absent for a failed episode. */
  proposal: proposalSchema.nullable(),
  result: resultSchema,
  reward: rewardSchema.nullable(),
  failure: failureSchema.nullable(),
});

export const experimentListItemSchema = z.strictObject({
  id: z.string(),
  has_report: z.boolean(),
  name: z.string().nullable(),
  complete: z.boolean().nullable(),
  verdict: z.enum(['PASS', 'FAIL']).nullable(),
  episodes_requested: int.nullable(),
  episodes_analyzed: int.nullable(),
  reference: z.string().nullable(),
  candidates: z.array(z.string()).nullable(),
});

export const experimentListSchema = z.strictObject({ experiments: z.array(experimentListItemSchema) });

export { experimentReportSchema };

/** `clmm-lab intel status --json` without its `dune_api` line (the server holds no key). */
export const intelStatusSchema = z.strictObject({
  at: z.string(),
  cache: z.string(),
  rows: z.array(
    z.strictObject({
      query: z.string(),
      priority: z.string(),
      scope_id: z.string(),
      quality: z.enum(QUALITIES),
      age_s: z.number().nullable(),
      asof: z.string().nullable(),
      next_refresh: z.string(),
      credits: z.number(),
      runs: z.number(),
      last_error: z.string().nullable(),
    }),
  ),
  credits: z.strictObject({ today: z.number(), total: z.number(), daily_budget: z.number() }),
  last_cycle: z.strictObject({ at: z.string(), notes: z.array(z.string()), active_pools: z.array(z.string()) }).nullable(),
});
