/** Helpers for campaign tests: run the CLI in-process or as a child, and compare run trees. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { after } from 'node:test';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

export const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const BIN = join(ROOT, 'bin', 'clmm-lab.js');

/** Small and quick: 4 lanes, one-hour episodes. */
export const SMALL = ['--lanes', '4', '--horizon-s', '3600'];

/** Files DESIGN.md leaves out of the determinism contract. */
const VOLATILE = new Set(['timings.json', 'campaign.log', 'logs.jsonl', 'run_env.json', '.lock']);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `clmm-${prefix}-`));
}

/** A maker of temporary folders that are all removed after the test file's tests. */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `clmm-lab ...args` in this process with its own environment (only `env`, nothing inherited). */
export async function runInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => err.push(parts.map(String).join(' '));
  try {
    const code = await main(['node', 'clmm-lab', ...args], { env, print: (line) => out.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.error = original;
  }
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

export function runChild(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env), encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export function startChild(args: string[], env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  return Object.assign(child, { output: () => text });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** Polls until `count()` reaches `n` (or the child exits). */
export async function waitFor(count: () => number, n: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (count() < n) {
    if (child.exitCode !== null) throw new Error(`child exited (${child.exitCode}) before ${n} was reached`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${n}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export function finishedCount(runRoot: string): number {
  const dir = join(runRoot, 'episodes');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((d) => existsSync(join(dir, d, 'result.json'))).length;
}

/** Relative path → bytes of every deterministic file of a run folder. */
export function deterministicTree(runRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!VOLATILE.has(name) && !name.includes('.tmp-')) files.set(relative(runRoot, full), readFileSync(full, 'utf8'));
    }
  };
  walk(runRoot);
  return files;
}

/** Every file's bytes under a folder, volatile ones included (for checks that a refused command touched nothing). */
export function allFileBytes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(full.slice(root.length), readFileSync(full, 'latin1'));
    }
  };
  walk(root);
  return out;
}

/** The first difference between two trees, or null. */
export function treeDifference(a: Map<string, string>, b: Map<string, string>): string | null {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const n of names) {
    if (!a.has(n)) return `only in second: ${n}`;
    if (!b.has(n)) return `only in first: ${n}`;
    if (a.get(n) !== b.get(n)) return `differs: ${n}`;
  }
  return null;
}
