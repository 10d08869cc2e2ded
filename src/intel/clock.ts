/**
 * The wall clock as a dependency: intel logic never reads Date.now(); the CLI edge passes
 * `systemClock`, tests and campaigns pass a fixed or simulated one.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved: for tests and for simulated time. */
export function fixedClock(startMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = startMs;
  return {
    now: () => t,
    set: (ms: number) => {
      t = ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Injected sleep (backoff, polling, scheduler ticks) so tests run fast. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** ISO-8601 UTC text of a millisecond time. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Parses the timestamps Dune and our envelopes carry: ISO-8601 (with up to nanosecond fractions,
 * which `new Date` accepts in Node 20) and Dune's row form `2021-06-29 23:23:56.000 UTC`.
 * Returns undefined for anything else, so callers can treat a bad timestamp as `missing`.
 */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  let t = text.trim();
  const duneRow = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?: UTC)?$/.exec(t);
  if (duneRow) t = `${duneRow[1]}T${duneRow[2]}Z`;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : undefined;
}
