import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../test/cli/runCli.ts';
import { startFakeDuneServer, type FakeDuneServer, type FakeQuery } from '../../../test/dune/fakeDuneServer.ts';
import { sampleRows } from '../../../test/intel/sampleRows.ts';
import { REGISTRY } from '../../intel/registry.ts';

const KEY = 'echoed-secret-key-Q7';

/** Every file of the intel folder (the SQLite cache with its WAL, triggers) as text. */
function intelFiles(dataDir: string): string {
  const dir = join(dataDir, 'intel');
  return readdirSync(dir).map((name) => readFileSync(join(dir, name), 'latin1')).join('\n');
}

describe('intel scheduler --once against a failing, key-echoing Dune', () => {
  let dir: string;
  let server: FakeDuneServer;
  const ids: Record<string, number> = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clmm-cli-sched-'));
    const queries: Record<number, FakeQuery> = {};
    [...REGISTRY.values()].forEach((spec, i) => {
      ids[spec.name] = 3000 + i;
      queries[3000 + i] = { rows: sampleRows(spec), pendingPolls: 0, executingPolls: 0, outcome: 'failed', failure: { type: 'FAILED_TYPE_EXECUTION_FAILED', message: 'x'.repeat(5000) } };
    });
    server = await startFakeDuneServer({ apiKey: KEY, queries, echoKeyInErrors: true });
    writeFileSync(join(dir, 'ids.json'), JSON.stringify(ids));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('intel scheduler --once exits 0 when every refresh failed: exit 2 when a failure is bad input (such as DUNE_UNAUTHORIZED), else 3', async () => {
    const base = ['intel', 'scheduler', '--once', '--query-ids', join(dir, 'ids.json'), '--budget', '500'];
    const failed = await runCli([...base, '--data-dir', join(dir, 'failed')], { env: { DUNE_API_KEY: KEY, DUNE_API_BASE_URL: server.baseUrl } });
    assert.match(failed.out, /cycle done: 0 refreshed, 8 failed/);
    assert.equal(failed.code, 3, failed.err);
    assert.match(failed.err, /error \[DUNE_EXECUTION_FAILED\]: intel scheduler --once: every refresh failed \(8 of 8 failed\)/);
    const wrongKey = 'wrong-key-never-shown-K9';
    const refused = await runCli([...base, '--data-dir', join(dir, 'refused')], { env: { DUNE_API_KEY: wrongKey, DUNE_API_BASE_URL: server.baseUrl } });
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /error \[DUNE_UNAUTHORIZED\]: intel scheduler --once: a refresh failed for bad input/);
    assert.ok(!(refused.out + refused.err + intelFiles(join(dir, 'refused'))).includes(wrongKey), 'the configured (wrong) key is redacted too');
  });

  it("text from a server's error body is not copied verbatim: the configured API key is redacted from stdout, stderr and the cache, and stored error text is capped", async () => {
    const dataDir = join(dir, 'echo');
    const env = { DUNE_API_KEY: KEY, DUNE_API_BASE_URL: server.baseUrl };
    const sch = await runCli(['intel', 'scheduler', '--once', '--data-dir', dataDir, '--query-ids', join(dir, 'ids.json'), '--budget', '500'], { env });
    assert.equal(sch.code, 3, sch.err);
    assert.match(sch.out, /\[REDACTED\]/, 'the echoed key shows as [REDACTED]');
    const st = await runCli(['intel', 'status', '--data-dir', dataDir, '--json'], { env });
    assert.equal(st.code, 0, st.err);
    const files = intelFiles(dataDir);
    for (const [what, text] of [['scheduler stdout', sch.out], ['scheduler stderr', sch.err], ['status', st.out], ['cache files', files]] as const) {
      assert.ok(!text.includes(KEY), `${what} holds the API key`);
    }
    assert.ok(files.includes('[REDACTED]'), 'the cache keeps the redacted error');
    // a 5000-character error message is capped in every cached error
    const rows = JSON.parse(st.out).rows as Array<{ last_error: string | null }>;
    const errors = rows.map((r) => r.last_error).filter((e): e is string => e !== null);
    assert.ok(errors.length >= 8);
    for (const e of errors) assert.ok(e.length < 1200 && /more characters\)/.test(e), `capped: ${e.length} characters`);
  });
});
