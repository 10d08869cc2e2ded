/**
 * Response bodies of Dune's execution API (refs/dune-api.md §2-3, OpenAPI models), as zod
 * schemas: a body that does not fit is DUNE_MALFORMED, never a crash further down.
 */
import { z } from 'zod';

export const EXECUTION_STATES = [
  'QUERY_STATE_PENDING',
  'QUERY_STATE_EXECUTING',
  'QUERY_STATE_COMPLETED',
  'QUERY_STATE_COMPLETED_PARTIAL',
  'QUERY_STATE_FAILED',
  'QUERY_STATE_CANCELLED',
  // the status doc spells it with one L; both SDKs use two: accept both
  'QUERY_STATE_CANCELED',
  'QUERY_STATE_EXPIRED',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

/** Every state but the two an execution passes through on its way to a result. */
export const TERMINAL_STATES: ReadonlySet<ExecutionState> = new Set(EXECUTION_STATES.filter((s) => s !== 'QUERY_STATE_PENDING' && s !== 'QUERY_STATE_EXECUTING'));

const stateSchema = z.enum(EXECUTION_STATES);
const optString = z.string().nullish();

export const executeResponseSchema = z.looseObject({ execution_id: z.string().min(1), state: stateSchema });
export type ExecuteResponse = z.infer<typeof executeResponseSchema>;

export const executionErrorSchema = z.looseObject({ type: z.string().optional(), message: z.string().optional(), metadata: z.unknown().optional() });

export const resultMetadataSchema = z.looseObject({
  column_names: z.array(z.string()).optional(),
  column_types: z.array(z.string()).optional(),
  row_count: z.number().int().optional(),
  total_row_count: z.number().int().optional(),
  result_set_bytes: z.number().optional(),
  total_result_set_bytes: z.number().optional(),
  datapoint_count: z.number().optional(),
  pending_time_millis: z.number().optional(),
  execution_time_millis: z.number().optional(),
});
export type ResultMetadata = z.infer<typeof resultMetadataSchema>;

export const statusResponseSchema = z.looseObject({
  execution_id: z.string().min(1),
  query_id: z.number().int().optional(),
  state: stateSchema,
  is_execution_finished: z.boolean().optional(),
  queue_position: z.number().int().nullish(),
  submitted_at: optString,
  expires_at: optString,
  execution_started_at: optString,
  execution_ended_at: optString,
  cancelled_at: optString,
  execution_cost_credits: z.number().nonnegative().nullish(),
  result_metadata: resultMetadataSchema.nullish(),
  error: executionErrorSchema.nullish(),
});
export type ExecutionStatus = z.infer<typeof statusResponseSchema>;

export const resultsResponseSchema = z.looseObject({
  execution_id: z.string().min(1),
  query_id: z.number().int().optional(),
  state: stateSchema,
  is_execution_finished: z.boolean().optional(),
  submitted_at: optString,
  expires_at: optString,
  execution_started_at: optString,
  execution_ended_at: optString,
  result: z
    .looseObject({
      rows: z.array(z.record(z.string(), z.unknown())),
      metadata: resultMetadataSchema.optional(),
      update_type: z.string().optional(),
    })
    .nullish(),
  next_uri: z.string().nullish(),
  next_offset: z.number().int().nullish(),
  error: executionErrorSchema.nullish(),
});
export type ResultsResponse = z.infer<typeof resultsResponseSchema>;

export const cancelResponseSchema = z.looseObject({ success: z.boolean() });

export const usageResponseSchema = z.looseObject({
  private_queries: z.number().optional(),
  private_dashboards: z.number().optional(),
  bytes_used: z.number().optional(),
  bytes_allowed: z.number().optional(),
  billing_periods: z.array(z.looseObject({ start_date: z.string(), end_date: z.string(), credits_used: z.number(), credits_included: z.number() })).default([]),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

export const errorBodySchema = z.looseObject({ error: z.string() });
