/** `GET /metrics`: the Prometheus exposition of the runs and the intel cache (serverMetrics.ts). */
import { defineRoute, type ApiRoute } from '../apiRoute.ts';
import type { ServerContext } from '../serverContext.ts';

export function metricsRoute(ctx: ServerContext): ApiRoute {
  return defineRoute({
    url: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics: per-run gauges for running and recent finished runs, totals over all runs, intel quality and credits',
    response: { kind: 'text', contentType: ctx.metrics.contentType, description: 'Prometheus text exposition format 0.0.4' },
    errors: [400, 500],
    handler: async ({ reply }) => reply.type(ctx.metrics.contentType).send(await ctx.metrics.scrape()),
  });
}
