/**
 * The event stream over a real loopback connection (inject() cannot stream): a campaign runs in a
 * child process while the test reads `/api/runs/<id>/events`; every event arrives in order with
 * `id: <seq>`, some while the run is still running; a client that leaves mid-run and reconnects
 * with Last-Event-ID gets exactly the rest; after the run, Last-Event-ID in the middle gives the
 * rest and at the end a 204. Bounded: the campaign is 60 one-hour episodes; every wait has a limit.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RunEvent } from '../store/artifacts/runEvents.ts';
import { exited, SMALL, startChild } from '../../test/campaign/campaignHarness.ts';
import { tempDir, testApp } from '../../test/server/serverFixture.ts';

interface Frame {
  id: string | undefined;
  event: RunEvent;
}

interface Stream {
  status: number;
  headers: IncomingMessage['headers'];
  frames: Frame[];
  /** Resolves when the stream ends: `end` when the server ended it, `aborted` when the connection broke. */
  ended: Promise<'end' | 'aborted'>;
  close(): void;
}

/** Opens the stream and parses its frames as they come. */
function openStream(base: string, path: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const frames: Frame[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      const ended = new Promise<'end' | 'aborted'>((done) => {
        res.on('end', () => done('end'));
        res.on('error', () => done('aborted'));
        res.on('close', () => done(res.complete ? 'end' : 'aborted'));
      });
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id: string | undefined;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith('event: ')) throw new Error(`unexpected event line: ${line}`);
          }
          if (data.length > 0) frames.push({ id, event: JSON.parse(data.join('\n')) as RunEvent });
        }
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, frames, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function fileEvents(path: string): RunEvent[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as RunEvent);
}

describe('GET /api/runs/:runId/events (SSE)', () => {
  test('streams a running campaign in order, resumes with Last-Event-ID, and says 204 when nothing is left', { timeout: 120_000 }, async () => {
    const d = tempDir('sse');
    const child = startChild(['campaign', '--episodes', '60', ...SMALL, '--run-id', 'live', '--data-dir', d, '--workers', '1']);
    after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const root = join(d, 'runs', 'live');
    const eventsFile = join(root, 'events.jsonl');
    await until('the run to start', () => existsSync(join(root, 'run_config.json')) && existsSync(join(root, '.lock')) && existsSync(eventsFile));

    const { app } = await testApp(d, { events: { pollMs: 20, heartbeatMs: 500, retryMs: 1000 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // first connection: read ten events while the run is running, then leave
    const first = await openStream(base, '/api/runs/live/events');
    assert.equal(first.status, 200);
    assert.match(String(first.headers['content-type']), /^text\/event-stream/);
    assert.equal(first.headers['access-control-allow-origin'], undefined);
    await until('ten events', () => first.frames.length >= 10);
    const finishedWhenTenArrived = readFileSync(eventsFile, 'utf8').includes('"run_finished"');
    assert.equal(finishedWhenTenArrived, false, 'the events arrived while the run was still writing them');
    const firstPart = first.frames.slice(0, 10);
    first.close();
    await first.ended;

    // reconnect where the client left off: only the rest, to run_finished, then the server ends it
    const lastId = firstPart.at(-1)!.id!;
    const rest = await openStream(base, '/api/runs/live/events', { 'last-event-id': lastId });
    assert.equal(rest.status, 200);
    const how = await Promise.race([rest.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('the stream did not end after run_finished')), 90_000).unref())]);
    assert.equal(how, 'end', 'the server ended the stream');
    const exit = await exited(child);
    assert.equal(exit.code, 0, child.output());

    const onDisk = fileEvents(eventsFile);
    const received = [...firstPart, ...rest.frames];
    assert.equal(received.at(-1)?.event.type, 'run_finished');
    assert.deepEqual(received.map((f) => f.event), onDisk, 'every event, in order, none twice');
    for (const f of received) assert.equal(f.id, String(f.event.seq));
    assert.ok(rest.frames.every((f) => f.event.seq > Number(lastId)));
    assert.ok(onDisk.some((e) => e.type === 'episode_finished') && onDisk.length === 1 + 2 * 60 + 1);

    // after the run: the middle gives the rest; the end gives 204 (EventSource stops reconnecting)
    const mid = onDisk[70]!.seq;
    const after70 = await openStream(base, '/api/runs/live/events', { 'last-event-id': String(mid) });
    assert.equal(await after70.ended, 'end');
    assert.deepEqual(after70.frames.map((f) => f.event), onDisk.filter((e) => e.seq > mid));
    const none = await openStream(base, '/api/runs/live/events', { 'last-event-id': String(onDisk.at(-1)!.seq) });
    await none.ended;
    assert.deepEqual([none.status, none.frames.length], [204, 0]);
  });
});
