/** `/api/intel/status`: the intel cache's quality per query, credits and last scheduler cycle. */
import { defineRoute, type ApiRoute } from '../apiRoute.ts';
import { intelStatusSchema } from '../apiSchemas.ts';
import type { ServerContext } from '../serverContext.ts';

export function intelRoutes(ctx: ServerContext): ApiRoute[] {
  return [
    defineRoute({
      url: '/api/intel/status',
      operationId: 'getIntelStatus',
      summary: 'Each cached Dune query’s quality, age, next refresh, credits and last error, as `clmm-lab intel status --json`',
      response: { kind: 'json', schema: intelStatusSchema, description: 'the status now' },
      errors: [400, 503],
      handler: async () => ctx.intel.status(),
    }),
  ];
}
