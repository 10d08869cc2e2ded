/**
 * `events.jsonl`: the run's `RunEvent`s, one per line, each with a sequence number (`seq`, 0-based,
 * no gaps) and simulated time (`at`), never the wall clock, so the file is deterministic and a
 * resume rebuilds it byte for byte. Episode events are written in episode-index order by the run's
 * single writer. `alert` and `halt` are declared for the monitoring and live issues; no campaign
 * emits them yet.
 */
import { z } from 'zod';
import { ACTIONS } from '../../agent/types.ts';

const head = {
  schema_version: z.literal(1),
  seq: z.number().int().nonnegative(),
  /** Simulated time, ISO 8601 UTC. */
  at: z.string(),
  run_id: z.string(),
};
const episode = { episode_id: z.string(), index: z.number().int().nonnegative(), lane: z.number().int().nonnegative() };

export const runStartedEventSchema = z.strictObject({
  ...head,
  type: z.literal('run_started'),
  episodes: z.number().int().positive(),
  lanes: z.number().int().positive(),
  seed: z.number().int(),
  market: z.enum(['sim', 'replay']),
  exec_mode: z.string(),
});

export const episodeStartedEventSchema = z.strictObject({ ...head, type: z.literal('episode_started'), ...episode });

export const episodeFinishedEventSchema = z.strictObject({
  ...head,
  type: z.literal('episode_finished'),
  ...episode,
  action: z.enum(ACTIONS).nullable(),
  rule_fired: z.string().nullable(),
  ev_gate_passed: z.boolean().nullable(),
  pnl_usd: z.number(),
  alpha_usd: z.number().nullable(),
});

export const episodeFailedEventSchema = z.strictObject({ ...head, type: z.literal('episode_failed'), ...episode, error: z.string() });

export const runFinishedEventSchema = z.strictObject({
  ...head,
  type: z.literal('run_finished'),
  total_episodes: z.number().int().nonnegative(),
  successful: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total_pnl_usd: z.number(),
});

export const alertEventSchema = z.strictObject({
  ...head,
  type: z.literal('alert'),
  severity: z.enum(['info', 'warning', 'critical']),
  code: z.string(),
  message: z.string(),
  episode_id: z.string().nullable(),
});

export const haltEventSchema = z.strictObject({ ...head, type: z.literal('halt'), code: z.string(), message: z.string(), episode_id: z.string().nullable() });

export const runEventSchema = z.discriminatedUnion('type', [runStartedEventSchema, episodeStartedEventSchema, episodeFinishedEventSchema, episodeFailedEventSchema, runFinishedEventSchema, alertEventSchema, haltEventSchema]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
