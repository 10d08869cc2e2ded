/**
 * The API through `inject()`: every route against the artifacts it serves, bad path parameters,
 * query strings, headers and bodies as named 4xx errors, damaged files as named 500s, CORS closed,
 * and /openapi.json listing every route Fastify registered. Every JSON response is checked against
 * its route's schema (checkResponses).
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { EXPERIMENT, FAILED_INDEX, finishedDataDir, memoryIntel, RUN, RUN_EPISODES, tempDir, testApp } from '../../test/server/serverFixture.ts';
import type { ClmmLabApp } from './buildApp.ts';
import { openApiPath } from './openApiDocument.ts';

let data: string;
let built: ClmmLabApp;
const runRoot = () => join(data, 'runs', RUN);
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const get = (url: string, headers: Record<string, string> = {}) => built.app.inject({ method: 'GET', url, headers });

before(async () => {
  data = await finishedDataDir();
  built = await testApp(data);
});

describe('GET routes serve the artifacts', () => {
  test('/api/runs lists the run as `clmm-lab runs --json` does', async () => {
    const r = await get('/api/runs');
    assert.equal(r.statusCode, 200);
    const summary = json(join(runRoot(), 'metrics_summary.json')) as { total_pnl_usd: number };
    assert.deepEqual(r.json(), { runs: [{ run_id: RUN, status: 'complete', episodes: RUN_EPISODES, episodes_done: RUN_EPISODES, seed: 42, market: 'sim', total_pnl_usd: summary.total_pnl_usd }] });
  });

  test('/api/runs/:runId has run_config.json and metrics_summary.json as written', async () => {
    const r = await get(`/api/runs/${RUN}`);
    assert.equal(r.statusCode, 200);
    const body = r.json() as { run: { status: string }; run_config: unknown; summary: unknown };
    assert.equal(body.run.status, 'complete');
    assert.deepEqual(body.run_config, json(join(runRoot(), 'run_config.json')));
    assert.deepEqual(body.summary, json(join(runRoot(), 'metrics_summary.json')));
  });

  test('/api/runs/:runId/summary of a complete run is its file', async () => {
    const r = await get(`/api/runs/${RUN}/summary`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { run_id: RUN, status: 'complete', source: 'metrics_summary.json', summary: json(join(runRoot(), 'metrics_summary.json')) });
  });

  test('/api/runs/:runId/episodes pages episode_metrics.jsonl in index order', async () => {
    const lines = readFileSync(join(runRoot(), 'episode_metrics.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    const all = await get(`/api/runs/${RUN}/episodes`);
    assert.equal(all.statusCode, 200);
    assert.deepEqual(all.json(), { run_id: RUN, total: RUN_EPISODES, offset: 0, limit: 100, episodes: lines });
    const page = (await get(`/api/runs/${RUN}/episodes?offset=4&limit=3`)).json() as { episodes: Array<{ index: number }>; offset: number; limit: number };
    assert.deepEqual(page.episodes.map((e) => e.index), [4, 5, 6]);
    assert.equal(page.offset, 4);
    const end = (await get(`/api/runs/${RUN}/episodes?offset=11&limit=5`)).json() as { episodes: unknown[] };
    assert.equal(end.episodes.length, 1);
    assert.equal(((await get(`/api/runs/${RUN}/episodes?offset=500`)).json() as { episodes: unknown[] }).episodes.length, 0);
  });

  test("/api/runs/:runId/episodes/:episodeId has a success's four files and a failure's failure.json", async () => {
    const id = `ep_${RUN}_3`;
    const dir = join(runRoot(), 'episodes', id);
    const ok = await get(`/api/runs/${RUN}/episodes/${id}`);
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { run_id: RUN, episode_id: id, metadata: json(join(dir, 'metadata.json')), proposal: json(join(dir, 'proposal.json')), result: json(join(dir, 'result.json')), reward: json(join(dir, 'reward.json')), failure: null });
    const failedId = `ep_${RUN}_${FAILED_INDEX}`;
    const failed = (await get(`/api/runs/${RUN}/episodes/${failedId}`)).json() as { result: { status: string }; failure: unknown; proposal: unknown; reward: unknown };
    assert.equal(failed.result.status, 'failed');
    assert.deepEqual(failed.failure, json(join(runRoot(), 'episodes', failedId, 'failure.json')));
    assert.equal(failed.proposal, null);
    assert.equal(failed.reward, null);
  });

  test('/api/experiments lists the experiment and /api/experiments/:id is its report.json', async () => {
    const report = json(join(data, 'experiments', EXPERIMENT, 'report.json')) as { verdict: string; name: string };
    const list = await get('/api/experiments');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { experiments: [{ id: EXPERIMENT, has_report: true, name: report.name, complete: true, verdict: report.verdict, episodes_requested: 2, episodes_analyzed: 2, reference: 'B', candidates: ['A'] }] });
    const one = await get(`/api/experiments/${EXPERIMENT}`);
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json(), report);
  });

  test("/api/intel/status is the cache's quality per query (intel status --json)", async () => {
    const r = await get('/api/intel/status');
    assert.equal(r.statusCode, 200);
    const body = r.json() as { rows: Array<{ query: string; quality: string; age_s: number | null }>; credits: { daily_budget: number } };
    const gas = body.rows.find((row) => row.query === 'gas_regime');
    assert.deepEqual([gas?.quality, gas?.age_s], ['fresh', 60]);
    assert.ok(body.rows.some((row) => row.quality === 'missing'));
    assert.equal(body.credits.daily_budget, 80);
  });
});

describe('bad requests are named errors', () => {
  const cases: Array<[string, string, number, string, string | null, Record<string, string>?]> = [
    ['a run id with a symbol first', '/api/runs/.hidden', 400, 'HTTP_BAD_REQUEST', 'runId'],
    ['a run id with a slash', '/api/runs/a%2F..', 400, 'HTTP_BAD_REQUEST', 'runId'],
    ['an unknown run', '/api/runs/nope', 404, 'RUN_NOT_FOUND', 'runId'],
    ["an unknown run's summary", '/api/runs/nope/summary', 404, 'RUN_NOT_FOUND', 'runId'],
    ['a negative offset', `/api/runs/${RUN}/episodes?offset=-1`, 400, 'HTTP_BAD_REQUEST', 'query.offset'],
    ['a fractional offset', `/api/runs/${RUN}/episodes?offset=1.5`, 400, 'HTTP_BAD_REQUEST', 'query.offset'],
    ['a hex offset', `/api/runs/${RUN}/episodes?offset=0x10`, 400, 'HTTP_BAD_REQUEST', 'query.offset'],
    ['an empty limit', `/api/runs/${RUN}/episodes?limit=`, 400, 'HTTP_BAD_REQUEST', 'query.limit'],
    ['a zero limit', `/api/runs/${RUN}/episodes?limit=0`, 400, 'HTTP_BAD_REQUEST', 'query.limit'],
    ['a limit over 1000', `/api/runs/${RUN}/episodes?limit=1001`, 400, 'HTTP_BAD_REQUEST', 'query.limit'],
    ['a repeated limit', `/api/runs/${RUN}/episodes?limit=1&limit=2`, 400, 'HTTP_BAD_REQUEST', 'query.limit'],
    ['an unknown query key', `/api/runs/${RUN}/episodes?page=2`, 400, 'HTTP_BAD_REQUEST', 'query.page'],
    ['a query key on a route that takes none', '/api/runs?status=complete', 400, 'HTTP_BAD_REQUEST', 'query.status'],
    ['a malformed episode id', `/api/runs/${RUN}/episodes/episode3`, 400, 'HTTP_BAD_REQUEST', 'episodeId'],
    ["another run's episode id", `/api/runs/${RUN}/episodes/ep_other_3`, 404, 'EPISODE_NOT_FOUND', 'episodeId'],
    ['an episode past the end', `/api/runs/${RUN}/episodes/ep_${RUN}_99`, 404, 'EPISODE_NOT_FOUND', 'episodeId'],
    ['an unknown experiment', '/api/experiments/nope', 404, 'EXPERIMENT_NOT_FOUND', 'experimentId'],
    ['a bad experiment id', '/api/experiments/-x', 400, 'HTTP_BAD_REQUEST', 'experimentId'],
    ['a bad Last-Event-ID', `/api/runs/${RUN}/events`, 400, 'HTTP_BAD_REQUEST', 'header.last-event-id', { 'last-event-id': '-3' }],
    ['an unknown route', '/api/nothing', 404, 'HTTP_NOT_FOUND', null],
    ['a URL that does not decode', '/api/runs/%E0%A4%A', 400, 'HTTP_BAD_REQUEST', 'url'],
  ];
  for (const [what, url, status, code, field, headers] of cases) {
    test(`${what}: ${status} ${code}`, async () => {
      const r = await get(url, headers);
      assert.equal(r.statusCode, status, r.body);
      const body = r.json() as { error: { code: string; message: string; field: string | null } };
      assert.equal(body.error.code, code);
      assert.equal(body.error.field, field);
      assert.ok(body.error.message.length > 0);
    });
  }

  test('a request body is refused before it is read (400 naming body), whatever its type', async () => {
    for (const [payload, type] of [['{"a":1}', 'application/json'], ['x', 'text/plain']] as const) {
      const r = await built.app.inject({ method: 'GET', url: '/api/runs', payload, headers: { 'content-type': type } });
      assert.equal(r.statusCode, 400);
      assert.deepEqual((r.json() as { error: { code: string; field: string } }).error.field, 'body');
    }
  });

  test('no method but GET is served: POST, PUT, DELETE and HEAD are 404 HTTP_NOT_FOUND', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD'] as const) {
      const r = await built.app.inject({ method, url: `/api/runs/${RUN}` });
      assert.equal(r.statusCode, 404, method);
      if (method !== 'HEAD') assert.equal((r.json() as { error: { code: string } }).error.code, 'HTTP_NOT_FOUND');
    }
  });

  test('CORS is closed: no Access-Control-* header on a cross-origin GET or a preflight', async () => {
    const r = await get('/api/runs', { origin: 'http://evil.example' });
    assert.equal(r.statusCode, 200);
    const pre = await built.app.inject({ method: 'OPTIONS', url: '/api/runs', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(pre.statusCode, 404);
    for (const h of [...Object.keys(r.headers), ...Object.keys(pre.headers)]) assert.doesNotMatch(h, /^access-control-/i);
  });
});

describe('damaged files and failed services', () => {
  test('a damaged result.json is a 500 ARTIFACT_INVALID naming the file relative to the data dir', async () => {
    const copy = tempDir('damaged');
    cpSync(data, copy, { recursive: true });
    const file = join(copy, 'runs', RUN, 'episodes', `ep_${RUN}_2`, 'result.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"pnl_usd":', '"pnl_usd": "x", "was":'));
    const { app } = await testApp(copy);
    const r = await app.inject({ method: 'GET', url: `/api/runs/${RUN}/episodes/ep_${RUN}_2` });
    assert.equal(r.statusCode, 500);
    const body = r.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'ARTIFACT_INVALID');
    assert.match(body.error.message, new RegExp(`^runs/${RUN}/episodes/ep_${RUN}_2/result\\.json`));
    assert.ok(!body.error.message.includes(copy), 'no absolute path');
  });

  test('a garbled episode_metrics.jsonl line makes the run damaged in the list and a 500 naming file and line', async () => {
    const copy = tempDir('garbled');
    cpSync(data, copy, { recursive: true });
    const file = join(copy, 'runs', RUN, 'episode_metrics.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = '{"oops"';
    writeFileSync(file, lines.join('\n'));
    const { app } = await testApp(copy);
    const list = (await app.inject({ method: 'GET', url: '/api/runs' })).json() as { runs: Array<{ status: string }> };
    assert.equal(list.runs[0]?.status, 'damaged');
    const r = await app.inject({ method: 'GET', url: `/api/runs/${RUN}/summary` });
    assert.equal(r.statusCode, 500);
    assert.match((r.json() as { error: { message: string } }).error.message, /runs\/srv\/episode_metrics\.jsonl line 3/);
  });

  test('a running run (its lock held by a live process) shows status running and a summary of its rows so far', async () => {
    const copy = tempDir('running');
    cpSync(data, copy, { recursive: true });
    const root = join(copy, 'runs', RUN);
    const rows = readFileSync(join(root, 'episode_metrics.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(root, 'episode_metrics.jsonl'), `${rows.slice(0, 4).join('\n')}\n`);
    writeFileSync(join(root, 'metrics_summary.json'), '{"ignored": "a summary beside too few rows does not count"}');
    writeFileSync(join(root, '.lock'), `${process.pid}\n`);
    const { app } = await testApp(copy);
    const one = (await app.inject({ method: 'GET', url: `/api/runs/${RUN}` })).json() as { run: { status: string; episodes_done: number }; summary: unknown };
    assert.deepEqual([one.run.status, one.run.episodes_done, one.summary], ['running', 4, null]);
    const s = (await app.inject({ method: 'GET', url: `/api/runs/${RUN}/summary` })).json() as { source: string; summary: { total_episodes: number } };
    assert.deepEqual([s.source, s.summary.total_episodes], ['episode_metrics.jsonl', 4]);
  });

  test('an intel cache that cannot be opened is a 503 INTEL_CACHE; the runs are still served', async () => {
    const { app } = await testApp(data, { intel: memoryIntel(() => Promise.reject(new ClmmLabError('INTEL_CACHE', 'cannot reach redis at redis://127.0.0.1:1'))) });
    const r = await app.inject({ method: 'GET', url: '/api/intel/status' });
    assert.equal(r.statusCode, 503);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'INTEL_CACHE');
    assert.equal((await app.inject({ method: 'GET', url: '/api/runs' })).statusCode, 200);
  });

  test('an experiment folder without report.json yet is a 404 EXPERIMENT_NO_REPORT, listed with has_report false', async () => {
    const copy = tempDir('noreport');
    cpSync(data, copy, { recursive: true });
    rmSync(join(copy, 'experiments', EXPERIMENT, 'report.json'));
    const { app } = await testApp(copy);
    const r = await app.inject({ method: 'GET', url: `/api/experiments/${EXPERIMENT}` });
    assert.equal(r.statusCode, 404);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'EXPERIMENT_NO_REPORT');
    const list = (await app.inject({ method: 'GET', url: '/api/experiments' })).json() as { experiments: Array<{ has_report: boolean; verdict: string | null }> };
    assert.deepEqual([list.experiments[0]?.has_report, list.experiments[0]?.verdict], [false, null]);
  });
});

describe('/openapi.json', () => {
  test('lists every route Fastify registered, with its path parameters and responses, and nothing else', async () => {
    const doc = (await get('/openapi.json')).json() as { openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> };
    assert.equal(doc.openapi, '3.1.0');
    const registered = built.registered.map((r) => `${r.method} ${openApiPath(r.url)}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    assert.deepEqual(documented, registered);
    assert.ok(registered.length >= 11, registered.join(', '));
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get!;
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(op.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort(), inPath, path);
      assert.ok('200' in op.responses && '400' in op.responses, path);
    }
    assert.ok(doc.paths['/api/runs/{runId}/episodes']!.get!.parameters.some((p) => p.name === 'limit' && p.in === 'query'));
    assert.ok(doc.paths['/api/runs/{runId}/events']!.get!.parameters.some((p) => p.name === 'last-event-id' && p.in === 'header'));
    // every $ref resolves inside the document
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"([^"]+)"/g)) assert.match(m[1]!, /^#\/components\/schemas\/ErrorBody$/);
  });
});
