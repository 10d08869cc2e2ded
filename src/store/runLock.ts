/**
 * One writer per run. The lock is a folder (`runs/<id>/.lock/`) of claims; a claim is a file named
 * `claim-<pid>-<nonce>` holding its writer's host, pid and process start time, written atomically so
 * it never appears half-written. To take the lock a process writes its claim, then reads the others:
 * a claim of a dead process (exited, a zombie, or its pid now used by a process with another start
 * time) is removed; if any other claim is alive the process withdraws its own and, after a few
 * jittered retries, reports RUN_LOCKED. Two processes can never both hold the lock: whichever lists
 * the claims second sees the first's claim (it was written before the first listed). Under a race
 * both may withdraw, which the retries resolve. A claim from another host is taken as alive, since
 * its liveness cannot be checked from here.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { toJsonText, writeFileAtomic } from './atomicWrite.ts';
import { fromFsError } from './fsError.ts';
import { currentProcessIdentity, processAlive, type ProcessIdentity } from './processIdentity.ts';

export interface RunLock {
  release(): void;
}

const CLAIM = /^claim-\d+-[0-9a-f]+$/;
const ATTEMPTS = 4;

const claimSchema = z.object({ host: z.string(), pid: z.number().int().positive(), start_time: z.string().nullable() });
type Claim = z.infer<typeof claimSchema> & { path: string };

function readClaims(lockDir: string): Claim[] {
  let names: string[];
  try {
    names = readdirSync(lockDir);
  } catch {
    return [];
  }
  const claims: Claim[] = [];
  for (const name of names.filter((n) => CLAIM.test(n))) {
    const path = join(lockDir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // withdrawn meanwhile
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // a damaged claim: nobody can hold the lock through it
    }
    const parsed = claimSchema.safeParse(json);
    claims.push(parsed.success ? { ...parsed.data, path } : { host: '', pid: 0, start_time: null, path });
  }
  return claims;
}

/** Alive, and not a claim this very process left behind earlier (that one it takes over). */
function claimAlive(claim: Claim, me: ProcessIdentity): boolean {
  if (claim.pid === 0) return false;
  if (claim.host !== me.host) return true;
  if (claim.pid === me.pid && claim.start_time === me.startTime) return false;
  return processAlive(claim.pid, claim.start_time);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** A lock file written by an older clmm-lab (a plain file holding a pid): stale unless that pid runs. */
function takeOverLegacyLock(lockPath: string, me: ProcessIdentity): void {
  let isFile = false;
  try {
    isFile = lstatSync(lockPath).isFile();
  } catch {
    return;
  }
  if (!isFile) return;
  const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
  if (Number.isInteger(pid) && pid !== me.pid && processAlive(pid)) throw lockedError(lockPath, { host: me.host, pid, start_time: null, path: lockPath }, me);
  removeQuietly(lockPath);
}

function lockedError(lockPath: string, holder: Claim, me: ProcessIdentity): ClmmLabError {
  const where = holder.host === me.host ? '' : ` on host ${holder.host} (its liveness cannot be checked from here; if it is gone, delete ${holder.path})`;
  return new ClmmLabError('RUN_LOCKED', `run is being written by process ${holder.pid}${where} (lock ${lockPath}); wait for it or stop it`, { details: { lockPath, pid: holder.pid, host: holder.host } });
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function acquireRunLock(lockPath: string): RunLock {
  const me = currentProcessIdentity();
  takeOverLegacyLock(lockPath, me);
  let holder: Claim | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) sleepMs(randomInt(5, 40));
    const mine = join(lockPath, `claim-${me.pid}-${randomBytes(6).toString('hex')}`);
    try {
      mkdirSync(lockPath, { recursive: true });
      writeFileAtomic(mine, toJsonText({ host: me.host, pid: me.pid, start_time: me.startTime }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // the folder was removed by a releasing holder
      throw fromFsError(error, lockPath);
    }
    const others = readClaims(lockPath).filter((c) => c.path !== mine);
    holder = null;
    for (const claim of others) {
      if (claimAlive(claim, me)) holder ??= claim;
      else removeQuietly(claim.path); // its writer is gone
    }
    if (holder === null) return heldLock(lockPath, mine);
    removeQuietly(mine);
  }
  if (holder !== null) throw lockedError(lockPath, holder, me);
  throw new ClmmLabError('RUN_LOCKED', `could not take the lock ${lockPath}`, { details: { lockPath } });
}

function heldLock(lockPath: string, claim: string): RunLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      removeQuietly(claim);
      try {
        rmdirSync(lockPath);
      } catch {
        // another process's claim is in it (it will find ours gone), or it is already removed
      }
    },
  };
}

/** The pid of a live process holding the lock, or null (no lock, or only stale claims). */
export function liveLockHolder(lockPath: string): number | null {
  const me = currentProcessIdentity();
  try {
    if (lstatSync(lockPath).isFile()) {
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      return Number.isInteger(pid) && processAlive(pid) ? pid : null;
    }
  } catch {
    return null;
  }
  return readClaims(lockPath).find((c) => claimAlive(c, me))?.pid ?? null;
}
