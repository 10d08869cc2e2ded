import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeDuneServer } from '../../../test/dune/fakeDuneServer.ts';
import { createDuneClient } from './DuneClient.ts';
import { DuneError } from './DuneError.ts';
import { capText, MAX_ERROR_TEXT_CHARS } from '../capText.ts';
import { REDACTED, redactText } from './redactSecret.ts';

const KEY = 'k/ey+with=odd&chars';

test('redaction replaces the key as sent and URL-encoded; capping says how much was cut', () => {
  assert.equal(redactText(`a ${KEY} b ${encodeURIComponent(KEY)} c`, KEY), `a ${REDACTED} b ${REDACTED} c`);
  assert.equal(capText('short'), 'short');
  const long = capText('y'.repeat(MAX_ERROR_TEXT_CHARS + 42));
  assert.equal(long, `${'y'.repeat(MAX_ERROR_TEXT_CHARS)}… (42 more characters)`);
});

test("a server echoing the key in an error body or a failed execution's message: the client's errors never carry it", async () => {
  const server = await startFakeDuneServer({
    apiKey: KEY,
    echoKeyInErrors: true,
    queries: { 1: { rows: [{ a: 1 }], outcome: 'failed', pendingPolls: 0, executingPolls: 0 } },
  });
  try {
    const client = createDuneClient({ apiKey: KEY, baseUrl: server.baseUrl, sleep: async () => {}, maxRetries: 0 });
    const caught = async (p: Promise<unknown>, echoed = true): Promise<DuneError> => {
      const e = await p.then(() => assert.fail('expected an error'), (error: unknown) => error);
      assert.ok(e instanceof DuneError, String(e));
      const all = JSON.stringify({ message: e.message, dune: e.duneMessage, details: e.details });
      assert.ok(!all.includes(KEY) && !all.includes(encodeURIComponent(KEY)), all);
      if (echoed) assert.ok(all.includes(REDACTED), all);
      return e;
    };
    server.fault({ path: /execute$/, status: 400, body: { error: 'bad parameter' } });
    assert.equal((await caught(client.executeQuery({ queryId: 1 }))).code, 'DUNE_BAD_REQUEST');
    assert.equal((await caught(client.runQuery({ queryId: 1 }))).code, 'DUNE_EXECUTION_FAILED');
    // a body that is not JSON lands in details.body_start
    server.fault({ path: /status$/, status: 200, rawBody: '<html>gateway</html>' });
    const started = await client.executeQuery({ queryId: 1 });
    assert.equal((await caught(client.getExecutionStatus(started.execution_id))).code, 'DUNE_MALFORMED');
    // a huge error body is capped (the key it echoes at its end is cut off with the rest)
    server.fault({ path: /execute$/, status: 400, body: { error: 'z'.repeat(20_000) } });
    const big = await caught(client.executeQuery({ queryId: 1 }), false);
    assert.ok(big.message.length < 2 * MAX_ERROR_TEXT_CHARS && big.duneMessage!.length < 2 * MAX_ERROR_TEXT_CHARS);
  } finally {
    await server.close();
  }
});
