import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { checkDataDir } from './checkDataDir.ts';

test('a data dir that is a file, or lies below one, is BAD_DATA_DIR naming --data-dir; a new or existing folder passes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clmm-checkdatadir-'));
  try {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    const bad = (dataDir: string, path: string) =>
      assert.throws(
        () => checkDataDir({ dataDir, sub: 'intel', file: 'cache.sqlite' }),
        (e: unknown) => e instanceof ClmmLabError && e.code === 'BAD_DATA_DIR' && e.kind === 'bad_input' && /^--data-dir/.test(e.message) && e.details?.path === path,
      );
    bad(file, file);
    bad(join(file, 'below', 'deeper'), file);
    mkdirSync(join(dir, 'has-intel-file'));
    writeFileSync(join(dir, 'has-intel-file', 'intel'), '');
    bad(join(dir, 'has-intel-file'), join(dir, 'has-intel-file', 'intel'));
    checkDataDir({ dataDir: join(dir, 'new', 'nested'), sub: 'intel', file: 'cache.sqlite' });
    mkdirSync(join(dir, 'existing', 'intel'), { recursive: true });
    writeFileSync(join(dir, 'existing', 'intel', 'cache.sqlite'), '');
    checkDataDir({ dataDir: join(dir, 'existing'), sub: 'intel', file: 'cache.sqlite' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
