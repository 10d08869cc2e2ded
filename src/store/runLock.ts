/**
 * One writer per run: a lock file created with O_EXCL holding the writer's pid. A lock left by a
 * process that no longer exists (a SIGKILL) is taken over, so a killed run can be resumed.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { ClmmLabError } from '../errors/ClmmLabError.ts';

export interface RunLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the lock if that process is alive, else null (no lock, or a stale one). */
export function liveLockHolder(lockPath: string): number | null {
  let holder: number;
  try {
    holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
  } catch {
    return null;
  }
  return Number.isInteger(holder) && alive(holder) ? holder : null;
}

export function acquireRunLock(lockPath: string): RunLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new ClmmLabError('RUN_LOCKED', `run is being written by process ${holder} (lock ${lockPath}); wait for it or stop it`, { details: { lockPath, pid: holder } });
      }
      rmSync(lockPath, { force: true }); // stale: its writer is gone
    }
  }
  throw new ClmmLabError('RUN_LOCKED', `could not take the lock ${lockPath}`, { details: { lockPath } });
}
