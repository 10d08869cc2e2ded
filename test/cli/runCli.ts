/**
 * Runs `bin/clmm-lab.js` in a child process and collects its exit code and output. The child gets
 * the parent's environment without the project's own variables (DUNE_*, HB_*, CLMM_*), plus `env`;
 * `asNobody` runs it as the unprivileged user `nobody` (through setpriv), for the read-only cases
 * that root would write through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/clmm-lab.js', import.meta.url));

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; asNobody?: boolean } = {}): Promise<CliResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DUNE_|HB_|CLMM_)/.test(k)));
  const command = options.asNobody === true ? 'setpriv' : process.execPath;
  const argv = options.asNobody === true ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
  return new Promise((resolve) => {
    const child = spawn(command, argv, { env: { ...clean, ...options.env } as NodeJS.ProcessEnv, cwd: options.cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Why the CLI cannot run as `nobody` here (no setpriv, not root, the repo unreadable), or null when it can. */
export function whyNotAsNobody(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root: cannot switch to nobody';
  const probe = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', `require('node:fs').accessSync(${JSON.stringify(BIN)}, require('node:fs').constants.R_OK)`], { encoding: 'utf8' });
  if (probe.error !== undefined) return `setpriv is not available: ${probe.error.message}`;
  if (probe.status !== 0) return `nobody cannot read the CLI at ${BIN}: ${probe.stderr.trim().split('\n')[0] ?? ''}`;
  return null;
}
