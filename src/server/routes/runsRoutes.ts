/** `/api/runs`: the runs of the data dir, one run's config and summary, its episode rows and one episode's files. */
import { listRunIds, readRunState, runListItem } from '../../campaign/runStatus.ts';
import { defineRoute, type ApiRoute } from '../apiRoute.ts';
import { EPISODES_PAGE_DEFAULT, episodeDetailSchema, episodeParamsSchema, episodesPageSchema, episodesQuerySchema, runDetailSchema, runListSchema, runParamsSchema, runSummarySchema } from '../apiSchemas.ts';
import { currentSummary, readEpisode, requireRun } from '../dataReader.ts';
import type { ServerContext } from '../serverContext.ts';

export function runsRoutes(ctx: ServerContext): ApiRoute[] {
  return [
    defineRoute({
      url: '/api/runs',
      operationId: 'listRuns',
      summary: 'The runs of the data dir with their status (complete, running, stopped, damaged), as `clmm-lab runs --json`',
      response: { kind: 'json', schema: runListSchema, description: 'every run folder, sorted by id' },
      errors: [400, 500],
      handler: async () => ({ runs: listRunIds(ctx.dataDir).map((id) => runListItem(readRunState(ctx.dataDir, id))) }),
    }),
    defineRoute({
      url: '/api/runs/:runId',
      operationId: 'getRun',
      summary: "A run's status, saved settings (run_config.json) and, once complete, its metrics_summary.json",
      params: runParamsSchema,
      response: { kind: 'json', schema: runDetailSchema, description: 'the run' },
      errors: [400, 404, 500],
      handler: async ({ params }) => {
        const state = requireRun(ctx.dataDir, params.runId);
        return { run: runListItem(state), run_config: state.config!, summary: state.summary };
      },
    }),
    defineRoute({
      url: '/api/runs/:runId/summary',
      operationId: 'getRunSummary',
      summary: "A run's metrics summary: metrics_summary.json when complete, else computed from its episode rows so far",
      params: runParamsSchema,
      response: { kind: 'json', schema: runSummarySchema, description: 'the summary and where it came from' },
      errors: [400, 404, 500],
      handler: async ({ params }) => {
        const state = requireRun(ctx.dataDir, params.runId);
        return { run_id: state.runId, status: state.status, ...currentSummary(state) };
      },
    }),
    defineRoute({
      url: '/api/runs/:runId/episodes',
      operationId: 'listRunEpisodes',
      summary: 'A page of episode_metrics.jsonl rows, in episode-index order',
      params: runParamsSchema,
      querystring: episodesQuerySchema,
      response: { kind: 'json', schema: episodesPageSchema, description: 'rows offset .. offset+limit-1 (fewer at the end)' },
      errors: [400, 404, 500],
      handler: async ({ params, query }) => {
        const state = requireRun(ctx.dataDir, params.runId);
        const offset = query.offset ?? 0;
        const limit = query.limit ?? EPISODES_PAGE_DEFAULT;
        return { run_id: state.runId, total: state.rows.length, offset, limit, episodes: state.rows.slice(offset, offset + limit) };
      },
    }),
    defineRoute({
      url: '/api/runs/:runId/episodes/:episodeId',
      operationId: 'getRunEpisode',
      summary: "A finished episode's files: metadata, proposal, result, reward (and failure for a failed one)",
      params: episodeParamsSchema,
      response: { kind: 'json', schema: episodeDetailSchema, description: 'the episode' },
      errors: [400, 404, 500],
      handler: async ({ params }) => readEpisode(ctx.dataDir, params.runId, params.episodeId),
    }),
  ];
}
