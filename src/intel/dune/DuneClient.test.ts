import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeDuneServer, type FakeDuneServer } from '../../../test/dune/fakeDuneServer.ts';
import { fixedClock } from '../clock.ts';
import { createDuneClient, parseRetryAfter, type DuneClientOptions } from './DuneClient.ts';
import { DuneError } from './DuneError.ts';

const KEY = 'sk-test-0123456789';
const rows = (n: number): Array<Record<string, unknown>> => Array.from({ length: n }, (_, i) => ({ hour: `2026-01-01 0${i % 10}:00:00.000 UTC`, fees_usd: i * 1.5, swap_count: i }));

function harness(server: FakeDuneServer, extra: Partial<DuneClientOptions> = {}) {
  const clock = fixedClock(Date.parse('2026-01-01T00:00:00Z'));
  const sleeps: number[] = [];
  const client = createDuneClient({
    apiKey: KEY,
    baseUrl: server.baseUrl,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    ...extra,
  });
  return { client, sleeps, clock };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<DuneError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof DuneError, `expected a DuneError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.ok(!error.message.includes(KEY), 'the API key must never appear in an error');
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('DuneClient against the fake Dune server', () => {
  let server: FakeDuneServer;
  before(async () => {
    server = await startFakeDuneServer({
      apiKey: KEY,
      pageCap: 2,
      queries: {
        1: { rows: rows(5), params: ['pool_address', 'hours'], pendingPolls: 2, executingPolls: 2, costCredits: 7 },
        2: { rows: [], outcome: 'failed', costCredits: 3, failure: { type: 'FAILED_TYPE_EXECUTION_FAILED', message: "line 3:1: Table 'dex.tradez' does not exist" } },
        3: { rows: rows(3), outcome: 'partial' },
        4: { rows: [], outcome: 'expired' },
        5: { rows: [], outcome: 'cancelled' },
        6: { rows: rows(1), durationMs: 60 * 60_000 },
        7: { rows: rows(1), stored: { endedAt: '2025-12-31T23:50:00.123456789Z', rows: rows(4) } },
      },
    });
  });
  after(() => server.close());

  it('executes with parameters, polls through PENDING and EXECUTING, pages through results, counts credits', async () => {
    const { client, sleeps } = harness(server);
    const run = await client.runQuery({ queryId: 1, parameters: { pool_address: '0xabc', hours: 24 }, performance: 'large' });
    assert.equal(run.state, 'QUERY_STATE_COMPLETED');
    assert.equal(run.rows.length, 5);
    assert.equal(run.pages, 3, 'pageCap 2 → 3 pages, next_uri followed until absent');
    assert.deepEqual(run.rows.map((r) => r.swap_count), [0, 1, 2, 3, 4]);
    assert.equal(run.credits, 7);
    assert.equal(run.partial, false);
    assert.ok(run.execution_ended_at !== null);
    const exec = server.executions.get(run.execution_id)!;
    assert.deepEqual(exec.params, { pool_address: '0xabc', hours: 24 });
    assert.equal(exec.performance, 'large');
    // polling backs off: 1000, 1500, 2250, ...
    assert.deepEqual(sleeps.slice(0, 3), [1000, 1500, 2250]);
    assert.deepEqual(client.credits(), { execution_credits: 7, executions: 1, datapoints: 15 });
    assert.ok(server.requests.every((r) => r.key === 'valid'));
  });

  it('maps HTTP errors to typed codes', async () => {
    const { client } = harness(server);
    await rejectsWith(client.executeQuery({ queryId: 1, parameters: { nope: 1 } }), 'DUNE_BAD_REQUEST');
    await rejectsWith(client.executeQuery({ queryId: 999 }), 'DUNE_NOT_FOUND');
    for (const [status, code] of [[402, 'DUNE_PAYMENT_REQUIRED'], [403, 'DUNE_FORBIDDEN'], [409, 'DUNE_CONFLICT']] as const) {
      server.fault({ path: /\/execute$/, status, body: { error: `scripted ${status}` } });
      const e = await rejectsWith(client.executeQuery({ queryId: 1 }), code);
      assert.equal(e.status, status);
      assert.equal(e.duneMessage, `scripted ${status}`);
    }
    const bad = createDuneClient({ apiKey: 'wrong-key', baseUrl: server.baseUrl, sleep: async () => {} });
    const before = server.requests.length;
    await rejectsWith(bad.getExecutionStatus('x'), 'DUNE_UNAUTHORIZED');
    assert.equal(server.requests.length - before, 1, '401 is not retried');
    assert.throws(() => createDuneClient({ apiKey: '  ' }), (e: unknown) => e instanceof DuneError && e.code === 'DUNE_UNAUTHORIZED');
  });

  it('honours Retry-After on 429, then succeeds; gives up with DUNE_RATE_LIMITED', async () => {
    const { client, sleeps } = harness(server);
    server.fault({ path: /\/execute$/, status: 429, body: { error: 'Too many requests' }, headers: { 'Retry-After': '7' }, times: 2 });
    const r = await client.executeQuery({ queryId: 1 });
    assert.equal(r.state, 'QUERY_STATE_PENDING');
    assert.deepEqual(sleeps, [7000, 7000]);

    const h2 = harness(server, { maxRetries: 2 });
    server.fault({ path: /\/status$/, status: 429, headers: { 'Retry-After': '1' }, times: 3 });
    const e = await rejectsWith(h2.client.getExecutionStatus(r.execution_id), 'DUNE_RATE_LIMITED');
    assert.equal(e.retryAfterMs, 1000);
    assert.deepEqual(h2.sleeps, [1000, 1000]);

    // no Retry-After: bounded exponential backoff with deterministic jitter
    const h3 = harness(server, { backoffBaseMs: 100 });
    server.fault({ path: /\/status$/, status: 429, times: 2 });
    await h3.client.getExecutionStatus(r.execution_id);
    assert.equal(h3.sleeps.length, 2);
    assert.ok(h3.sleeps[0]! >= 100 && h3.sleeps[0]! < 125 && h3.sleeps[1]! >= 200 && h3.sleeps[1]! < 250, String(h3.sleeps));
  });

  it("the fake's per-key rate limiter (low/high buckets) is honoured through Retry-After", async () => {
    const limited = await startFakeDuneServer({ apiKey: KEY, queries: { 1: { rows: rows(1), stored: { endedAt: '2026-01-01T00:00:00Z' } } }, rateLimit: { low: 1, high: 100, windowMs: 60_000, retryAfterS: 2 } });
    try {
      const { client, sleeps } = harness(limited, { maxRetries: 1 });
      await client.executeQuery({ queryId: 1 });
      const e = await rejectsWith(client.executeQuery({ queryId: 1 }), 'DUNE_RATE_LIMITED');
      assert.equal(e.retryAfterMs, 2000);
      assert.deepEqual(sleeps, [2000]);
      // the high bucket (reads) is independent of the low one (execute)
      await client.getLatestResult({ queryId: 1 });
    } finally {
      await limited.close();
    }
  });

  it('retries 5xx on reads but never on execute (it could run and bill twice)', async () => {
    const { client, sleeps } = harness(server);
    const r = await client.executeQuery({ queryId: 1 });
    server.fault({ path: /\/status$/, status: 503, times: 2 });
    const s = await client.getExecutionStatus(r.execution_id);
    assert.equal(s.execution_id, r.execution_id);
    assert.equal(sleeps.length, 2);
    server.fault({ path: /\/execute$/, status: 500, times: 1 });
    const before = server.requests.length;
    await rejectsWith(client.executeQuery({ queryId: 1 }), 'DUNE_SERVER');
    assert.equal(server.requests.length - before, 1);
  });

  it('ends polling on every terminal state: FAILED, COMPLETED_PARTIAL, EXPIRED, CANCELLED', async () => {
    const { client } = harness(server);
    const failed = await rejectsWith(client.runQuery({ queryId: 2 }), 'DUNE_EXECUTION_FAILED');
    assert.match(failed.message, /dex\.tradez/);
    assert.equal(failed.details?.credits, 3);
    assert.equal(client.credits().execution_credits, 3, 'failed executions are charged and counted');

    const partial = await client.runQuery({ queryId: 3 });
    assert.equal(partial.partial, true);
    assert.equal(partial.state, 'QUERY_STATE_COMPLETED_PARTIAL');
    assert.equal(partial.rows.length, 3);

    await rejectsWith(client.runQuery({ queryId: 4 }), 'DUNE_EXECUTION_EXPIRED');
    await rejectsWith(client.runQuery({ queryId: 5 }), 'DUNE_EXECUTION_CANCELLED');
  });

  it('a slow execution hits the deadline: DUNE_TIMEOUT, and the execution is cancelled on Dune', async () => {
    const { client, sleeps } = harness(server);
    const e = await rejectsWith(client.runQuery({ queryId: 6, timeoutMs: 30_000, pollIntervalMs: 1000, maxPollIntervalMs: 4000 }), 'DUNE_TIMEOUT');
    const id = e.details?.execution_id as string;
    assert.equal(server.executions.get(id)?.state, 'QUERY_STATE_CANCELLED');
    assert.ok(sleeps.every((s) => s <= 4000));
    assert.ok(sleeps.reduce((a, b) => a + b, 0) <= 30_000);
  });

  it('reads the latest stored result without executing', async () => {
    const { client } = harness(server);
    const executes = server.requests.filter((r) => r.path.endsWith('/execute')).length;
    const latest = await client.getLatestResult({ queryId: 7 });
    assert.equal(latest.has_result, true);
    assert.equal(latest.rows.length, 4);
    assert.equal(latest.execution_ended_at, '2025-12-31T23:50:00.123456789Z');
    assert.equal(server.requests.filter((r) => r.path.endsWith('/execute')).length, executes);
    await rejectsWith(client.getLatestResult({ queryId: 12345 }), 'DUNE_NOT_FOUND');
  });

  it('rejects malformed bodies with DUNE_MALFORMED', async () => {
    const { client } = harness(server);
    server.fault({ path: /\/status$/, status: 200, rawBody: '<html>gateway</html>' });
    await rejectsWith(client.getExecutionStatus('01X'), 'DUNE_MALFORMED');
    server.fault({ path: /\/status$/, status: 200, body: { execution_id: '01X', state: 'QUERY_STATE_DANCING' } });
    await rejectsWith(client.getExecutionStatus('01X'), 'DUNE_MALFORMED');
    server.fault({ path: /\/execute$/, status: 200, body: { state: 'QUERY_STATE_PENDING' } });
    await rejectsWith(client.executeQuery({ queryId: 1 }), 'DUNE_MALFORMED');
    server.fault({ path: /\/results$/, status: 200, body: { execution_id: '01X', state: 'QUERY_STATE_COMPLETED', result: { rows: 'nope' } } });
    await rejectsWith(client.getLatestResult({ queryId: 7 }), 'DUNE_MALFORMED');
  });

  it('times out a request that gets no answer (DUNE_TIMEOUT) and a refused connection is DUNE_NETWORK', async () => {
    const { client } = harness(server, { requestTimeoutMs: 100, maxRetries: 0 });
    server.fault({ path: /\/status$/, status: 200, body: {}, delayMs: 400 });
    await rejectsWith(client.getExecutionStatus('01X'), 'DUNE_TIMEOUT');
    const dead = createDuneClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9/api', maxRetries: 1, sleep: async () => {} });
    await rejectsWith(dead.getUsage(), 'DUNE_NETWORK');
  });

  it('cancels and reads usage', async () => {
    const { client } = harness(server);
    const r = await client.executeQuery({ queryId: 6 });
    assert.equal(await client.cancelExecution(r.execution_id), true);
    assert.equal((await client.getExecutionStatus(r.execution_id)).state, 'QUERY_STATE_CANCELLED');
    const usage = await client.getUsage();
    assert.equal(usage.billing_periods[0]?.credits_included, 2500);
  });

  it('never follows a next_uri to another origin (the key would leak); pages by offset instead', async () => {
    const seen: string[] = [];
    const fakeFetch = (async (input: URL | string) => {
      const url = new URL(String(input));
      seen.push(url.toString());
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const body =
        offset === 0
          ? { execution_id: 'E', state: 'QUERY_STATE_COMPLETED', result: { rows: [{ a: 1 }], metadata: {} }, next_uri: 'https://evil.example/api/v1/execution/E/results?offset=1', next_offset: 1 }
          : { execution_id: 'E', state: 'QUERY_STATE_COMPLETED', result: { rows: [{ a: 2 }], metadata: {} } };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
    const client = createDuneClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1/api', fetch: fakeFetch });
    const r = await client.getExecutionResults('E');
    assert.deepEqual(r.rows, [{ a: 1 }, { a: 2 }]);
    assert.ok(seen.every((u) => u.startsWith('http://127.0.0.1:1/')));
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3', 0), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(null, 0), undefined);
  });
});
