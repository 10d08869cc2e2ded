/**
 * The Redis cache backend (ioredis): values are strings under `<prefix><key>`; read-modify-write
 * is an optimistic WATCH/MULTI/EXEC transaction retried on conflict, so two schedulers sharing
 * one Redis never lose each other's writes.
 */
import { Redis } from 'ioredis';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { CacheBackend } from './backend.ts';

export interface RedisBackendOptions {
  url: string;
  /** Namespace of every key (default `clmm-lab:intel:`). */
  prefix?: string;
  connectTimeoutMs?: number;
}

/** The URL without user or password, for messages and status output. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'redis://(unparseable url)';
  }
}

export async function openRedisBackend(options: RedisBackendOptions): Promise<CacheBackend> {
  const prefix = options.prefix ?? 'clmm-lab:intel:';
  const location = `${redactRedisUrl(options.url)} (prefix ${prefix})`;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    maxRetriesPerRequest: 2,
    // reconnect a few times after a drop, never forever: a dead Redis must surface as an error
    retryStrategy: (times: number) => (times > 5 ? null : Math.min(times * 200, 1000)),
    enableOfflineQueue: true,
  });
  redis.on('error', () => {
    // errors surface through the failing command; without a listener ioredis logs to stderr
  });
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    throw new ClmmLabError('INTEL_CACHE', `cannot connect to the Redis intel cache at ${redactRedisUrl(options.url)}: ${(cause as Error).message}`, { details: { url: redactRedisUrl(options.url) }, cause });
  }

  async function guard<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (cause) {
      if (cause instanceof ClmmLabError) throw cause;
      throw new ClmmLabError('INTEL_CACHE', `Redis intel cache ${what} failed: ${(cause as Error).message}`, { details: { location }, cause });
    }
  }

  return {
    kind: 'redis',
    location,
    get: (key) => guard('read', async () => (await redis.get(prefix + key)) ?? undefined),
    update: (key, fn) =>
      guard('write', async () => {
        // WATCH needs its own connection state; duplicate() gives one per transaction
        const conn = redis.duplicate({ lazyConnect: false });
        conn.on('error', () => {});
        try {
          for (let attempt = 0; attempt < 100; attempt++) {
            await conn.watch(prefix + key);
            const current = (await conn.get(prefix + key)) ?? undefined;
            const next = fn(current);
            const tx = conn.multi();
            if (next === undefined) tx.del(prefix + key);
            else tx.set(prefix + key, next);
            const result = await tx.exec();
            if (result !== null) return next; // null: a concurrent write touched the key; retry
          }
          throw new Error(`too many concurrent writes to ${key}`);
        } finally {
          conn.disconnect();
        }
      }),
    list: (keyPrefix) =>
      guard('list', async () => {
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix + keyPrefix)}*`, 'COUNT', 500);
          cursor = next;
          keys.push(...batch);
        } while (cursor !== '0');
        keys.sort();
        if (keys.length === 0) return [];
        const values = await redis.mget(...keys);
        const out: Array<[string, string]> = [];
        keys.forEach((k, i) => {
          const v = values[i];
          if (v !== null && v !== undefined) out.push([k.slice(prefix.length), v]);
        });
        return out;
      }),
    delete: (key) => guard('delete', async () => (await redis.del(prefix + key)) > 0),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
