/**
 * Who a process is, beyond its pid: the host it runs on and its start time (Linux: field 22 of
 * /proc/<pid>/stat, clock ticks since boot, with the boot id), so a pid reused by a later process is
 * not mistaken for the one that wrote a lock or a temp file. A zombie (exited, not yet reaped by its
 * parent) counts as dead: `kill(pid, 0)` still succeeds on it, but it will never write again.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Opaque start time (`<boot id>+<ticks>`), or null where /proc is not available. */
  startTime: string | null;
}

interface ProcStat {
  state: string;
  startTicks: string;
}

function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19]; // field 22 of proc(5); the first field after comm is field 3
  return state === undefined || startTicks === undefined ? null : { state, startTicks };
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown-boot';
  }
}

function procAvailable(): boolean {
  return readProcStat(process.pid) !== null;
}

/** The start time of a running process, or null (no /proc, or no such process). */
export function processStartTime(pid: number): string | null {
  const stat = readProcStat(pid);
  return stat === null ? null : `${bootId()}+${stat.startTicks}`;
}

export function currentProcessIdentity(): ProcessIdentity {
  return { host: hostname(), pid: process.pid, startTime: processStartTime(process.pid) };
}

/**
 * Whether the process `pid` of this host is alive: it exists, is not a zombie and, when
 * `startTime` is given, started at that time (else the pid was reused by another process).
 */
export function processAlive(pid: number, startTime: string | null = null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: no such process
  }
  const stat = readProcStat(pid);
  if (stat === null) return !procAvailable(); // without /proc, kill(pid, 0) is all we know
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === null || startTime === `${bootId()}+${stat.startTicks}`;
}
