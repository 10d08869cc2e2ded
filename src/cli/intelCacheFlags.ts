/** The intel cache flags shared by the commands that read or refresh the cache. */
import type { Command } from 'commander';
import { badInput } from '../errors/ClmmLabError.ts';
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import { openIntelCache } from '../intel/cache/openIntelCache.ts';
import type { IntelEnv } from '../intel/env.ts';

export interface CacheFlags {
  /** The resolved data dir (resolveDataDir). */
  dataDir: string;
  cache?: string;
  redisUrl?: string;
}

/** The cache options as commander parses them: `--data-dir` may be absent (then CLMM_DATA_DIR, ./data). */
export type CacheOptionValues = Omit<CacheFlags, 'dataDir'> & { dataDir?: string };

/** Opens the intel cache the flags and environment ask for (SQLite under the data dir by default). */
export async function openCacheFromFlags(flags: CacheFlags, env: IntelEnv): Promise<IntelCache> {
  const kind = flags.cache ?? env.cacheKind;
  if (kind !== 'sqlite' && kind !== 'redis') throw badInput('BAD_FLAG', '--cache', 'sqlite or redis', kind);
  if (kind === 'sqlite') return openIntelCache({ kind: 'sqlite', dataDir: flags.dataDir });
  const url = flags.redisUrl ?? env.redisUrl;
  if (url === undefined) throw badInput('BAD_ENV', 'CLMM_INTEL_REDIS_URL', 'a redis:// URL when the cache is redis (or --redis-url)');
  return openIntelCache({ kind: 'redis', url });
}

export function addCacheOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'data directory (env CLMM_DATA_DIR; default ./data); the SQLite cache is <dir>/intel/cache.sqlite')
    .option('--cache <kind>', 'cache backend: sqlite or redis (env CLMM_INTEL_CACHE)')
    .option('--redis-url <url>', 'Redis URL when --cache redis (env CLMM_INTEL_REDIS_URL)');
}
