/**
 * What a cache backend must do: text values under string keys, an atomic read-modify-write, a
 * prefix listing. SQLite (default, a file under the data dir) and Redis (shared between
 * processes and machines) implement it; everything else (envelopes, quality, failures kept
 * beside good data, meta such as the credit ledger) is written once on top, in IntelCache.ts.
 */
export interface CacheBackend {
  readonly kind: 'sqlite' | 'redis';
  /** Where it lives, for status output (a file path, or a Redis URL without credentials). */
  readonly location: string;
  get(key: string): Promise<string | undefined>;
  /**
   * Atomically replaces the value of `key` by `fn(current)`; `undefined` from fn deletes it.
   * fn may run more than once (Redis retries on a concurrent write), so it must be pure.
   */
  update(key: string, fn: (current: string | undefined) => string | undefined): Promise<string | undefined>;
  /** All keys starting with prefix, with values, in key order. */
  list(prefix: string): Promise<Array<[string, string]>>;
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
}
