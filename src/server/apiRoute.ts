/**
 * A route of the API as data: its URL, its request schemas (path parameters, query string,
 * headers: zod, strict where a stray key would be a mistake), its success response (a zod schema
 * for JSON; a content type for text and streams) and the error statuses it may answer with. The
 * OpenAPI document is built from these descriptors, and `registerApiRoute` is the only way a route
 * reaches Fastify, so the document cannot miss one (a test compares it with Fastify's own list).
 *
 * Requests are validated here with zod, not by Fastify's Ajv, so a bad value is a named
 * HTTP_BAD_REQUEST naming the parameter; with `checkResponses` every JSON response is validated
 * against its schema before it is sent (the tests turn it on).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { badRequest, type ErrorStatus } from './httpErrors.ts';

export type RouteResponse =
  | { kind: 'json'; schema: z.ZodType; description: string }
  | { kind: 'text'; contentType: string; description: string; /** What the text or each event carries, for the document. */ schema?: z.ZodType; /** Other success statuses (e.g. 204). */ also?: Record<number, string> };

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteInput<P extends AnyObject, Q extends AnyObject, H extends AnyObject> {
  params: z.output<P>;
  query: z.output<Q>;
  headers: z.output<H>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, H extends AnyObject = AnyObject> {
  /** Fastify form: `/api/runs/:runId`. */
  url: string;
  operationId: string;
  summary: string;
  params: P;
  querystring: Q;
  headers: H;
  response: RouteResponse;
  errors: ErrorStatus[];
  /** Returns the JSON body, or sends the reply itself (text, streams) and returns undefined. */
  handler(input: RouteInput<P, Q, H>): Promise<unknown>;
}

/** No parameters (strict: any query key is an error). */
export const noParams = z.strictObject({});

/** A route descriptor with its types inferred; absent request schemas accept nothing. */
export function defineRoute<P extends AnyObject = typeof noParams, Q extends AnyObject = typeof noParams, H extends AnyObject = z.ZodObject<Record<string, never>>>(
  route: Omit<ApiRoute<P, Q, H>, 'params' | 'querystring' | 'headers'> & { params?: P; querystring?: Q; headers?: H },
): ApiRoute {
  return { params: noParams, querystring: noParams, headers: z.object({}), ...route } as unknown as ApiRoute;
}

function parsePart(schema: z.ZodType, value: unknown, where: 'path' | 'query' | 'header'): unknown {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  // an unknown query key is reported under its own name
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.');
  const field = where === 'query' ? `query.${key}` : where === 'header' ? `header.${key}` : key;
  const got = issue.code === 'unrecognized_keys' ? undefined : issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], value);
  const expected = issue.code === 'unrecognized_keys' ? 'no such parameter (see /openapi.json)' : issue.message;
  throw badRequest(field, expected, got);
}

export interface RegisterOptions {
  checkResponses: boolean;
}

export function registerApiRoute(app: FastifyInstance, route: ApiRoute, options: RegisterOptions): void {
  app.route({
    method: 'GET',
    url: route.url,
    handler: async (request, reply) => {
      const params = parsePart(route.params, request.params, 'path');
      const query = parsePart(route.querystring, request.query, 'query');
      const headers = parsePart(route.headers, request.headers, 'header');
      const body = await route.handler({ params, query, headers, request, reply } as RouteInput<AnyObject, AnyObject, AnyObject>);
      if (route.response.kind !== 'json') return reply;
      if (options.checkResponses) {
        const r = route.response.schema.safeParse(body);
        if (!r.success) throw new ClmmLabError('INTERNAL', `${route.operationId}: the response fails its schema at ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
      }
      return body;
    },
  });
}
