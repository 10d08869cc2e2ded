/**
 * A thin client for Dune's HTTP API over global fetch (refs/dune-api.md): execute a saved query
 * with parameters and a performance tier, poll its status with backoff and a deadline, fetch
 * results page by page, read a query's latest result without executing, cancel, and read usage.
 *
 * - Auth: the `X-Dune-Api-Key` header. The key is never logged, put in an error, or sent to
 *   another origin (a `next_uri` off the base URL's origin is not followed); a server that echoes
 *   it in an error body gets it redacted (redactSecret.ts), and error text is capped.
 * - Retries: 429 always (honouring Retry-After, seconds or HTTP date), 5xx / timeouts / network
 *   errors only for requests that are safe to repeat (everything but execute, which could run
 *   and bill twice). Exponential backoff with a deterministic jitter, bounded.
 * - Every terminal state ends polling, QUERY_STATE_COMPLETED_PARTIAL included (the official SDK
 *   spins forever on it).
 * - Credits: each execution's `execution_cost_credits`, counted once when seen in a terminal
 *   status; result reads count their `datapoint_count` (export credits are billed per MB and not
 *   reported in responses).
 */
import { z } from 'zod';
import { realSleep, systemClock, type Clock, type Sleep } from '../clock.ts';
import { codeForStatus, DuneError } from './DuneError.ts';
import { withRedactedErrors } from './redactSecret.ts';
import {
  cancelResponseSchema,
  errorBodySchema,
  executeResponseSchema,
  resultsResponseSchema,
  statusResponseSchema,
  TERMINAL_STATES,
  usageResponseSchema,
  type ExecuteResponse,
  type ExecutionState,
  type ExecutionStatus,
  type ResultMetadata,
  type UsageResponse,
} from './schemas.ts';

export const DUNE_BASE_URL = 'https://api.dune.com/api';

export type Performance = 'medium' | 'large';
export type QueryParameters = Readonly<Record<string, string | number>>;

export interface DuneClientOptions {
  apiKey: string;
  /** Default https://api.dune.com/api; tests pass a local server. */
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: Sleep;
  clock?: Clock;
  /** Retries after the first attempt (default 5, as Dune's Python SDK). */
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Longest Retry-After honoured; longer waits are capped (default 120 s). */
  maxRetryAfterMs?: number;
  /** Per-request deadline (default 30 s). */
  requestTimeoutMs?: number;
  /** Aborting it ends every request in flight and every retry wait at once (a campaign shutting down its refresher). */
  signal?: AbortSignal;
  /** Rows per results page (default 10,000). */
  pageLimit?: number;
  /** Called once per HTTP attempt, for logs; never sees the key. */
  onRequest?: (info: { method: string; path: string; attempt: number; status: number | 'error' }) => void;
}

export interface ResultSet {
  execution_id: string;
  query_id: number | undefined;
  state: ExecutionState;
  submitted_at: string | null;
  execution_started_at: string | null;
  execution_ended_at: string | null;
  /** False when a latest-result read found no stored result (e.g. its newest run is still going). */
  has_result: boolean;
  rows: Array<Record<string, unknown>>;
  metadata: ResultMetadata;
  pages: number;
}

export interface QueryRun extends ResultSet {
  /** `execution_cost_credits` of this execution, when Dune reported it. */
  credits: number | null;
  /** True for QUERY_STATE_COMPLETED_PARTIAL (rows truncated by Dune). */
  partial: boolean;
}

export interface WaitOptions {
  /** Deadline for the execution to finish (default 15 min; Dune's own limit is 30 min). */
  timeoutMs?: number;
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Cancel the execution on Dune when the deadline passes (default true: it would still bill). */
  cancelOnTimeout?: boolean;
  signal?: AbortSignal;
}

export interface CreditsCounter {
  execution_credits: number;
  executions: number;
  datapoints: number;
}

export interface DuneClient {
  readonly baseUrl: string;
  executeQuery(p: { queryId: number; parameters?: QueryParameters; performance?: Performance }): Promise<ExecuteResponse>;
  getExecutionStatus(executionId: string): Promise<ExecutionStatus>;
  getExecutionResults(executionId: string, opts?: { allowPartialResults?: boolean }): Promise<ResultSet>;
  getLatestResult(p: { queryId: number }): Promise<ResultSet>;
  cancelExecution(executionId: string): Promise<boolean>;
  waitForExecution(executionId: string, opts?: WaitOptions): Promise<ExecutionStatus>;
  runQuery(p: { queryId: number; parameters?: QueryParameters; performance?: Performance } & WaitOptions): Promise<QueryRun>;
  getUsage(): Promise<UsageResponse>;
  /** Credits seen so far in responses. */
  credits(): CreditsCounter;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  /** A path under the base URL, or an absolute URL on the same origin (next_uri). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Safe to repeat after a 5xx, a timeout or a network error. */
  idempotent: boolean;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (measured with the injected clock). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  return undefined;
}

function isTerminal(status: { state: ExecutionState; is_execution_finished?: boolean | undefined }): boolean {
  return TERMINAL_STATES.has(status.state);
}

export function createDuneClient(options: DuneClientOptions): DuneClient {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new DuneError('DUNE_UNAUTHORIZED', 'no Dune API key given (set DUNE_API_KEY)');
  }
  const apiKey = options.apiKey.trim();
  const baseUrl = (options.baseUrl ?? DUNE_BASE_URL).replace(/\/+$/, '');
  const base = new URL(baseUrl);
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const clock = options.clock ?? systemClock;
  const maxRetries = options.maxRetries ?? 5;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const pageLimit = options.pageLimit ?? 10_000;
  const counter: CreditsCounter = { execution_credits: 0, executions: 0, datapoints: 0 };
  const billed = new Set<string>();

  function urlFor(spec: RequestSpec): URL {
    let url: URL;
    if (/^https?:\/\//.test(spec.path)) {
      url = new URL(spec.path);
      // never send the key to another host, whatever a response says
      if (url.origin !== base.origin) throw new DuneError('DUNE_MALFORMED', `refusing to follow a next_uri on another origin (${url.origin})`);
    } else {
      url = new URL(`${baseUrl}${spec.path}`);
    }
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  function backoffMs(path: string, attempt: number): number {
    const exp = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
    // deterministic jitter in [0, 25%): spreads concurrent workers without a random source
    const jitter = (fnv1a(`${path}#${attempt}`) / 2 ** 32) * 0.25;
    return Math.round(exp * (1 + jitter));
  }

  async function request<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T> {
    const url = urlFor(spec);
    const path = url.pathname.replace(base.pathname.replace(/\/$/, ''), '') || url.pathname;
    let lastError: DuneError | undefined;
    const shutdown = options.signal;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (shutdown?.aborted === true) throw new DuneError('DUNE_TIMEOUT', `${spec.method} ${path}: client shut down`);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
      const onShutdown = () => controller.abort();
      shutdown?.addEventListener('abort', onShutdown, { once: true });
      let response: Response;
      try {
        response = await doFetch(url, {
          method: spec.method,
          headers: { 'X-Dune-Api-Key': apiKey, Accept: 'application/json', ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: controller.signal,
        });
      } catch (cause) {
        clearTimeout(timer);
        shutdown?.removeEventListener('abort', onShutdown);
        options.onRequest?.({ method: spec.method, path, attempt, status: 'error' });
        const timedOut = controller.signal.aborted;
        const refused = ((cause as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED';
        lastError = timedOut
          ? new DuneError('DUNE_TIMEOUT', `${spec.method} ${path}: no answer within ${requestTimeoutMs} ms`, { cause })
          : new DuneError('DUNE_NETWORK', `${spec.method} ${path}: ${(cause as Error).message}`, { cause });
        // a refused connection never reached Dune, so even execute may be repeated
        if ((spec.idempotent || refused) && attempt < maxRetries) {
          await sleep(backoffMs(path, attempt), shutdown);
          continue;
        }
        throw lastError;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        clearTimeout(timer);
        shutdown?.removeEventListener('abort', onShutdown);
        lastError = new DuneError(controller.signal.aborted ? 'DUNE_TIMEOUT' : 'DUNE_NETWORK', `${spec.method} ${path}: body not read: ${(cause as Error).message}`, { status: response.status, cause });
        if (spec.idempotent && attempt < maxRetries) {
          await sleep(backoffMs(path, attempt), shutdown);
          continue;
        }
        throw lastError;
      }
      clearTimeout(timer);
      shutdown?.removeEventListener('abort', onShutdown);
      options.onRequest?.({ method: spec.method, path, attempt, status: response.status });

      if (response.ok) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new DuneError('DUNE_MALFORMED', `${spec.method} ${path}: ${response.status} with a body that is not JSON`, { status: response.status, details: { body_start: text.slice(0, 120) } });
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new DuneError('DUNE_MALFORMED', `${spec.method} ${path}: unexpected body (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`, { status: response.status });
        }
        return parsed.data;
      }

      let duneMessage: string | undefined;
      try {
        const body = errorBodySchema.safeParse(JSON.parse(text));
        if (body.success) duneMessage = body.data.error;
      } catch {
        // a non-JSON error body (a proxy's HTML page): the status is what counts
      }
      const code = codeForStatus(response.status);
      const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), clock.now()) : undefined;
      lastError = new DuneError(code, `${spec.method} ${path}: Dune answered ${response.status}${duneMessage === undefined ? '' : ` (${duneMessage})`}`, { status: response.status, retryAfterMs, duneMessage });
      const retryable = response.status === 429 || (spec.idempotent && [500, 502, 503, 504].includes(response.status));
      if (!retryable || attempt >= maxRetries) throw lastError;
      const wait = retryAfterMs !== undefined ? Math.min(retryAfterMs, maxRetryAfterMs) : backoffMs(path, attempt);
      await sleep(wait, shutdown);
    }
    throw lastError ?? new DuneError('DUNE_SERVER', `${spec.method} ${spec.path}: retries exhausted`);
  }

  function noteTerminal(status: ExecutionStatus): void {
    if (!isTerminal(status) || billed.has(status.execution_id)) return;
    billed.add(status.execution_id);
    counter.executions += 1;
    counter.execution_credits += status.execution_cost_credits ?? 0;
  }

  async function readAllPages(firstPath: string, query: RequestSpec['query']): Promise<ResultSet> {
    let page = await request({ method: 'GET', path: firstPath, query: { limit: pageLimit, ...query }, idempotent: true }, resultsResponseSchema);
    const first = page;
    const rows: Array<Record<string, unknown>> = [...(page.result?.rows ?? [])];
    let metadata: ResultMetadata = page.result?.metadata ?? {};
    let datapoints = metadata.datapoint_count ?? 0;
    let pages = 1;
    while (page.result != null && (page.next_uri != null || page.next_offset != null)) {
      if (pages >= 100_000) throw new DuneError('DUNE_MALFORMED', `${firstPath}: pagination does not end`);
      const next: RequestSpec =
        page.next_uri != null && new URL(page.next_uri, baseUrl).origin === base.origin
          ? // next_uri keeps limit/offset; our other options (allow_partial_results) are added back
            { method: 'GET', path: new URL(page.next_uri, baseUrl).toString(), query, idempotent: true }
          : { method: 'GET', path: firstPath, query: { limit: pageLimit, ...query, offset: page.next_offset ?? rows.length }, idempotent: true };
      page = await request(next, resultsResponseSchema);
      if (page.execution_id !== first.execution_id) throw new DuneError('DUNE_MALFORMED', `${firstPath}: a page of another execution (${page.execution_id})`);
      const more = page.result?.rows ?? [];
      rows.push(...more);
      datapoints += page.result?.metadata?.datapoint_count ?? 0;
      pages += 1;
      if (more.length === 0) break;
    }
    counter.datapoints += datapoints;
    if (first.result != null) metadata = { ...metadata, row_count: rows.length };
    return {
      execution_id: first.execution_id,
      query_id: first.query_id,
      state: first.state,
      submitted_at: first.submitted_at ?? null,
      execution_started_at: first.execution_started_at ?? null,
      execution_ended_at: first.execution_ended_at ?? null,
      has_result: first.result != null,
      rows,
      metadata,
      pages,
    };
  }

  const client: DuneClient = {
    baseUrl,
    async executeQuery({ queryId, parameters, performance }) {
      return request({ method: 'POST', path: `/v1/query/${queryId}/execute`, body: { query_parameters: { ...(parameters ?? {}) }, performance: performance ?? 'medium' }, idempotent: false }, executeResponseSchema);
    },
    async getExecutionStatus(executionId) {
      const status = await request({ method: 'GET', path: `/v1/execution/${encodeURIComponent(executionId)}/status`, idempotent: true }, statusResponseSchema);
      noteTerminal(status);
      return status;
    },
    async getExecutionResults(executionId, opts) {
      return readAllPages(`/v1/execution/${encodeURIComponent(executionId)}/results`, opts?.allowPartialResults ? { allow_partial_results: true } : {});
    },
    async getLatestResult({ queryId }) {
      return readAllPages(`/v1/query/${queryId}/results`, {});
    },
    async cancelExecution(executionId) {
      const r = await request({ method: 'POST', path: `/v1/execution/${encodeURIComponent(executionId)}/cancel`, idempotent: true }, cancelResponseSchema);
      return r.success;
    },
    async waitForExecution(executionId, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 15 * 60_000;
      const deadline = clock.now() + timeoutMs;
      let interval = opts.pollIntervalMs ?? 1000;
      const maxInterval = opts.maxPollIntervalMs ?? 10_000;
      for (;;) {
        const status = await client.getExecutionStatus(executionId);
        if (isTerminal(status)) return status;
        if (opts.signal?.aborted) throw new DuneError('DUNE_TIMEOUT', `execution ${executionId}: wait aborted in ${status.state}`);
        if (clock.now() + interval > deadline) {
          if (opts.cancelOnTimeout ?? true) await client.cancelExecution(executionId).catch(() => false);
          throw new DuneError('DUNE_TIMEOUT', `execution ${executionId} still ${status.state} after ${timeoutMs} ms`, { details: { execution_id: executionId, state: status.state } });
        }
        await sleep(interval, opts.signal);
        interval = Math.min(maxInterval, Math.round(interval * 1.5));
      }
    },
    async runQuery(p) {
      const started = await client.executeQuery(p);
      const status = await client.waitForExecution(started.execution_id, p);
      const credits = status.execution_cost_credits ?? null;
      switch (status.state) {
        case 'QUERY_STATE_COMPLETED':
        case 'QUERY_STATE_COMPLETED_PARTIAL': {
          const partial = status.state === 'QUERY_STATE_COMPLETED_PARTIAL';
          const results = await client.getExecutionResults(started.execution_id, { allowPartialResults: partial });
          if (!results.has_result) throw new DuneError('DUNE_MALFORMED', `execution ${started.execution_id} is ${status.state} but its results carry no result`);
          return { ...results, execution_ended_at: results.execution_ended_at ?? status.execution_ended_at ?? null, credits, partial };
        }
        case 'QUERY_STATE_FAILED':
          throw new DuneError('DUNE_EXECUTION_FAILED', `query ${p.queryId} failed: ${status.error?.type ?? 'FAILED'}: ${status.error?.message ?? 'no message'}`, {
            duneMessage: status.error?.message,
            details: { query_id: p.queryId, execution_id: started.execution_id, error_type: status.error?.type, credits },
          });
        case 'QUERY_STATE_CANCELLED':
        case 'QUERY_STATE_CANCELED':
          throw new DuneError('DUNE_EXECUTION_CANCELLED', `query ${p.queryId}: execution ${started.execution_id} was cancelled`, { details: { query_id: p.queryId, execution_id: started.execution_id } });
        case 'QUERY_STATE_EXPIRED':
          throw new DuneError('DUNE_EXECUTION_EXPIRED', `query ${p.queryId}: execution ${started.execution_id} expired before its results were read`, { details: { query_id: p.queryId, execution_id: started.execution_id } });
        default:
          throw new DuneError('DUNE_MALFORMED', `execution ${started.execution_id} ended in a non-terminal state ${status.state}`);
      }
    },
    async getUsage() {
      return request({ method: 'POST', path: '/v1/usage', body: {}, idempotent: true }, usageResponseSchema);
    },
    credits: () => ({ ...counter }),
  };
  // a server may echo the key in any text it sends back: errors leave the client redacted and capped
  return withRedactedErrors(client, apiKey);
}
