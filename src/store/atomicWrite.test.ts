import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { removeDeadWritersTempFiles, writeFileAtomic, writeFilesAtomic, writeFilesAtomicAsync, type AtomicWriteFs, type AtomicWriteFsAsync } from './atomicWrite.ts';
import { fromFsError } from './fsError.ts';

const base = mkdtempSync(join(tmpdir(), 'clmm-atomic-'));
after(() => rmSync(base, { recursive: true, force: true }));

function errno(code: string, syscall = 'write'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), { code, syscall });
}

/** node:fs, except that the `n`-th writeSync (1-based) fails with `code` after writing half its bytes. */
function failingNthWrite(n: number, code: string): AtomicWriteFs {
  let writes = 0;
  return {
    ...fs,
    writeSync: ((fd: number, data: Uint8Array) => {
      writes++;
      if (writes === n) {
        fs.writeSync(fd, data.subarray(0, data.length >> 1));
        throw errno(code);
      }
      return fs.writeSync(fd, data);
    }) as AtomicWriteFs['writeSync'],
  };
}

const named = (code: string, path: string) => (e: unknown) => e instanceof ClmmLabError && e.code === code && e.message.includes(path) && e.details?.path === path;
const temps = (dir: string) => readdirSync(dir).filter((n) => n.includes('.tmp-'));

describe('atomic writes on a failing disk', () => {
  test('disk full (ENOSPC) on the Nth write is DISK_FULL naming the file; earlier files are written, the failed one keeps its previous bytes, no temp file is left', () => {
    const dir = join(base, 'enospc');
    writeFilesAtomic(dir, [['a.json', 'old a'], ['b.json', 'old b'], ['c.json', 'old c']]);
    assert.throws(() => writeFilesAtomic(dir, [['a.json', 'new a'], ['b.json', 'new b'], ['c.json', 'new c']], failingNthWrite(2, 'ENOSPC')), named('DISK_FULL', join(dir, 'b.json')));
    assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), 'new a');
    assert.equal(readFileSync(join(dir, 'b.json'), 'utf8'), 'old b', 'nothing lost');
    assert.equal(readFileSync(join(dir, 'c.json'), 'utf8'), 'old c');
    assert.deepEqual(temps(dir), []);
    // once there is space again the same write succeeds
    writeFilesAtomic(dir, [['b.json', 'new b'], ['c.json', 'new c']]);
    assert.equal(readFileSync(join(dir, 'c.json'), 'utf8'), 'new c');
  });

  test('a file size limit (EFBIG) is FILE_TOO_LARGE and a read-only file system (EROFS, EACCES) DATA_DIR_READONLY, each exit 3 and naming the file', () => {
    const file = join(base, 'limits', 'x.json');
    writeFileAtomic(file, 'before');
    for (const [code, name] of [['EFBIG', 'FILE_TOO_LARGE'], ['EROFS', 'DATA_DIR_READONLY'], ['EACCES', 'DATA_DIR_READONLY']] as const) {
      assert.throws(() => writeFileAtomic(file, 'after', failingNthWrite(1, code)), (e: unknown) => named(name, file)(e) && (e as ClmmLabError).kind === 'external');
      assert.equal(readFileSync(file, 'utf8'), 'before');
    }
    assert.deepEqual(temps(join(base, 'limits')), []);
  });

  test('the asynchronous writer: ENOSPC is DISK_FULL, the previous bytes stay, no temp file is left', async () => {
    const dir = join(base, 'async');
    await writeFilesAtomicAsync(dir, [['r.json', 'old']]);
    const failing: AtomicWriteFsAsync = {
      ...fsp,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        return Object.assign(handle, { writeFile: async (text: string) => {
          await fsp.appendFile(args[0] as string, text.slice(0, 3));
          throw errno('ENOSPC');
        } });
      }) as AtomicWriteFsAsync['open'],
    };
    await assert.rejects(writeFilesAtomicAsync(dir, [['r.json', 'new bytes']], failing), named('DISK_FULL', join(dir, 'r.json')));
    assert.equal(readFileSync(join(dir, 'r.json'), 'utf8'), 'old');
    assert.deepEqual(temps(dir), []);
  });

  test('a folder where a file is expected is BAD_PATH (exit 2); other errors pass through unchanged', () => {
    const dir = join(base, 'isdir');
    mkdirSync(join(dir, 'target'), { recursive: true });
    assert.throws(() => writeFileAtomic(join(dir, 'target'), 'x'), (e: unknown) => e instanceof ClmmLabError && e.code === 'BAD_PATH' && e.kind === 'bad_input');
    assert.deepEqual(temps(dir), []);
    const other = errno('ENOENT', 'open');
    assert.equal(fromFsError(other), other);
    const plain = new Error('not a file-system error');
    assert.equal(fromFsError(plain), plain);
  });
});

describe('temp files of dead writers', () => {
  test('removeDeadWritersTempFiles removes .<file>.tmp-PID-N of dead pids anywhere under the folder, and nothing else', () => {
    const root = join(base, 'leftovers');
    mkdirSync(join(root, 'episodes', 'ep_1'), { recursive: true });
    const dead = Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
    const deadFiles = [join(root, `.run_config.json.tmp-${dead}-0`), join(root, 'episodes', 'ep_1', `.result.json.tmp-${dead}-12`)];
    const kept = [join(root, `.x.json.tmp-${process.pid}-1`), join(root, 'result.json'), join(root, `.result.json.tmp-${dead}`), join(root, 'notes.tmp-1-2')];
    for (const f of [...deadFiles, ...kept]) writeFileSync(f, '');
    assert.deepEqual(removeDeadWritersTempFiles(root).sort(), deadFiles.sort());
    for (const f of kept) assert.ok(existsSync(f), f);
  });
});
