/**
 * The scheduler's own state, kept in the cache backend beside the entries (so a Redis-shared cache
 * shares it too): the daily credit ledger, per-entry run history, and the last plan for `status`.
 */
import { z } from 'zod';

export const schedulerStateSchema = z.object({
  /** Credits by UTC day (YYYY-MM-DD); only the last 31 days are kept. */
  credits_by_day: z.record(z.string(), z.number().nonnegative()).default({}),
  credits_total: z.number().nonnegative().default(0),
  entries: z
    .record(
      z.string(),
      z.object({
        runs: z.number().int().nonnegative().default(0),
        failures: z.number().int().nonnegative().default(0),
        credits: z.number().nonnegative().default(0),
        last_attempt_at: z.string().nullable().default(null),
        last_success_at: z.string().nullable().default(null),
        last_error: z.string().nullable().default(null),
      }),
    )
    .default({}),
  regime_changes: z.array(z.string()).default([]),
  last_cycle: z
    .object({
      at: z.string(),
      plan: z.array(z.object({ key: z.string(), query: z.string(), action: z.enum(['refresh', 'skip']), reason: z.string() })),
      notes: z.array(z.string()),
      active_pools: z.array(z.string()),
    })
    .nullable()
    .default(null),
});
export type SchedulerState = z.infer<typeof schedulerStateSchema>;

export const STATE_META = 'scheduler_state';

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function emptyState(): SchedulerState {
  return schedulerStateSchema.parse({});
}
