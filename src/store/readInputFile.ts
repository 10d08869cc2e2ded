/**
 * The one reader of a user-named input file (a calibration report, a learning state, an experiment
 * spec, a config file): it must exist, be a regular file, be at most `maxBytes` (checked before
 * reading, so a huge or sparse file is refused without being read) and be UTF-8 text. Each failure
 * is a bad-input error of the caller's code, naming the field.
 */
import { readFileSync, statSync } from 'node:fs';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { ErrorCode } from '../errors/errorCodes.ts';

/** Far above any real calibration report, learning state, spec or config (each a few KB to a few MB). */
export const DEFAULT_INPUT_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadInputFileParams {
  path: string;
  /** The flag or variable that named the file (`--spec`, `DUNE_CALIBRATION_JSON`). */
  field: string;
  /** The bad-input code of this kind of file (BAD_SPEC, BAD_CALIBRATION, ...). */
  code: ErrorCode;
  /** What the file should be, for the message ("a calibration report (JSON)"). */
  what: string;
  maxBytes?: number;
}

export function readInputFile(p: ReadInputFileParams): string {
  const fail = (problem: string, extra: Record<string, unknown> = {}) =>
    new ClmmLabError(p.code, `${p.field}: expected ${p.what} (a regular file of at most ${formatBytes(p.maxBytes ?? DEFAULT_INPUT_MAX_BYTES)}), but ${p.path} ${problem}`, { details: { field: p.field, path: p.path, expected: p.what, ...extra } });
  let stats;
  try {
    stats = statSync(p.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`);
  }
  if (stats.isDirectory()) throw fail('is a directory');
  if (!stats.isFile()) throw fail('is not a regular file');
  const max = p.maxBytes ?? DEFAULT_INPUT_MAX_BYTES;
  if (stats.size > max) throw fail(`is ${formatBytes(stats.size)}`, { size: stats.size, maxBytes: max });
  let bytes: Buffer;
  try {
    bytes = readFileSync(p.path);
  } catch (error) {
    throw fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('is not UTF-8 text');
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${n} bytes`;
}
