/** A route descriptor on a bare Fastify app: request parts validated by zod into named 400s, responses checked against their schema when asked. */
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { defineRoute, registerApiRoute } from './apiRoute.ts';
import { asServerError, errorBody, httpStatusOf } from './httpErrors.ts';

async function appWith(body: unknown, checkResponses: boolean) {
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    const named = asServerError(error);
    return reply.code(httpStatusOf(named)).send(errorBody(named));
  });
  registerApiRoute(
    app,
    defineRoute({
      url: '/things/:n',
      operationId: 'thing',
      summary: 'a thing',
      params: z.strictObject({ n: z.string().regex(/^\d+$/, { error: 'digits' }).transform(Number) }),
      querystring: z.strictObject({ q: z.enum(['a', 'b']).optional() }),
      response: { kind: 'json', schema: z.strictObject({ n: z.number(), q: z.string().nullable() }), description: 'the thing' },
      errors: [400],
      handler: async ({ params, query }) => body ?? { n: params.n, q: query.q ?? null },
    }),
    { checkResponses },
  );
  await app.ready();
  return app;
}

describe('registerApiRoute', () => {
  test('parsed params and query reach the handler', async () => {
    const app = await appWith(undefined, true);
    const r = await app.inject({ method: 'GET', url: '/things/7?q=b' });
    assert.deepEqual([r.statusCode, r.json()], [200, { n: 7, q: 'b' }]);
  });

  test('a bad parameter is HTTP_BAD_REQUEST naming it', async () => {
    const app = await appWith(undefined, true);
    const p = (await app.inject({ method: 'GET', url: '/things/x' })).json() as { error: { code: string; field: string; message: string } };
    assert.deepEqual([p.error.code, p.error.field], ['HTTP_BAD_REQUEST', 'n']);
    assert.match(p.error.message, /^n: expected digits, got "x"$/);
    const q = (await app.inject({ method: 'GET', url: '/things/1?q=c' })).json() as { error: { field: string } };
    assert.equal(q.error.field, 'query.q');
  });

  test('with checkResponses a response that fails its schema is a 500 INTERNAL, without it it is sent', async () => {
    const wrong = { n: 'seven', q: null };
    const checked = await appWith(wrong, true);
    const r = await checked.inject({ method: 'GET', url: '/things/1' });
    assert.equal(r.statusCode, 500);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'INTERNAL');
    const unchecked = await appWith(wrong, false);
    assert.deepEqual((await unchecked.inject({ method: 'GET', url: '/things/1' })).json(), wrong);
  });
});
