/**
 * The OpenAPI 3.1 document of the API, built from the route descriptors (apiRoute.ts): each
 * route's parameters from its zod request schemas, its responses from its response schema and
 * error statuses. Schemas are JSON Schema 2020-12 (zod's z.toJSONSchema), which OpenAPI 3.1 uses as
 * is; the error body is one shared component.
 */
import { z } from 'zod';
import type { ApiRoute } from './apiRoute.ts';
import { ERROR_STATUSES, errorBodySchema } from './httpErrors.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/api/runs/:runId` → `/api/runs/{runId}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: ApiRoute): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (where: 'path' | 'query' | 'header', shape: z.ZodRawShape) => {
    for (const [name, schema] of Object.entries(shape)) {
      const optional = (schema as z.ZodType).safeParse(undefined).success;
      out.push({ name, in: where, required: where === 'path' || !optional, schema: jsonSchema(schema as z.ZodType, 'input') });
    }
  };
  add('path', route.params.shape);
  add('query', route.querystring.shape);
  add('header', route.headers.shape);
  return out;
}

function responses(route: ApiRoute): JsonSchema {
  const r = route.response;
  const ok: JsonSchema = r.kind === 'json'
    ? { 200: { description: r.description, content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } } } }
    : { 200: { description: r.description, content: { [r.contentType]: r.schema === undefined ? { schema: { type: 'string' } } : { schema: { type: 'string' }, 'x-event-data': jsonSchema(r.schema, 'output') } } } };
  for (const [status, description] of Object.entries(r.kind === 'text' ? (r.also ?? {}) : {})) ok[status] = { description };
  for (const status of route.errors) ok[status] = { description: ERROR_STATUSES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
  return ok;
}

export function openApiDocument(p: { routes: ApiRoute[]; version: string }): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const route of p.routes) {
    paths[openApiPath(route.url)] = { get: { operationId: route.operationId, summary: route.summary, parameters: parameters(route), responses: responses(route) } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'clmm-lab server',
      version: p.version,
      description: 'Read-only API over the data dir: runs, episodes, summaries, experiments, intel status; a live event stream; Prometheus metrics. Every route is GET; no request body is accepted; no CORS headers are sent.',
    },
    paths,
    components: { schemas: { ErrorBody: jsonSchema(errorBodySchema, 'output') } },
  };
}
