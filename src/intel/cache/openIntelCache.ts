/**
 * Opens the intel cache: SQLite by default (`<dataDir>/intel/cache.sqlite`), or Redis when
 * several processes or machines share one cache. Both give the same IntelCache contract.
 */
import { join } from 'node:path';
import { checkDataDir } from '../../store/checkDataDir.ts';
import { createIntelCache, type IntelCache } from './IntelCache.ts';
import { openRedisBackend } from './redisBackend.ts';
import { openSqliteBackend } from './sqliteBackend.ts';

export type OpenIntelCacheOptions =
  | { kind: 'sqlite'; /** File path, or ':memory:'. Default `<dataDir>/intel/cache.sqlite`. */ path?: string; dataDir?: string }
  | { kind: 'redis'; url: string; /** Key namespace, default `clmm-lab:intel:`. */ prefix?: string; connectTimeoutMs?: number };

export function defaultSqlitePath(dataDir: string): string {
  return join(dataDir, 'intel', 'cache.sqlite');
}

export async function openIntelCache(options: OpenIntelCacheOptions): Promise<IntelCache> {
  if (options.kind === 'sqlite') {
    // the default file lives in the data dir, which must be a folder this user can write (bad input if not)
    if (options.path === undefined) checkDataDir({ dataDir: options.dataDir ?? 'data', sub: 'intel', file: 'cache.sqlite' });
    const path = options.path ?? defaultSqlitePath(options.dataDir ?? 'data');
    return createIntelCache(openSqliteBackend(path));
  }
  const backend = await openRedisBackend({ url: options.url, prefix: options.prefix, connectTimeoutMs: options.connectTimeoutMs });
  return createIntelCache(backend);
}
