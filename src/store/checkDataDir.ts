/**
 * Checks, before anything is opened or written, that `<dataDir>/<sub>` can be used: every part of it
 * that exists is a folder, and the deepest existing one (and the file `file` in it, when present) can
 * be written by this user. A data dir that is a file is the user's bad input (BAD_DATA_DIR naming
 * --data-dir, exit 2). A read-only one is bad input too when the intel cache is opened (`readOnly:
 * 'bad_input'`, the default); a command about to write run or experiment files checks first with
 * `readOnly: 'disk'` and reports DATA_DIR_READONLY (exit 3) before it has read or written anything,
 * as every other refused write is reported.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { fromFsError } from './fsError.ts';

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function badDataDir(dataDir: string, problem: string, path: string): ClmmLabError {
  return new ClmmLabError('BAD_DATA_DIR', `--data-dir (or CLMM_DATA_DIR): expected a folder this user can write; ${problem}`, {
    details: { field: '--data-dir', expected: 'a writable folder', dataDir, path },
  });
}

export function checkDataDir(p: { dataDir: string; sub?: string; file?: string; readOnly?: 'bad_input' | 'disk' }): void {
  const target = p.sub === undefined ? p.dataDir : join(p.dataDir, p.sub);
  // walk up from the target to the deepest part that exists
  let existing = target;
  let stats = statOrNull(existing);
  while (stats === null && dirname(existing) !== existing) {
    existing = dirname(existing);
    stats = statOrNull(existing);
  }
  if (stats === null) return;
  if (!stats.isDirectory()) throw badDataDir(p.dataDir, `${existing} is not a folder`, existing);
  const file = p.file === undefined || existing !== target ? undefined : join(target, p.file);
  for (const path of file !== undefined && statOrNull(file) !== null ? [existing, file] : [existing]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      // a refused write is named as every other one is (store/fsError.ts), unless the caller calls it bad input
      if (p.readOnly === 'disk') throw fromFsError(error, path);
      throw badDataDir(p.dataDir, `${path} is read-only for this user`, path);
    }
  }
}
