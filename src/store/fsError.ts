/**
 * Turns a node file-system error into a named ClmmLabError naming the path: a read-only data dir,
 * a full disk and a file size limit are a failed disk (exit 3); a folder where a file belongs (or
 * the reverse) is bad input (exit 2). Used by the atomic writers and by the CLI's last-resort error
 * mapping, so no raw errno error reaches the user as a stack trace.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';

const READONLY = new Set(['EACCES', 'EPERM', 'EROFS']);
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** The errno code of a node fs error, else undefined. */
export function fsErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * The named error for `error` when it is one of the file-system failures above, else `error` itself.
 * `path` is what was being written (a temp file's target rather than the temp file).
 */
export function fromFsError(error: unknown, path?: string): unknown {
  if (error instanceof ClmmLabError) return error;
  const code = fsErrorCode(error);
  if (code === undefined) return error;
  const errno = error as NodeJS.ErrnoException;
  const where = path ?? errno.path ?? '(unknown path)';
  const details = { path: where, errno: code, syscall: errno.syscall };
  if (READONLY.has(code)) {
    return new ClmmLabError('DATA_DIR_READONLY', `cannot write ${where}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'} (${code}); make the data dir writable or choose another with --data-dir, then run again (files already written are intact)`, { details, cause: error });
  }
  if (FULL.has(code)) {
    return new ClmmLabError('DISK_FULL', `cannot write ${where}: no space left on the device (${code}); free space, then run again or --resume (files already written are intact)`, { details, cause: error });
  }
  if (code === 'EFBIG') {
    return new ClmmLabError('FILE_TOO_LARGE', `cannot write ${where}: the file size limit was reached (EFBIG, see ulimit -f); raise it, then run again or --resume (files already written are intact)`, { details, cause: error });
  }
  if (code === 'EISDIR' || code === 'ENOTDIR') {
    return new ClmmLabError('BAD_PATH', `${where}: ${code === 'EISDIR' ? 'is a folder where a file is needed' : 'a part of the path is a file where a folder is needed'} (${code})`, { details, cause: error });
  }
  return error;
}
