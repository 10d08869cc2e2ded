/**
 * `GET /api/runs/:runId/events`: the run's `events.jsonl` as server-sent events, one per RunEvent,
 * `id:` its seq and `data:` its JSON line (the default `message` event; `type` tells them apart).
 * While the run is running the file is followed; the stream ends after `run_finished`, when the
 * run stops, or when the client leaves. `Last-Event-ID` (sent by EventSource when it reconnects)
 * resumes after that seq. When nothing is left to send and the run is not running the answer is
 * 204, which tells EventSource to stop reconnecting. A damaged line met mid-stream ends the stream
 * with a `stream_error` event carrying the named error body.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { liveLockHolder } from '../../store/runLock.ts';
import type { RunEvent } from '../../store/artifacts/runEvents.ts';
import { runEventSchema } from '../../store/artifacts/runEvents.ts';
import { runPaths } from '../../store/runPaths.ts';
import { defineRoute, type ApiRoute } from '../apiRoute.ts';
import { eventsHeadersSchema, runParamsSchema } from '../apiSchemas.ts';
import { requireRun } from '../dataReader.ts';
import { asServerError, errorBody } from '../httpErrors.ts';
import { tailRunEvents } from '../runEventTail.ts';
import type { ServerContext } from '../serverContext.ts';

async function write(res: ServerResponse, text: string, signal: AbortSignal): Promise<void> {
  if (!res.write(text)) await once(res, 'drain', { signal });
}

export function eventFrame(event: RunEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function runEventsRoute(ctx: ServerContext): ApiRoute {
  return defineRoute({
    url: '/api/runs/:runId/events',
    operationId: 'streamRunEvents',
    summary: "The run's RunEvents (events.jsonl) as server-sent events, followed while the run is running; resumable with Last-Event-ID",
    params: runParamsSchema,
    headers: eventsHeadersSchema,
    response: { kind: 'text', contentType: 'text/event-stream', description: 'one event per RunEvent: `id: <seq>`, `data: <the events.jsonl line>`', schema: runEventSchema, also: { 204: 'nothing after Last-Event-ID and the run is not running: do not reconnect' } },
    errors: [400, 404, 500],
    handler: async ({ params, headers, request, reply }) => {
      requireRun(ctx.dataDir, params.runId);
      const paths = runPaths(ctx.dataDir, params.runId);
      const isRunning = () => liveLockHolder(paths.lock) !== null;
      const abort = new AbortController();
      const events = tailRunEvents({ path: paths.events, name: `runs/${params.runId}/events.jsonl`, afterSeq: headers['last-event-id'] ?? -1, pollMs: ctx.events.pollMs, isRunning, signal: abort.signal });
      // a run that is not running: read what is left before answering, so an empty rest is a 204
      // and a damaged file a named 500
      const first = isRunning() ? null : await events.next();
      if (first?.done === true) return reply.code(204).send();

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.on('close', () => abort.abort());
      ctx.streams.add(abort);
      let lastWrite = Date.now();
      const heartbeat = setInterval(() => {
        if (Date.now() - lastWrite >= ctx.events.heartbeatMs) {
          res.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      }, Math.max(10, Math.floor(ctx.events.heartbeatMs / 2)));
      try {
        await write(res, `retry: ${ctx.events.retryMs}\n\n`, abort.signal);
        if (first?.value !== undefined) await write(res, eventFrame(first.value), abort.signal);
        for await (const event of events) {
          await write(res, eventFrame(event), abort.signal);
          lastWrite = Date.now();
        }
      } catch (error) {
        if (!abort.signal.aborted) {
          request.log.error(error);
          res.write(`event: stream_error\ndata: ${JSON.stringify(errorBody(asServerError(error)))}\n\n`);
        }
      } finally {
        clearInterval(heartbeat);
        ctx.streams.delete(abort);
        res.end();
      }
      return undefined;
    },
  });
}
