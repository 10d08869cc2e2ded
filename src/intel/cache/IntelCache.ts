/**
 * The intel cache: envelopes keyed by query + scope + parameters over a backend (SQLite or
 * Redis). Reads validate the envelope and the rows (against the query's columns) with zod; a
 * failed refresh keeps the last good data and records the error beside it; readers get data
 * and its quality, and never data that is too old.
 */
import { z } from 'zod';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { capText } from '../capText.ts';
import { isoOf } from '../clock.ts';
import { checkRows, type QuerySpec } from '../registry.ts';
import { canonicalScopeId, normalizeScope, type IntelScope } from '../scope.ts';
import type { CacheBackend } from './backend.ts';
import { cacheKey, envelopeSchema, type CacheEnvelope, type EnvelopeSource, type QueryParams } from './envelope.ts';
import { computeQuality, type Quality } from './quality.ts';

export interface RecordSuccessParams {
  spec: QuerySpec;
  scope: IntelScope;
  params?: QueryParams;
  rows: unknown;
  /** Dune's execution_ended_at (ISO); null when the response had none. */
  asof: string | null;
  source: Extract<EnvelopeSource, 'dune_execute' | 'dune_latest' | 'import'>;
  fetchedAtMs: number;
  executionId?: string | null;
  credits?: number | null;
  partial?: boolean;
}

export interface RecordFailureParams {
  spec: QuerySpec;
  scope: IntelScope;
  params?: QueryParams;
  error: { code: string; message: string };
  atMs: number;
}

export interface QualityRead {
  key: string;
  quality: Quality;
  age_s: number | null;
  asof: string | null;
  /** The rows, or null when the quality is too_old or missing (withheld). */
  data: Array<Record<string, unknown>> | null;
  last_error: CacheEnvelope['last_error'];
  reason: string | null;
  envelope: CacheEnvelope | undefined;
}

export interface IntelCache {
  readonly kind: 'sqlite' | 'redis';
  readonly location: string;
  key(spec: QuerySpec, scope: IntelScope, params?: QueryParams): string;
  /** The envelope under key, or undefined when absent or not a valid envelope. */
  read(key: string): Promise<CacheEnvelope | undefined>;
  write(key: string, envelope: CacheEnvelope): Promise<void>;
  recordSuccess(p: RecordSuccessParams): Promise<CacheEnvelope>;
  recordFailure(p: RecordFailureParams): Promise<CacheEnvelope>;
  getWithQuality(p: { spec: QuerySpec; scope: IntelScope; params?: QueryParams; nowMs: number }): Promise<QualityRead>;
  /** Every entry (valid envelopes only), in key order. */
  entries(): Promise<Array<{ key: string; envelope: CacheEnvelope }>>;
  delete(key: string): Promise<boolean>;
  /** Small JSON documents beside the entries (scheduler state, credit ledger), validated on read. */
  getMeta<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined>;
  updateMeta<T>(name: string, schema: z.ZodType<T>, fn: (current: T | undefined) => T): Promise<T>;
  close(): Promise<void>;
}

const ENTRY_PREFIX = 'dune:';
const META_PREFIX = 'meta:';

function parseEnvelope(text: string | undefined): CacheEnvelope | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = envelopeSchema.safeParse(json);
  return r.success ? r.data : undefined;
}

export function createIntelCache(backend: CacheBackend): IntelCache {
  const key = (spec: QuerySpec, scope: IntelScope, params?: QueryParams): string => {
    if (normalizeScope(scope).kind !== spec.scope) {
      throw new ClmmLabError('INTEL_SCOPE', `${spec.name} is ${spec.scope}-scoped, got a ${scope.kind} scope`, { details: { query: spec.name, expected: spec.scope, got: scope.kind } });
    }
    return cacheKey(spec.name, scope, params);
  };

  const base = (spec: QuerySpec, scope: IntelScope, params: QueryParams | undefined): Pick<CacheEnvelope, 'query' | 'scope_kind' | 'scope_id' | 'params' | 'ttl_s' | 'max_age_s'> => ({
    query: spec.name,
    scope_kind: spec.scope,
    scope_id: canonicalScopeId(scope),
    params: { ...(params ?? {}) },
    ttl_s: spec.ttl_seconds,
    max_age_s: spec.max_age_seconds,
  });

  const cache: IntelCache = {
    kind: backend.kind,
    location: backend.location,
    key,
    read: async (k) => parseEnvelope(await backend.get(k)),
    write: async (k, envelope) => {
      const text = JSON.stringify(envelopeSchema.parse(envelope));
      await backend.update(k, () => text);
    },
    async recordSuccess(p) {
      const checked = checkRows(p.spec, p.rows);
      if (!checked.ok) throw new ClmmLabError('DUNE_MALFORMED', `refusing to cache rows that fail the query's columns: ${checked.issue}`, { details: { query: p.spec.name } });
      const k = key(p.spec, p.scope, p.params);
      const envelope: CacheEnvelope = {
        ok: true,
        data: checked.rows,
        fetched_at: isoOf(p.fetchedAtMs),
        error: null,
        source: p.source,
        asof: p.asof,
        last_error: null,
        ...base(p.spec, p.scope, p.params),
        execution_id: p.executionId ?? null,
        credits: p.credits ?? null,
        partial: p.partial ?? false,
      };
      const text = JSON.stringify(envelope);
      await backend.update(k, () => text);
      return envelope;
    },
    async recordFailure(p) {
      const k = key(p.spec, p.scope, p.params);
      // error text may come from a server: stored capped (the client has already redacted the key)
      const message = capText(p.error.message);
      const last_error = { at: isoOf(p.atMs), code: p.error.code, message };
      let written: CacheEnvelope | undefined;
      await backend.update(k, (currentText) => {
        const current = parseEnvelope(currentText);
        if (current !== undefined && current.ok && current.data !== null) {
          // stale-while-revalidate: the last good data stays; the failure is recorded beside it
          written = { ...current, last_error };
        } else {
          written = {
            ok: false,
            data: null,
            fetched_at: isoOf(p.atMs),
            error: message,
            source: 'error',
            asof: null,
            last_error,
            ...base(p.spec, p.scope, p.params),
            execution_id: null,
            credits: null,
            partial: false,
          };
        }
        return JSON.stringify(written);
      });
      return written!;
    },
    async getWithQuality(p) {
      const k = key(p.spec, p.scope, p.params);
      const envelope = await cache.read(k);
      const q = computeQuality({ envelope, ttlS: p.spec.ttl_seconds, maxAgeS: p.spec.max_age_seconds, nowMs: p.nowMs });
      const last_error = envelope?.last_error ?? null;
      if (q.quality === 'missing' || q.quality === 'too_old') {
        return { key: k, quality: q.quality, age_s: q.age_s, asof: q.asof, data: null, last_error, reason: q.reason ?? (q.quality === 'too_old' ? 'older than max_age' : null), envelope };
      }
      // validated on every read: a cache written by an older schema must not reach an episode
      const checked = checkRows(p.spec, envelope!.data);
      if (!checked.ok) return { key: k, quality: 'missing', age_s: q.age_s, asof: q.asof, data: null, last_error, reason: checked.issue, envelope };
      return { key: k, quality: q.quality, age_s: q.age_s, asof: q.asof, data: checked.rows, last_error, reason: null, envelope };
    },
    async entries() {
      const out: Array<{ key: string; envelope: CacheEnvelope }> = [];
      for (const [k, text] of await backend.list(ENTRY_PREFIX)) {
        const envelope = parseEnvelope(text);
        if (envelope !== undefined) out.push({ key: k, envelope });
      }
      return out;
    },
    delete: (k) => backend.delete(k),
    async getMeta(name, schema) {
      const text = await backend.get(META_PREFIX + name);
      if (text === undefined) return undefined;
      try {
        const r = schema.safeParse(JSON.parse(text));
        return r.success ? r.data : undefined;
      } catch {
        return undefined;
      }
    },
    async updateMeta(name, schema, fn) {
      let result: unknown;
      await backend.update(META_PREFIX + name, (text) => {
        let current: unknown;
        if (text !== undefined) {
          try {
            const r = schema.safeParse(JSON.parse(text));
            current = r.success ? r.data : undefined;
          } catch {
            current = undefined;
          }
        }
        result = schema.parse(fn(current as never));
        return JSON.stringify(result);
      });
      return result as never;
    },
    close: () => backend.close(),
  };
  return cache;
}
