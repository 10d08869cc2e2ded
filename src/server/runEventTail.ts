/**
 * Follows a run's `events.jsonl` as its single writer appends to it: every complete line after
 * `afterSeq`, validated with the store's RunEvent schema (a line cut mid-write waits for its
 * newline), polled every `pollMs`. Ends after `run_finished`, when the run is no longer running and
 * the file has been read once more after that was seen (so nothing the writer wrote before it let
 * go of its lock is missed), or when `signal` aborts (the client left). A resume rebuilds the file
 * with the same leading bytes; if it is ever shorter than what was read, it is read again from the
 * start and the sequence numbers keep anything from being sent twice.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseArtifactValue } from '../store/artifacts/artifactIo.ts';
import { runEventSchema, type RunEvent } from '../store/artifacts/runEvents.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';

export interface RunEventTailOptions {
  path: string;
  /** The file's name in errors (relative to the data dir). */
  name: string;
  /** Events with seq <= afterSeq are skipped (-1: send all). */
  afterSeq: number;
  pollMs: number;
  isRunning: () => boolean;
  signal: AbortSignal;
}

/** The complete lines of `path` from byte `offset`, and the bytes they span. */
function readCompleteLines(path: string, offset: number): { lines: string[]; bytes: number; size: number } {
  if (!existsSync(path)) return { lines: [], bytes: 0, size: 0 };
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return { lines: [], bytes: 0, size };
    const buf = Buffer.alloc(size - offset);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    const end = buf.subarray(0, got).lastIndexOf(0x0a) + 1;
    // split on the byte, so a multi-byte character is never cut
    return { lines: end === 0 ? [] : buf.subarray(0, end - 1).toString('utf8').split('\n'), bytes: end, size };
  } finally {
    closeSync(fd);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}

export async function* tailRunEvents(o: RunEventTailOptions): AsyncGenerator<RunEvent> {
  let offset = 0;
  let line = 0;
  let lastSeq = o.afterSeq;
  while (!o.signal.aborted) {
    // checked before reading: whatever the writer appended before it stopped is in this read
    const running = o.isRunning();
    const chunk = readCompleteLines(o.path, offset);
    if (chunk.size < offset) {
      offset = 0;
      line = 0;
      continue;
    }
    offset += chunk.bytes;
    for (const text of chunk.lines) {
      line++;
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new ClmmLabError('ARTIFACT_INVALID', `${o.name} line ${line}: not JSON (${(cause as Error).message})`, { details: { file: o.name, line, field: '(root)' }, cause });
      }
      const event = parseArtifactValue(runEventSchema, json, { file: o.name, line });
      if (event.seq <= lastSeq) continue;
      lastSeq = event.seq;
      yield event;
      if (event.type === 'run_finished') return;
    }
    if (!running) return;
    await pause(o.pollMs, o.signal);
  }
}
