import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCacheContract } from '../../../test/intel/cacheContract.ts';
import { startRedisServer, type RedisServerHandle } from '../../../test/redis/redisServer.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { openIntelCache } from './openIntelCache.ts';

let redis: RedisServerHandle | undefined;
const prefix = `clmm-lab-test:${process.pid}:`;

runCacheContract('redis', {
  open: async () => {
    redis ??= await startRedisServer();
    return openIntelCache({ kind: 'redis', url: redis.url, prefix });
  },
  teardown: async () => {
    await redis?.stop();
  },
});

it('an unreachable Redis is a named INTEL_CACHE error, not a hang', async () => {
  await assert.rejects(openIntelCache({ kind: 'redis', url: 'redis://user:secret@127.0.0.1:9', connectTimeoutMs: 500 }), (e: unknown) => {
    assert.ok(e instanceof ClmmLabError);
    assert.equal(e.code, 'INTEL_CACHE');
    assert.ok(!e.message.includes('secret'), 'credentials are redacted');
    return true;
  });
});
