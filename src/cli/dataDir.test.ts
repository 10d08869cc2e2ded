import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, whyNotAsNobody } from '../../test/cli/runCli.ts';
import { resolveDataDir } from './dataDir.ts';

describe('the data dir', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'clmm-datadir-'));
    // mkdtemp gives 0700: nobody must reach the folders inside (the read-only case below)
    chmodSync(dir, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves one way: --data-dir > CLMM_DATA_DIR > ./data, absolute; an empty value counts as unset', () => {
    assert.equal(resolveDataDir('flag', { CLMM_DATA_DIR: '/env' }), resolve('flag'));
    assert.equal(resolveDataDir(undefined, { CLMM_DATA_DIR: '/env' }), '/env');
    assert.equal(resolveDataDir(undefined, {}), resolve('data'));
    assert.equal(resolveDataDir('', { CLMM_DATA_DIR: '' }), resolve('data'));
  });

  it('intel status|scheduler and calibrate ignore CLMM_DATA_DIR and write ./data/intel/: every command resolves the data dir one way', async () => {
    const cwd = join(dir, 'cwd');
    const chosen = join(dir, 'chosen');
    mkdirSync(cwd);
    const env = { CLMM_DATA_DIR: chosen };
    const status = await runCli(['intel', 'status', '--json'], { env, cwd });
    assert.equal(status.code, 0, status.err);
    assert.ok(existsSync(join(chosen, 'intel', 'cache.sqlite')), 'intel status opens the cache under CLMM_DATA_DIR');
    const calibrate = await runCli(['calibrate'], { env, cwd });
    assert.equal(calibrate.code, 0, calibrate.err);
    assert.ok(existsSync(join(chosen, 'intel', 'calibration_report.json')), 'calibrate writes its report under CLMM_DATA_DIR');
    // with no query ids configured the scheduler plans a cycle without any request
    const scheduler = await runCli(['intel', 'scheduler', '--once'], { env: { ...env, DUNE_API_KEY: 'k' }, cwd });
    assert.equal(scheduler.code, 0, scheduler.err);
    assert.match(scheduler.out, new RegExp(`cache sqlite ${join(chosen, 'intel', 'cache.sqlite').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const runs = await runCli(['runs', '--json'], { env, cwd });
    assert.equal(runs.code, 0, runs.err);
    assert.ok(!existsSync(join(cwd, 'data')), 'nothing was written to ./data');
  });

  it('a data dir that is a file gives bad input naming --data-dir (exit 2), not INTEL_CACHE (exit 3)', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const args of [
      ['intel', 'status', '--data-dir', join(file, 'below')],
      ['campaign', '--data-dir', file, '--episodes', '1', '--lanes', '1'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /error \[BAD_DATA_DIR\]: --data-dir/);
      assert.match(r.err, /is not a folder/);
    }
    const fromEnv = await runCli(['intel', 'status'], { env: { CLMM_DATA_DIR: file } });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.err, /BAD_DATA_DIR\]: --data-dir \(or CLMM_DATA_DIR\)/);
  });

  const skipNobody = whyNotAsNobody();
  it('a read-only data dir gives bad input naming --data-dir (exit 2), not INTEL_CACHE (exit 3)', { skip: skipNobody ?? false }, async () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly, { mode: 0o755 }); // root's folder: nobody may read it, not write it
    chmodSync(readOnly, 0o755);
    for (const args of [['intel', 'status', '--data-dir', readOnly], ['calibrate', '--data-dir', join(readOnly, 'new')]]) {
      const r = await runCli(args, { asNobody: true, cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /error \[BAD_DATA_DIR\]: --data-dir .*read-only for this user/);
    }
    // an existing cache file the user cannot write is the same bad input
    mkdirSync(join(readOnly, 'intel'), { mode: 0o777 });
    chmodSync(join(readOnly, 'intel'), 0o777);
    writeFileSync(join(readOnly, 'intel', 'cache.sqlite'), '');
    chmodSync(join(readOnly, 'intel', 'cache.sqlite'), 0o644);
    const r = await runCli(['intel', 'status', '--data-dir', readOnly], { asNobody: true, cwd: dir });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /cache\.sqlite is read-only for this user/);
  });
});
