/**
 * Atomic file writes: write a temp file beside the target, fsync it, rename it over the target and
 * fsync the folder, so a reader (or a resume after SIGKILL) sees the old bytes or the new, never half.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic(dirname(path), [[basename(path), data]]);
}

/** Pretty JSON with a trailing newline: the one serialisation of every JSON artifact. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, toJsonText(value));
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes several files into one folder atomically each, in the given order (so the last one can mark
 * the set complete), with one folder fsync at the end instead of one per file.
 */
export function writeFilesAtomic(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) {
    const target = join(dir, name);
    const tmp = join(dir, `.${name}.tmp-${process.pid}-${counter++}`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  }
  fsyncDir(dir);
}

/** The same as writeFilesAtomic on libuv's thread pool, so several folders' writes and fsyncs overlap. */
export async function writeFilesAtomicAsync(dir: string, files: ReadonlyArray<readonly [string, string]>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) {
    const target = join(dir, name);
    const tmp = join(dir, `.${name}.tmp-${process.pid}-${counter++}`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  }
  const dirHandle = await open(dir, 'r').catch(() => null);
  if (dirHandle !== null) {
    await dirHandle.sync().catch(() => undefined); // some filesystems refuse fsync on a folder; the renames are still atomic
    await dirHandle.close();
  }
}
