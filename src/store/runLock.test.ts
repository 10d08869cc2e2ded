import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { processStartTime } from './processIdentity.ts';
import { acquireRunLock, liveLockHolder } from './runLock.ts';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'fixtures');
const base = mkdtempSync(join(tmpdir(), 'clmm-lock-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

function node(script: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return Object.assign(child, { output: () => text });
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exited = (c: ChildProcess) => new Promise<void>((done) => (c.exitCode !== null || c.signalCode !== null ? done() : c.once('exit', () => done())));

function procState(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

describe('run lock', () => {
  test('stale-lock takeover races: three racers over 50 rounds of a SIGKILLed holder’s locks never make two holders', async () => {
    const dir = join(base, 'race');
    const rounds = 50;
    const locks = Array.from({ length: rounds }, (_, r) => {
      mkdirSync(join(dir, `r${r}`), { recursive: true });
      return join(dir, `r${r}`, '.lock');
    });
    // the stale locks: taken by a process that is then SIGKILLed (and reaped)
    const holder = node('lockHolder.ts', locks);
    await until(() => holder.output().includes('held'), 'the holder to take the locks');
    holder.kill('SIGKILL');
    await exited(holder);
    const racers = Array.from({ length: 3 }, () => node('lockRacer.ts', [dir, String(rounds), '15']));
    await until(() => readdirSync(dir).filter((n) => n.startsWith('ready-')).length === 3, 'three racers to start');
    writeFileSync(join(dir, 'go'), JSON.stringify({ t0: Date.now() + 300, spacingMs: 60 }));
    await Promise.all(racers.map(exited));
    const names = readdirSync(dir);
    assert.deepEqual(names.filter((n) => n.startsWith('error-')).map((n) => readFileSync(join(dir, n), 'utf8')), [], 'no racer failed other than with RUN_LOCKED');
    assert.equal(names.filter((n) => n.startsWith('done-')).length, 3, racers.map((r) => r.output()).join('\n'));
    assert.deepEqual(names.filter((n) => n.startsWith('double-')), [], 'two holders at once');
    const heldRounds = Array.from({ length: rounds }, (_, r) => readdirSync(join(dir, `r${r}`)).some((n) => n.startsWith('held-'))).filter(Boolean).length;
    // under contention every racer may withdraw (then nobody holds): safe, and rare thanks to the jittered retries
    assert.ok(heldRounds >= rounds / 2, `the stale lock was taken over in only ${heldRounds} of ${rounds} rounds`);
  });

  test('a zombie holder counts as dead: the lock of a SIGKILLed process its parent has not reaped is taken over', async (t) => {
    const lock = join(base, 'zombie', '.lock');
    mkdirSync(join(base, 'zombie'), { recursive: true });
    // bash starts the holder in the background and becomes `sleep`, which never reaps it
    const holderCmd = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(FIXTURES, 'lockHolder.ts'))} --die ${JSON.stringify(lock)}`;
    const parent = spawn('bash', ['-c', `${holderCmd} & exec sleep 120`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(parent);
    let out = '';
    parent.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => /held (\d+)/.test(out), 'the holder to take the lock');
    const pid = Number(/held (\d+)/.exec(out)![1]);
    await until(() => procState(pid) === 'Z' || procState(pid) === null, 'the holder to die');
    if (procState(pid) !== 'Z') {
      t.skip('the holder was reaped at once (no zombie to test on this system)');
      return;
    }
    process.kill(pid, 0); // a zombie still answers kill(pid, 0)
    assert.equal(liveLockHolder(lock), null, 'a zombie is not a live holder');
    const taken = acquireRunLock(lock);
    taken.release();
    parent.kill('SIGKILL');
  });

  test('a reused pid is not mistaken for the holder: a lock naming a live pid with another start time is stale', async () => {
    const lock = join(base, 'reuse', '.lock');
    mkdirSync(lock, { recursive: true });
    const live = spawn('sleep', ['120'], { stdio: 'ignore' });
    children.push(live);
    await until(() => processStartTime(live.pid!) !== null, 'sleep to start');
    const claim = (startTime: string) => writeFileSync(join(lock, `claim-${live.pid}-abc123`), JSON.stringify({ host: hostname(), pid: live.pid, start_time: startTime }));
    // the same pid and its real start time: the holder is alive
    claim(processStartTime(live.pid!)!);
    assert.equal(liveLockHolder(lock), live.pid);
    assert.throws(() => acquireRunLock(lock), (e: unknown) => e instanceof ClmmLabError && e.code === 'RUN_LOCKED' && e.message.includes(String(live.pid)));
    // the same pid with another start time: an earlier process that had this pid wrote it
    claim('00000000-0000-0000-0000-000000000000+1');
    assert.equal(liveLockHolder(lock), null);
    const taken = acquireRunLock(lock);
    assert.equal(existsSync(join(lock, `claim-${live.pid}-abc123`)), false, 'the stale claim is removed');
    taken.release();
    assert.equal(existsSync(lock), false, 'the lock folder is gone after release');
    live.kill('SIGKILL');
  });

  test('a lock written by an older clmm-lab (a file holding a pid) is honoured while that pid runs', () => {
    const dir = join(base, 'legacy');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.lock'), `${process.ppid}\n`);
    assert.throws(() => acquireRunLock(join(dir, '.lock')), (e: unknown) => e instanceof ClmmLabError && e.code === 'RUN_LOCKED');
    writeFileSync(join(dir, '.lock'), '999999999\n');
    acquireRunLock(join(dir, '.lock')).release();
  });
});
