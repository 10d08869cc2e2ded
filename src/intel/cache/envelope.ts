/**
 * The cache envelope (kept from the original: `{ok, data, fetched_at, ttl_s, error, source}`)
 * plus `asof` (Dune's execution_ended_at: the age of the data, not of our fetch), `last_error`
 * (the latest failed refresh, kept beside the last good data) and where the entry came from.
 */
import { z } from 'zod';
import type { IntelScope } from '../scope.ts';
import { canonicalScopeId, normalizeScope } from '../scope.ts';

export const ENVELOPE_SOURCES = ['dune_execute', 'dune_latest', 'error', 'import'] as const;
export type EnvelopeSource = (typeof ENVELOPE_SOURCES)[number];

export const lastErrorSchema = z.object({ at: z.string(), code: z.string(), message: z.string() });
export type LastError = z.infer<typeof lastErrorSchema>;

export const envelopeSchema = z.object({
  ok: z.boolean(),
  data: z.array(z.record(z.string(), z.unknown())).nullable(),
  fetched_at: z.string(),
  ttl_s: z.number().int().nonnegative(),
  error: z.string().nullable(),
  source: z.enum(ENVELOPE_SOURCES),
  asof: z.string().nullable(),
  last_error: lastErrorSchema.nullable(),
  query: z.string(),
  scope_kind: z.string(),
  scope_id: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  max_age_s: z.number().int().nonnegative(),
  execution_id: z.string().nullable(),
  credits: z.number().nonnegative().nullable(),
  /** True when Dune returned a truncated result (QUERY_STATE_COMPLETED_PARTIAL). */
  partial: z.boolean().default(false),
});
export type CacheEnvelope = z.infer<typeof envelopeSchema>;

export type QueryParams = Readonly<Record<string, string | number>>;

/** Parameters in the key: sorted by name, values as text (so 24 and "24" are one key). */
export function canonicalParams(params: QueryParams | undefined): Array<[string, string]> {
  if (params === undefined) return [];
  return Object.keys(params)
    .sort()
    .map((k) => [k, String(params[k])]);
}

/**
 * The cache key: `dune:<query>:<scope kind>:<canonical scope id>` then `:<param>=<value>` for
 * each caller-supplied parameter in name order. Registry defaults are not in the key, so a call
 * with no overrides and one that spells the defaults out are different requests only if they differ.
 */
export function cacheKey(query: string, scope: IntelScope, params?: QueryParams): string {
  const s = normalizeScope(scope);
  const tail = canonicalParams(params)
    .map(([k, v]) => `:${k}=${v}`)
    .join('');
  return `dune:${query}:${s.kind}:${canonicalScopeId(s)}${tail}`;
}

export type ParsedKey = { query: string; scope_kind: string; scope_id: string; params: Record<string, string> };

/** Inverse of cacheKey for listing; undefined for keys that are not entry keys. */
export function parseCacheKey(key: string): ParsedKey | undefined {
  const m = /^dune:([a-z0-9_]+):(global|pool|pair|hook|wallet):(.*)$/.exec(key);
  if (!m) return undefined;
  const [, query, scope_kind, rest] = m as unknown as [string, string, string, string];
  const parts = rest.split(':');
  // the scope id is `global` or `chain:id`; params follow as k=v
  const idParts = scope_kind === 'global' ? 1 : 2;
  const scope_id = parts.slice(0, idParts).join(':');
  const params: Record<string, string> = {};
  for (const p of parts.slice(idParts)) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return { query, scope_kind, scope_id, params };
}
