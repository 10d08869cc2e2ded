/**
 * `buildApp(deps)`: the Fastify app of `clmm-lab serve`, with nothing read from the environment
 * and no port opened (tests use `inject()`; the CLI calls `listen`). Read-only: every route is GET
 * (HEAD is not exposed), a request that carries a body is refused with a named 400 before it is
 * read, and no CORS header is ever sent, so a browser page of another origin cannot read it.
 *
 * Writes (halt / unhalt of a live run) are not built. They will be POST routes registered the same
 * way (apiRoute.ts, with a body schema), each checking a token from the environment that the CLI
 * passes in `deps`, under a rate limit; the body refusal below then applies to GET routes only.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { defineRoute, registerApiRoute, type ApiRoute } from './apiRoute.ts';
import { asServerError, badRequest, errorBody, httpStatusOf } from './httpErrors.ts';
import type { IntelStatusSource } from './intelStatusSource.ts';
import { openApiDocument } from './openApiDocument.ts';
import { experimentsRoutes } from './routes/experimentsRoutes.ts';
import { intelRoutes } from './routes/intelRoutes.ts';
import { metricsRoute } from './routes/metricsRoute.ts';
import { runEventsRoute } from './routes/runEventsRoute.ts';
import { runsRoutes } from './routes/runsRoutes.ts';
import type { ServerContext } from './serverContext.ts';
import { ServerMetrics } from './serverMetrics.ts';

/** Per-run series of /metrics for this many finished runs besides the running ones (CLMM_METRICS_FINISHED_RUNS). */
export const DEFAULT_FINISHED_RUNS_CAP = 20;

export interface BuildAppDeps {
  /** The resolved data dir (cli/dataDir.ts). */
  dataDir: string;
  /** The intel status source (intelStatusSource.ts); closed with the app. */
  intel: IntelStatusSource;
  /** Fastify's logger: off unless given (`true` or pino options). */
  logger?: boolean | Record<string, unknown>;
  /** For the package version in /openapi.json. */
  version?: string;
  finishedRunsCap?: number;
  events?: Partial<ServerContext['events']>;
  /** Validate every JSON response against its schema before sending it (tests). */
  checkResponses?: boolean;
}

export interface ClmmLabApp {
  app: FastifyInstance;
  /** Every route descriptor, the source of /openapi.json. */
  routes: ApiRoute[];
  /** Every route Fastify registered, however it was added (seen by an onRoute hook). */
  registered: Array<{ method: string; url: string }>;
}

export async function buildApp(deps: BuildAppDeps): Promise<ClmmLabApp> {
  const app = Fastify({
    logger: deps.logger ?? false,
    exposeHeadRoutes: false,
    // a URL Fastify cannot decode gets the same named body as every other error
    frameworkErrors: (error, _request, reply) => (reply as unknown as FastifyReply).code(400).send(errorBody(new ClmmLabError('HTTP_BAD_REQUEST', `url: ${error.message}`, { details: { field: 'url' } }))),
  });
  const ctx: ServerContext = {
    dataDir: deps.dataDir,
    intel: deps.intel,
    metrics: new ServerMetrics({ dataDir: deps.dataDir, finishedRunsCap: deps.finishedRunsCap ?? DEFAULT_FINISHED_RUNS_CAP, intelStatus: () => deps.intel.status() }),
    events: { pollMs: 250, heartbeatMs: 15_000, retryMs: 2_000, ...deps.events },
    streams: new Set(),
  };
  const registered: ClmmLabApp['registered'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) registered.push({ method, url: r.url });
  });

  // a GET carries no body: refuse one before Fastify reads it
  app.addHook('onRequest', async (request) => {
    const length = request.headers['content-length'];
    if ((length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined) throw badRequest('body', 'no request body (every route is GET)');
  });
  app.setErrorHandler((error, request, reply) => {
    const named = asServerError(error);
    const status = httpStatusOf(named);
    if (status >= 500) request.log.error(error);
    return reply.code(status).send(errorBody(named));
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new ClmmLabError('HTTP_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}; the API is read-only (GET) and its routes are listed at /openapi.json`, { details: { field: null } });
    return reply.code(404).send(errorBody(e));
  });
  // end the open event streams first, or close would wait for them
  app.addHook('preClose', async () => {
    for (const s of ctx.streams) s.abort();
  });
  app.addHook('onClose', async () => {
    await ctx.intel.close();
  });

  const routes: ApiRoute[] = [...runsRoutes(ctx), runEventsRoute(ctx), ...experimentsRoutes(ctx), ...intelRoutes(ctx), metricsRoute(ctx)];
  routes.push(
    defineRoute({
      url: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document: every route with its parameters and response schemas',
      response: { kind: 'json', schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.1' },
      errors: [400],
      handler: async () => document,
    }),
  );
  const document = openApiDocument({ routes, version: deps.version ?? '0.0.0' });
  for (const route of routes) registerApiRoute(app, route, { checkResponses: deps.checkResponses ?? false });
  await app.ready();
  return { app, routes, registered };
}
