/** `/api/experiments`: the experiments of the data dir and one experiment's report.json. */
import { defineRoute, type ApiRoute } from '../apiRoute.ts';
import { experimentListSchema, experimentParamsSchema, experimentReportSchema } from '../apiSchemas.ts';
import { listExperiments, readExperimentReport } from '../dataReader.ts';
import type { ServerContext } from '../serverContext.ts';

export function experimentsRoutes(ctx: ServerContext): ApiRoute[] {
  return [
    defineRoute({
      url: '/api/experiments',
      operationId: 'listExperiments',
      summary: 'The experiments (compare / validate) of the data dir, with the verdict of each one that has a report',
      response: { kind: 'json', schema: experimentListSchema, description: 'every experiment folder, sorted by id' },
      errors: [400, 500],
      handler: async () => ({ experiments: listExperiments(ctx.dataDir) }),
    }),
    defineRoute({
      url: '/api/experiments/:experimentId',
      operationId: 'getExperiment',
      summary: "An experiment's report.json: per-variant figures, paired statistics, criteria and verdict",
      params: experimentParamsSchema,
      response: { kind: 'json', schema: experimentReportSchema, description: 'the report, as written' },
      errors: [400, 404, 500],
      handler: async ({ params }) => readExperimentReport(ctx.dataDir, params.experimentId),
    }),
  ];
}
