/**
 * A disk that refuses writes gives a named error, exit 3, and loses nothing: a read-only data dir
 * (resume, metrics --write, compare), and a file size limit (EFBIG, from `ulimit -f` in a child).
 * A full disk (ENOSPC) is injected through atomicWrite's fs adapter (src/store/atomicWrite.test.ts).
 * CI runs as root, for whom permissions do not stop writes, so the read-only cases run the CLI as
 * the unprivileged user `nobody` (setpriv).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { allFileBytes, type CliResult, deterministicTree, ROOT, runInProcess, SMALL, tempDirs, treeDifference } from './campaignHarness.ts';

const dir = tempDirs();
const BIN = join(ROOT, 'bin', 'clmm-lab.js');
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

/** Why the CLI cannot run as nobody here, or null when it can. */
function nobodyUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot switch to the user nobody';
  const r = spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), process.execPath, BIN, '--version'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return r.status === 0 ? null : `nobody cannot run the CLI from ${ROOT} (${(r.stderr || r.error?.message || '').trim().split('\n')[0]})`;
}
const unavailable = nobodyUnavailable();

function runAsNobody(args: string[]): CliResult {
  const r = spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), process.execPath, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/tmp' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}


function assertNamed(r: CliResult, code: string, path: RegExp): void {
  assert.equal(r.code, 3, `${r.err}\n${r.out}`);
  assert.match(r.err, new RegExp(`error \\[${code}\\]`));
  assert.match(r.err, path);
  assert.doesNotMatch(r.err, /INTERNAL|\n\s+at /);
}

describe('a read-only data dir', { skip: unavailable ?? false }, () => {
  const data = dir('readonly');
  before(async () => {
    chmodSync(data, 0o755); // mkdtemp makes it 0700; nobody must be able to read it, not write it
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'ro', '--data-dir', data, ...SMALL]);
    assert.equal(r.code, 0, r.err);
  });

  test('a read-only data dir on resume is DATA_DIR_READONLY (exit 3) naming the path, and nothing is lost', () => {
    const before = allFileBytes(data);
    assertNamed(runAsNobody(['campaign', '--resume', 'ro', '--data-dir', data]), 'DATA_DIR_READONLY', /runs\/ro\/\.lock/);
    assert.deepEqual(allFileBytes(data), before);
  });

  test('a read-only data dir on metrics --write is DATA_DIR_READONLY (exit 3) naming the path, and nothing is lost', () => {
    const before = allFileBytes(data);
    assertNamed(runAsNobody(['metrics', 'ro', '--data-dir', data, '--write']), 'DATA_DIR_READONLY', /runs\/ro\/metrics_summary\.json/);
    assert.deepEqual(allFileBytes(data), before);
  });

  test('a read-only data dir on compare is DATA_DIR_READONLY (exit 3) naming the path, and nothing is lost', () => {
    const spec = join(data, 'spec.json');
    writeFileSync(spec, JSON.stringify({ name: 'ro', market: { horizon_s: 3600, lanes: 2 }, variants: [{ name: 'A', learning: false }, { name: 'B', learning: false, settings: { evGate: false } }], reference: 'A', candidates: ['B'] }));
    const before = allFileBytes(data);
    assertNamed(runAsNobody(['compare', '--spec', spec, '--episodes', '2', '--data-dir', data]), 'DATA_DIR_READONLY', new RegExp(data));
    assert.deepEqual(allFileBytes(data), before);
  });
});

describe('a file size limit', () => {
  test('a file size limit (EFBIG) is FILE_TOO_LARGE (exit 3) naming the file; a resume without the limit ends with the bytes of an uninterrupted run', async () => {
    const args = ['campaign', '--episodes', '40', '--seed', '5', '--run-id', 'fb', '--sim-start', '1735689600', ...SMALL, '--workers', '2'];
    const ref = dir('efbig-ref');
    assert.equal((await runInProcess([...args, '--data-dir', ref])).code, 0);
    const data = dir('efbig');
    // 64 KiB: episode_metrics.jsonl of 40 episodes is larger. Node ignores SIGXFSZ, so the write fails with EFBIG.
    const quoted = [process.execPath, BIN, ...args, '--data-dir', data].map((a) => `'${a}'`).join(' ');
    const limited = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 64; exec ${quoted}`], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    assertNamed({ code: limited.status ?? -1, out: limited.stdout, err: limited.stderr }, 'FILE_TOO_LARGE', /runs\/fb\/episode_metrics\.jsonl/);
    const resumed = await runInProcess(['campaign', '--resume', 'fb', '--data-dir', data]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(treeDifference(deterministicTree(join(ref, 'runs', 'fb')), deterministicTree(join(data, 'runs', 'fb'))), null);
  });
});
