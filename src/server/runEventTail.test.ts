/** Following events.jsonl: lines appended in pieces, Last-Event-ID, a run that stops, a client that leaves, a rebuilt file, a damaged line. */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RunEvent } from '../store/artifacts/runEvents.ts';
import { tailRunEvents, type RunEventTailOptions } from './runEventTail.ts';

const dir = mkdtempSync(join(tmpdir(), 'clmm-tail-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(dir, `events-${n++}.jsonl`);

const head = (seq: number) => ({ schema_version: 1 as const, seq, at: '2025-01-01T00:00:00Z', run_id: 'r' });
function events(count: number): RunEvent[] {
  const out: RunEvent[] = [{ ...head(0), type: 'run_started', episodes: count, lanes: 1, seed: 1, market: 'sim', exec_mode: 'mock' }];
  for (let i = 0; i < count; i++) out.push({ ...head(out.length), type: 'episode_started', episode_id: `ep_r_${i}`, index: i, lane: 0 });
  out.push({ ...head(out.length), type: 'run_finished', total_episodes: count, successful: count, failed: 0, total_pnl_usd: 1.5 });
  return out;
}
const line = (e: RunEvent) => `${JSON.stringify(e)}\n`;

async function collect(o: Partial<RunEventTailOptions> & { path: string }): Promise<RunEvent[]> {
  const got: RunEvent[] = [];
  for await (const e of tailRunEvents({ name: 'events.jsonl', afterSeq: -1, pollMs: 5, isRunning: () => true, signal: new AbortController().signal, ...o })) got.push(e);
  return got;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tailRunEvents', () => {
  test('follows lines appended in pieces (a line cut mid-write waits for its newline) and ends at run_finished', async () => {
    const path = newFile();
    const all = events(5);
    writeFileSync(path, line(all[0]!));
    const done = collect({ path });
    for (const e of all.slice(1)) {
      const text = line(e);
      appendFileSync(path, text.slice(0, 10));
      await delay(12);
      appendFileSync(path, text.slice(10));
      await delay(3);
    }
    assert.deepEqual(await done, all);
  });

  test('afterSeq (Last-Event-ID) sends only the later events', async () => {
    const path = newFile();
    const all = events(4);
    writeFileSync(path, all.map(line).join(''));
    assert.deepEqual((await collect({ path, afterSeq: 2 })).map((e) => e.seq), [3, 4, 5]);
  });

  test('a run that is not running: what is there, then the end (a cut last line is not sent)', async () => {
    const path = newFile();
    const all = events(3);
    writeFileSync(path, all.slice(0, 3).map(line).join('') + line(all[3]!).slice(0, 20));
    assert.deepEqual(await collect({ path, isRunning: () => false }), all.slice(0, 3));
  });

  test('lines the writer appends before it stops are sent (running is checked before each read)', async () => {
    const path = newFile();
    const all = events(3);
    writeFileSync(path, line(all[0]!));
    let running = true;
    const done = collect({ path, isRunning: () => running });
    await delay(15);
    appendFileSync(path, line(all[1]!) + line(all[2]!));
    running = false;
    assert.deepEqual(await done, all.slice(0, 3));
  });

  test('a client that leaves ends a tail that is waiting', async () => {
    const path = newFile();
    writeFileSync(path, line(events(1)[0]!));
    const abort = new AbortController();
    const started = Date.now();
    const done = collect({ path, signal: abort.signal, pollMs: 10_000 });
    await delay(20);
    abort.abort();
    assert.equal((await done).length, 1);
    assert.ok(Date.now() - started < 5_000);
  });

  test('a file rebuilt shorter (a resume) is read again from the start with nothing sent twice', async () => {
    const path = newFile();
    const all = events(4);
    writeFileSync(path, all.slice(0, 4).map(line).join(''));
    const done = collect({ path });
    await delay(20);
    truncateSync(path, line(all[0]!).length);
    await delay(20);
    appendFileSync(path, all.slice(1).map(line).join(''));
    assert.deepEqual((await done).map((e) => e.seq), all.map((e) => e.seq));
  });

  test('a damaged line is ARTIFACT_INVALID naming the file and its line', async () => {
    const path = newFile();
    const all = events(2);
    writeFileSync(path, line(all[0]!) + line(all[1]!) + '{"schema_version":1,"type":"episode_started","seq":"x"}\n');
    await assert.rejects(collect({ path, name: 'runs/r/events.jsonl', isRunning: () => false }), (e: Error & { code?: string }) => e.code === 'ARTIFACT_INVALID' && /runs\/r\/events\.jsonl line 3/.test(e.message));
  });
});
