import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCacheContract } from '../../../test/intel/cacheContract.ts';
import { openIntelCache } from './openIntelCache.ts';

const dir = mkdtempSync(join(tmpdir(), 'clmm-intel-sqlite-'));

runCacheContract('sqlite', {
  open: () => openIntelCache({ kind: 'sqlite', dataDir: dir }),
  teardown: async () => rmSync(dir, { recursive: true, force: true }),
});
