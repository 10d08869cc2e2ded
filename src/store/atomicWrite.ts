/**
 * Atomic file writes: write a temp file beside the target, fsync it, rename it over the target and
 * fsync the folder, so a reader (or a resume after SIGKILL) sees the old bytes or the new, never half.
 * A failed write removes its temp file and leaves the target's previous bytes; its error is a named
 * one (fsError.ts). Temp files are named `.<file>.tmp-<pid>-<n>`, so those of a killed writer can be
 * recognised and removed (removeDeadWritersTempFiles).
 */
import * as nodeFs from 'node:fs';
import * as nodeFsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromFsError } from './fsError.ts';
import { processAlive } from './processIdentity.ts';

/** The calls the synchronous writers make; tests pass one that fails on purpose (a full disk). */
export type AtomicWriteFs = Pick<typeof nodeFs, 'mkdirSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync'>;
/** The calls the asynchronous writer makes. */
export type AtomicWriteFsAsync = Pick<typeof nodeFsPromises, 'mkdir' | 'open' | 'rename' | 'unlink'>;

let counter = 0;

const TEMP_NAME = /^\..+\.tmp-(\d+)-\d+$/;

function tempName(name: string): string {
  return `.${name}.tmp-${process.pid}-${counter++}`;
}

export function writeFileAtomic(path: string, data: string | Uint8Array, fs: AtomicWriteFs = nodeFs): void {
  writeFilesAtomic(dirname(path), [[basename(path), data]], fs);
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
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) nodeFs.closeSync(fd);
  }
}

/**
 * Writes several files into one folder atomically each, in the given order (so the last one can mark
 * the set complete), with one folder fsync at the end instead of one per file.
 */
export function writeFilesAtomic(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>, fs: AtomicWriteFs = nodeFs): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fromFsError(error, dir);
  }
  for (const [name, text] of files) {
    const target = join(dir, name);
    const tmp = join(dir, tempName(name));
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, target);
    } catch (error) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // never created, or already renamed
      }
      throw fromFsError(error, target);
    }
  }
  fsyncDir(dir);
}

/** The same as writeFilesAtomic on libuv's thread pool, so several folders' writes and fsyncs overlap. */
export async function writeFilesAtomicAsync(dir: string, files: ReadonlyArray<readonly [string, string]>, fs: AtomicWriteFsAsync = nodeFsPromises): Promise<void> {
  await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw fromFsError(error, dir);
  });
  for (const [name, text] of files) {
    const target = join(dir, name);
    const tmp = join(dir, tempName(name));
    try {
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.unlink(tmp).catch(() => undefined);
      throw fromFsError(error, target);
    }
  }
  const dirHandle = await nodeFsPromises.open(dir, 'r').catch(() => null);
  if (dirHandle !== null) {
    await dirHandle.sync().catch(() => undefined); // some filesystems refuse fsync on a folder; the renames are still atomic
    await dirHandle.close();
  }
}

/**
 * Removes, anywhere under `root`, the temp files of writers that no longer run (a SIGKILL between a
 * temp file's creation and its rename). A live writer's temp file is left alone. Returns the paths removed.
 */
export function removeDeadWritersTempFiles(root: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable: nothing of ours to clean
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const m = TEMP_NAME.exec(entry.name);
        if (m !== null && !processAlive(Number(m[1]))) {
          try {
            nodeFs.unlinkSync(full);
            removed.push(full);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fromFsError(error, full);
          }
        }
      }
    }
  };
  walk(root);
  return removed;
}
