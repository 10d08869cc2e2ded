/**
 * A local stand-in for Dune's HTTP API (refs/dune-api.md §9 fidelity checklist), on 127.0.0.1
 * and a free port: key check (header or ?api_key), execute → PENDING (queue_position) →
 * EXECUTING → COMPLETED / COMPLETED_PARTIAL / FAILED / CANCELLED / EXPIRED, status with
 * timestamps and execution_cost_credits, paginated results (next_uri / next_offset omitted on
 * the last page, a server-side limit cap, offset past the end → empty rows), latest result
 * without executing, cancel, usage, per-key rate limits with separate low/high buckets, and
 * scripted faults (any status, Retry-After, malformed bodies, slow answers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Outcome = 'completed' | 'partial' | 'failed' | 'cancelled' | 'expired';

export interface FakeQuery {
  /** Result rows, or a function of the execution's parameters. */
  rows: Array<Record<string, unknown>> | ((params: Record<string, unknown>) => Array<Record<string, unknown>>);
  /** Parameter names the saved query declares; others → 400. Default: any. */
  params?: string[];
  /** Status polls answered PENDING, then EXECUTING, before the outcome (defaults 1 and 1). */
  pendingPolls?: number;
  executingPolls?: number;
  /** Or: real milliseconds from execute to the outcome (for slow-server tests). */
  durationMs?: number;
  outcome?: Outcome;
  costCredits?: number;
  failure?: { type: string; message: string };
  /** A result stored before the server started (what `latest` returns with no execution yet). */
  stored?: { endedAt: string; rows?: Array<Record<string, unknown>> };
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  /** JSON body (default {"error": "..."}); or rawBody for a malformed answer. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** How many matching requests it answers (default 1). */
  times?: number;
  /** Delay before answering, ms. */
  delayMs?: number;
}

export interface FakeDuneOptions {
  apiKey?: string;
  queries?: Record<number, FakeQuery>;
  /** Server-side cap on `limit` (Dune lowers large limits). */
  pageCap?: number;
  /** Requests per window per key: low = execute, high = everything else. */
  rateLimit?: { low: number; high: number; windowMs: number; retryAfterS?: number };
  /** Delay of every answer, ms (slow server). */
  delayMs?: number;
  /** Server clock for timestamps (default Date.now). */
  now?: () => number;
  /** A careless server: every error body and failed execution's message echoes the API key it was sent. */
  echoKeyInErrors?: boolean;
}

interface Execution {
  id: string;
  queryId: number;
  params: Record<string, unknown>;
  performance: string;
  submittedAt: number;
  polls: number;
  state: string;
  startedAt?: number;
  endedAt?: number;
  /** The stored result's own timestamp text (nanosecond precision, as Dune sends). */
  endedAtText?: string;
  cancelled: boolean;
  /** Whether a client has seen it finish (terminal status or results read). */
  settled: boolean;
}

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  key: string | null;
}

export interface FakeDuneServer {
  /** e.g. http://127.0.0.1:PORT/api — pass as the client's base URL. */
  baseUrl: string;
  executions: Map<string, Execution>;
  requests: RequestLog[];
  /** Most executions open at once (created and not yet settled). */
  maxConcurrentExecutions: number;
  /** Most HTTP requests being answered at once. */
  maxConcurrentRequests: number;
  fault(f: Fault): void;
  setQuery(id: number, q: FakeQuery): void;
  creditsCharged(): number;
  close(): Promise<void>;
}

const TERMINAL = new Set(['QUERY_STATE_COMPLETED', 'QUERY_STATE_COMPLETED_PARTIAL', 'QUERY_STATE_FAILED', 'QUERY_STATE_CANCELLED', 'QUERY_STATE_EXPIRED']);

export async function startFakeDuneServer(options: FakeDuneOptions = {}): Promise<FakeDuneServer> {
  const apiKey = options.apiKey ?? 'test-key';
  const queries = new Map<number, FakeQuery>(Object.entries(options.queries ?? {}).map(([k, v]) => [Number(k), v]));
  const now = options.now ?? (() => Date.now());
  const faults: Array<Fault & { left: number }> = [];
  const executions = new Map<string, Execution>();
  const requests: RequestLog[] = [];
  const buckets = new Map<string, { windowStart: number; low: number; high: number }>();
  let seq = 0;
  let inFlight = 0;
  let credits = 0;
  let baseUrl = '';

  const iso = (ms: number): string => new Date(ms).toISOString();

  function openExecutions(): number {
    let n = 0;
    for (const e of executions.values()) if (!e.settled) n++;
    return n;
  }

  function advance(e: Execution): void {
    if (TERMINAL.has(e.state)) return;
    const q = queries.get(e.queryId)!;
    const outcome = q.outcome ?? 'completed';
    let done: boolean;
    if (q.durationMs !== undefined) {
      const elapsed = now() - e.submittedAt;
      if (elapsed >= q.durationMs / 3 && e.startedAt === undefined) {
        e.state = 'QUERY_STATE_EXECUTING';
        e.startedAt = e.submittedAt + Math.round(q.durationMs / 3);
      }
      done = elapsed >= q.durationMs;
    } else {
      const pending = q.pendingPolls ?? 1;
      const executing = q.executingPolls ?? 1;
      if (e.polls > pending && e.startedAt === undefined) {
        e.state = 'QUERY_STATE_EXECUTING';
        e.startedAt = now();
      }
      done = e.polls > pending + executing;
    }
    if (!done) return;
    e.startedAt ??= now();
    e.endedAt = now();
    e.state = {
      completed: 'QUERY_STATE_COMPLETED',
      partial: 'QUERY_STATE_COMPLETED_PARTIAL',
      failed: 'QUERY_STATE_FAILED',
      cancelled: 'QUERY_STATE_CANCELLED',
      expired: 'QUERY_STATE_EXPIRED',
    }[outcome];
    // failed executions are charged too (Dune's billing page)
    credits += q.costCredits ?? 10;
  }

  function rowsOf(e: Execution): Array<Record<string, unknown>> {
    const q = queries.get(e.queryId)!;
    return typeof q.rows === 'function' ? q.rows(e.params) : q.rows;
  }

  function statusBody(e: Execution): Record<string, unknown> {
    const q = queries.get(e.queryId)!;
    const body: Record<string, unknown> = {
      execution_id: e.id,
      query_id: e.queryId,
      is_execution_finished: TERMINAL.has(e.state),
      state: e.state,
      submitted_at: iso(e.submittedAt),
      expires_at: iso(e.submittedAt + 90 * 86_400_000),
    };
    if (e.state === 'QUERY_STATE_PENDING') body.queue_position = 3;
    if (e.startedAt !== undefined) body.execution_started_at = iso(e.startedAt);
    if (e.endedAt !== undefined) body.execution_ended_at = e.endedAtText ?? iso(e.endedAt);
    if (TERMINAL.has(e.state)) body.execution_cost_credits = q.costCredits ?? 10;
    if (e.cancelled) body.cancelled_at = iso(e.endedAt ?? now());
    if (e.state === 'QUERY_STATE_FAILED') {
      body.execution_cost_credits = q.costCredits ?? 10;
      const message = q.failure?.message ?? `line 1:8: Column 'x' cannot be resolved [Execution ID: ${e.id}]`;
      body.error = { type: q.failure?.type ?? 'FAILED_TYPE_EXECUTION_FAILED', message: options.echoKeyInErrors === true ? `(api key ${apiKey}) ${message}` : message, metadata: { line: 1, column: 8 } };
    }
    if (e.state === 'QUERY_STATE_COMPLETED' || e.state === 'QUERY_STATE_COMPLETED_PARTIAL') {
      const rows = rowsOf(e);
      body.result_metadata = { column_names: Object.keys(rows[0] ?? {}), row_count: rows.length, total_row_count: rows.length, datapoint_count: rows.length * Object.keys(rows[0] ?? {}).length };
    }
    return body;
  }

  function resultsBody(e: Execution, url: URL, path: string): { status: number; body: unknown } {
    const base: Record<string, unknown> = statusBody(e);
    delete base.queue_position;
    delete base.result_metadata;
    delete base.execution_cost_credits;
    if (e.state === 'QUERY_STATE_COMPLETED_PARTIAL' && url.searchParams.get('allow_partial_results') !== 'true') {
      return { status: 400, body: { error: "Partial Result, please request with 'allows_partial_results=true'" } };
    }
    if (e.state !== 'QUERY_STATE_COMPLETED' && e.state !== 'QUERY_STATE_COMPLETED_PARTIAL') return { status: 200, body: base };
    const rows = rowsOf(e);
    const requested = Number(url.searchParams.get('limit') ?? rows.length);
    const limit = Math.max(1, Math.min(requested, options.pageCap ?? Number.MAX_SAFE_INTEGER));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = rows.slice(offset, offset + limit);
    const columns = Object.keys(rows[0] ?? {});
    const body: Record<string, unknown> = {
      ...base,
      result: {
        rows: page,
        metadata: {
          column_names: columns,
          column_types: columns.map((c) => (typeof rows[0]?.[c] === 'number' ? 'double' : 'varchar')),
          row_count: page.length,
          result_set_bytes: JSON.stringify(page).length,
          total_row_count: rows.length,
          total_result_set_bytes: JSON.stringify(rows).length,
          datapoint_count: page.length * columns.length,
          pending_time_millis: 15,
          execution_time_millis: 1336,
        },
      },
    };
    if (offset + limit < rows.length) {
      body.next_offset = offset + limit;
      body.next_uri = `${baseUrl}${path}?limit=${limit}&offset=${offset + limit}`;
    }
    e.settled = true;
    return { status: 200, body };
  }

  function rateLimited(key: string, bucket: 'low' | 'high'): boolean {
    const rl = options.rateLimit;
    if (rl === undefined) return false;
    let b = buckets.get(key);
    if (b === undefined || now() - b.windowStart >= rl.windowMs) {
      b = { windowStart: now(), low: 0, high: 0 };
      buckets.set(key, b);
    }
    b[bucket] += 1;
    return b[bucket] > rl[bucket];
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const key = (req.headers['x-dune-api-key'] as string | undefined) ?? url.searchParams.get('api_key');
    const send = async (status: number, body: unknown, headers: Record<string, string> = {}, raw?: string): Promise<void> => {
      requests.push({ method, path, status, key: key === apiKey ? 'valid' : key === null ? null : 'invalid' });
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      const echoed = options.echoKeyInErrors === true && status >= 400 && typeof (body as { error?: unknown } | undefined)?.error === 'string' ? { ...(body as object), error: `${(body as { error: string }).error} (request key: ${key})` } : body;
      res.end(raw === undefined ? JSON.stringify(echoed) : options.echoKeyInErrors === true ? `${raw} key=${key}` : raw);
    };
    const bodyText = await readBody(req);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));

    const fault = faults.find((f) => f.left > 0 && f.path.test(path) && (f.method === undefined || f.method === method));
    if (fault !== undefined) {
      fault.left -= 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      return send(fault.status, fault.body ?? { error: `scripted ${fault.status}` }, fault.headers, fault.rawBody);
    }
    if (key !== apiKey) return send(401, { error: 'invalid API Key' });

    const execute = /^\/api\/v1\/query\/(\d+)\/execute$/.exec(path);
    const latest = /^\/api\/v1\/query\/(\d+)\/results$/.exec(path);
    const status = /^\/api\/v1\/execution\/([^/]+)\/status$/.exec(path);
    const results = /^\/api\/v1\/execution\/([^/]+)\/results$/.exec(path);
    const cancel = /^\/api\/v1\/execution\/([^/]+)\/cancel$/.exec(path);
    if (rateLimited(key, execute ? 'low' : 'high')) {
      const rl = options.rateLimit!;
      return send(429, { error: 'Too many requests' }, rl.retryAfterS === undefined ? {} : { 'Retry-After': String(rl.retryAfterS) });
    }

    if (execute && method === 'POST') {
      const q = queries.get(Number(execute[1]));
      if (q === undefined) return send(404, { error: 'not found: Query not found or private' });
      let body: { query_parameters?: Record<string, unknown>; performance?: string };
      try {
        body = bodyText === '' ? {} : (JSON.parse(bodyText) as typeof body);
      } catch {
        return send(400, { error: 'invalid JSON body' });
      }
      const params = body.query_parameters ?? {};
      const unknown = q.params === undefined ? [] : Object.keys(params).filter((p) => !q.params!.includes(p));
      if (unknown.length > 0) return send(400, { error: `unknown parameters: ${unknown.join(', ')}` });
      const performance = body.performance ?? 'medium';
      if (!['medium', 'large'].includes(performance)) return send(400, { error: `invalid performance ${performance}` });
      const id = `01FAKE${String(++seq).padStart(20, '0')}`;
      executions.set(id, { id, queryId: Number(execute[1]), params, performance, submittedAt: now(), polls: 0, state: 'QUERY_STATE_PENDING', cancelled: false, settled: false });
      server.maxConcurrentExecutions = Math.max(server.maxConcurrentExecutions, openExecutions());
      return send(200, { execution_id: id, state: 'QUERY_STATE_PENDING' });
    }
    if (status && method === 'GET') {
      const e = executions.get(decodeURIComponent(status[1]!));
      if (e === undefined) return send(404, { error: 'Object not found' });
      e.polls += 1;
      advance(e);
      if (TERMINAL.has(e.state) && e.state !== 'QUERY_STATE_COMPLETED' && e.state !== 'QUERY_STATE_COMPLETED_PARTIAL') e.settled = true;
      return send(200, statusBody(e));
    }
    if (results && method === 'GET') {
      const e = executions.get(decodeURIComponent(results[1]!));
      if (e === undefined) return send(404, { error: 'Object not found' });
      const r = resultsBody(e, url, path);
      return send(r.status, r.body);
    }
    if (latest && method === 'GET') {
      const queryId = Number(latest[1]);
      const q = queries.get(queryId);
      if (q === undefined) return send(404, { error: 'not found: Query not found or private' });
      const mine = [...executions.values()].filter((e) => e.queryId === queryId && (e.state === 'QUERY_STATE_COMPLETED' || e.state === 'QUERY_STATE_COMPLETED_PARTIAL'));
      const newest = mine[mine.length - 1];
      if (newest !== undefined) {
        const r = resultsBody(newest, url, path);
        return send(r.status, r.body);
      }
      if (q.stored === undefined) return send(404, { error: 'not found: no result for this query' });
      const ended = Date.parse(q.stored.endedAt);
      const stored: Execution = { id: `01STORED${queryId}`, queryId, params: {}, performance: 'medium', submittedAt: ended - 10_000, startedAt: ended - 9_000, endedAt: ended, endedAtText: q.stored.endedAt, polls: 0, state: 'QUERY_STATE_COMPLETED', cancelled: false, settled: true };
      const original = q.rows;
      if (q.stored.rows !== undefined) q.rows = q.stored.rows;
      const r = resultsBody(stored, url, path);
      q.rows = original;
      return send(r.status, r.body);
    }
    if (cancel && method === 'POST') {
      const e = executions.get(decodeURIComponent(cancel[1]!));
      if (e === undefined) return send(404, { error: 'Object not found' });
      if (!TERMINAL.has(e.state)) {
        e.state = 'QUERY_STATE_CANCELLED';
        e.cancelled = true;
        e.endedAt = now();
      }
      e.settled = true;
      return send(200, { success: true });
    }
    if (path === '/api/v1/usage' && method === 'POST') {
      return send(200, { private_queries: 0, private_dashboards: 0, bytes_used: 0, bytes_allowed: 1e9, billing_periods: [{ start_date: '2026-01-01', end_date: '2026-02-01', credits_used: credits, credits_included: 2500 }] });
    }
    return send(404, { error: 'Object not found' });
  }

  const http = createServer((req, res) => {
    inFlight += 1;
    server.maxConcurrentRequests = Math.max(server.maxConcurrentRequests, inFlight);
    handle(req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      })
      .finally(() => {
        inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const server: FakeDuneServer = {
    baseUrl: `${baseUrl}/api`,
    executions,
    requests,
    maxConcurrentExecutions: 0,
    maxConcurrentRequests: 0,
    fault: (f) => faults.push({ ...f, left: f.times ?? 1 }),
    setQuery: (id, q) => void queries.set(id, q),
    creditsCharged: () => credits,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server;
}
