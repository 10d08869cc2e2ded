/**
 * `clmm-lab chain up` as a user runs it: a child process that prints the RPC URL and the addresses,
 * serves the chain, and on SIGTERM stops its node and exits 0.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { PROJECT_ROOT } from './compileSandboxToken.ts';

let child: ChildProcess | undefined;
after(async () => {
  // if an assertion failed before SIGTERM, do not leave the command (and its node) running: SIGTERM
  // lets it stop its node's process group; SIGKILL after 5 s (the node's orphan guard then ends it)
  const pid = child?.pid;
  if (child === undefined || pid === undefined || child.exitCode !== null) return;
  const gone = new Promise((resolve) => child?.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await gone;
  clearTimeout(timer);
});

function rpc(url: string, method: string): Promise<{ result?: unknown }> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }) }).then((r) => r.json() as Promise<{ result?: unknown }>);
}

it('chain up prints the RPC URL and addresses, serves the chain, and exits 0 on SIGTERM with its node gone', { timeout: 120_000 }, async () => {
  // detached: its own process group, so the after hook can end the command and its node together
  child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'clmm-lab.js'), 'chain', 'up', '--chain-id', '31339', '--trader-steps', '5'], { cwd: PROJECT_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('up; Ctrl-C')) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `chain up did not come up:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /RPC URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  assert.ok(url !== undefined, out);
  for (const label of ['factory', 'pool', 'token0 \\(USDC, 6\\)', 'token1 \\(WETH, 18\\)', 'position manager', 'swap router', 'WETH9']) {
    assert.match(out, new RegExp(`${label}:\\s+0x[0-9a-fA-F]{40}`), label);
  }
  assert.equal((await rpc(url, 'eth_chainId')).result, '0x7a6b');
  child.kill('SIGTERM');
  assert.equal(await exited, 0, out);
  assert.match(out, /stopped/);
  await assert.rejects(rpc(url, 'eth_chainId'), 'the node is gone');
});
