/** `clmm-lab serve` as a user runs it: binds 127.0.0.1 by default, serves the data dir, stops on SIGTERM with exit 0; bad flags and variables exit 2. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exited, runChild, startChild, tempDirs } from '../campaign/campaignHarness.ts';

const dir = tempDirs();

async function listeningUrl(child: ReturnType<typeof startChild>): Promise<string> {
  const start = Date.now();
  for (;;) {
    const m = /listening on (http:\/\/\S+)/.exec(child.output());
    if (m !== null) return m[1]!;
    if (child.exitCode !== null) throw new Error(`serve exited: ${child.output()}`);
    if (Date.now() - start > 30_000) throw new Error(`serve did not start: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('clmm-lab serve', () => {
  test('binds 127.0.0.1 by default, answers the API, and stops on SIGTERM with exit 0', { timeout: 60_000 }, async () => {
    const d = dir('serve');
    const child = startChild(['serve', '--data-dir', d, '--port', '0']);
    try {
      const url = await listeningUrl(child);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const runs = await fetch(`${url}/api/runs`);
      assert.equal(runs.status, 200);
      assert.deepEqual(await runs.json(), { runs: [] });
      const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { info: { version: string } };
      assert.match(doc.info.version, /^\d+\.\d+\.\d+/);
      const metrics = await fetch(`${url}/metrics`);
      assert.match(await metrics.text(), /clmm_runs\{status="complete"\} 0/);
    } finally {
      child.kill('SIGTERM');
    }
    const exit = await exited(child);
    assert.equal(exit.code, 0, child.output());
    assert.match(child.output(), /stopped/);
  });

  const bad: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a port out of range', ['--port', '70000'], {}, /BAD_FLAG.*--port.*0 to 65535/],
    ['a hex port', ['--port', '0x50'], {}, /BAD_FLAG.*--port/],
    ['a bad CLMM_SERVER_PORT', [], { CLMM_SERVER_PORT: 'eighty' }, /BAD_ENV.*CLMM_SERVER_PORT/],
    ['a bad host', ['--host', 'a b'], {}, /BAD_FLAG.*--host/],
    ['a bad finished-runs cap', ['--metrics-finished-runs', '-1'], {}, /BAD_FLAG.*--metrics-finished-runs/],
  ];
  for (const [what, args, env, error] of bad) {
    test(`${what} exits 2 with a named error`, () => {
      const r = runChild(['serve', '--data-dir', dir('bad'), ...args], env);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, error);
    });
  }

  test('a port in use is SERVER_LISTEN, exit 3', { timeout: 60_000 }, async () => {
    const d = dir('busy');
    const first = startChild(['serve', '--data-dir', d, '--port', '0']);
    try {
      const port = new URL(await listeningUrl(first)).port;
      const second = runChild(['serve', '--data-dir', d, '--port', port]);
      assert.equal(second.code, 3, second.out + second.err);
      assert.match(second.err, /SERVER_LISTEN.*127\.0\.0\.1:\d+/);
    } finally {
      first.kill('SIGTERM');
      await exited(first);
    }
  });
});
