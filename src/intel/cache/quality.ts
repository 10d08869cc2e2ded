/**
 * Quality of a cached result, from its as-of time and a clock passed in:
 * fresh (age <= ttl), stale (age <= max_age), too_old (older), missing (no entry, ok=false, no
 * data, or a timestamp that does not parse). The TTL and max age come from the registry, so a
 * registry change applies to entries already stored.
 */
import { parseTimestamp } from '../clock.ts';
import type { CacheEnvelope } from './envelope.ts';

export const QUALITIES = ['fresh', 'stale', 'too_old', 'missing'] as const;
export type Quality = (typeof QUALITIES)[number];

export interface QualityInfo {
  quality: Quality;
  /** Whole seconds since asof; null when missing for want of a usable timestamp. */
  age_s: number | null;
  asof: string | null;
  /** Why it is missing (or null). */
  reason: string | null;
}

export function computeQuality(params: { envelope: CacheEnvelope | undefined; ttlS: number; maxAgeS: number; nowMs: number }): QualityInfo {
  const { envelope, ttlS, maxAgeS, nowMs } = params;
  if (envelope === undefined) return { quality: 'missing', age_s: null, asof: null, reason: 'no entry' };
  if (!envelope.ok || envelope.data === null) {
    return { quality: 'missing', age_s: null, asof: envelope.asof, reason: envelope.error ?? envelope.last_error?.message ?? 'not ok' };
  }
  // Data age is Dune's execution end; an entry without it (a latest result that lacked the field) falls back to our fetch time.
  const stamp = envelope.asof ?? envelope.fetched_at;
  const asofMs = parseTimestamp(stamp);
  if (asofMs === undefined) return { quality: 'missing', age_s: null, asof: envelope.asof, reason: `bad timestamp ${JSON.stringify(stamp)}` };
  // A slightly future asof (clock skew, or a simulated clock behind the data) counts as age 0.
  const age_s = Math.max(0, Math.floor((nowMs - asofMs) / 1000));
  const quality: Quality = age_s <= ttlS ? 'fresh' : age_s <= maxAgeS ? 'stale' : 'too_old';
  return { quality, age_s, asof: new Date(asofMs).toISOString(), reason: null };
}
