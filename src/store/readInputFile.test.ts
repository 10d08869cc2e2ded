import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { readInputFile } from './readInputFile.ts';

const d = mkdtempSync(join(tmpdir(), 'clmm-input-'));
after(() => rmSync(d, { recursive: true, force: true }));
const read = (path: string, maxBytes?: number) => readInputFile({ path, field: '--calibration', code: 'BAD_CALIBRATION', what: 'a calibration report (JSON)', ...(maxBytes === undefined ? {} : { maxBytes }) });
const fails = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof ClmmLabError && e.code === 'BAD_CALIBRATION' && /^--calibration: expected a calibration report/.test(e.message) && message.test(e.message), String(message));

test('reads a regular UTF-8 file', () => {
  writeFileSync(join(d, 'ok.json'), '{"é": 1}');
  assert.equal(read(join(d, 'ok.json')), '{"é": 1}');
});

test('a missing path, a directory, a file over the cap (checked before reading) and non-UTF-8 bytes are named errors', () => {
  fails(() => read(join(d, 'nope.json')), /does not exist/);
  mkdirSync(join(d, 'dir'));
  fails(() => read(join(d, 'dir')), /is a directory/);
  writeFileSync(join(d, 'big.json'), '');
  truncateSync(join(d, 'big.json'), 2 * 1024 * 1024);
  fails(() => read(join(d, 'big.json'), 1024 * 1024), /is 2 MB/);
  writeFileSync(join(d, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
  fails(() => read(join(d, 'latin1.json')), /not UTF-8/);
  fails(() => read('/dev/null/x'), /does not exist/);
});
