/**
 * The intel scheduler's files: refresh triggers (`<dataDir>/intel/triggers.jsonl`, kept from the
 * original: `{timestamp, reason, query_key, params, priority}`) and the events it logs each cycle
 * (`intel scheduler --json` prints one per line).
 */
import { z } from 'zod';

export const TRIGGER_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

export const triggerSchema = z.strictObject({
  timestamp: z.string(),
  reason: z.string().min(1),
  /** A query name, or '*' for every enabled query up to the trigger's priority. */
  query_key: z.string().min(1),
  /** Scope (chain, pool_address, token0, token1, hook_address, wallet_address) and hints such as pending_action. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  priority: z.enum(TRIGGER_PRIORITIES),
});
export type Trigger = z.infer<typeof triggerSchema>;

/** Wall-clock time of the scheduler (a service, not a run: its events are not deterministic). */
const at = z.string();
const keyQuery = { key: z.string(), query: z.string() };

export const schedulerEventSchema = z.discriminatedUnion('event', [
  z.strictObject({ at, event: z.literal('cycle_start'), triggers: z.number().int().nonnegative(), in_flight: z.array(z.string()) }),
  z.strictObject({
    at,
    event: z.literal('plan'),
    active_pools: z.array(z.string()),
    signals: z.strictObject({ fees_to_gas: z.number().nullable().optional(), jump_rate: z.number().nullable().optional(), high_gas: z.boolean().optional(), high_churn: z.boolean().optional() }),
    notes: z.array(z.string()),
    decisions: z.array(z.strictObject({ key: z.string(), action: z.enum(['refresh', 'skip']), reason: z.string() })),
  }),
  z.strictObject({ at, event: z.literal('refresh_start'), ...keyQuery }),
  z.strictObject({ at, event: z.literal('refresh_ok'), ...keyQuery, source: z.enum(['dune_execute', 'dune_latest']), credits: z.number(), ms: z.number() }),
  z.strictObject({ at, event: z.literal('refresh_failed'), ...keyQuery, code: z.string(), message: z.string() }),
  z.strictObject({ at, event: z.literal('cycle_end'), refreshed: z.number().int(), failed: z.number().int(), credits: z.number(), credits_today: z.number() }),
  z.strictObject({ at, event: z.literal('trigger_invalid'), line: z.string(), issue: z.string() }),
  z.strictObject({ at, event: z.literal('stopping'), in_flight: z.array(z.string()) }),
]);
export type SchedulerEvent = z.infer<typeof schedulerEventSchema>;
