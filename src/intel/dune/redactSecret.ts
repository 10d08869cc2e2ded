/**
 * Text that came from a server (an error body, an execution's error message) may echo what it was
 * sent, the API key included. Everything the Dune client lets out in an error (message, Dune's
 * message, details) has the configured key replaced by `[REDACTED]` and is capped in length, so the
 * key never reaches stdout, logs or the cache, and a huge error body does not either.
 */
import { capText } from '../capText.ts';
import { DuneError } from './DuneError.ts';

export const REDACTED = '[REDACTED]';

/** `text` with every spelling of `secret` a server could echo (as sent, URL-encoded) replaced. */
export function redactText(text: string, secret: string): string {
  let out = text;
  for (const spelling of new Set([secret, encodeURIComponent(secret)])) if (spelling !== '') out = out.split(spelling).join(REDACTED);
  return out;
}

function redactValue(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return capText(redactText(value, secret));
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secret));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, secret)]));
  return value;
}

/** The error as it may leave the client: a DuneError rebuilt with redacted, capped text; any other Error's message likewise. */
export function redactError(error: unknown, secret: string): unknown {
  if (error instanceof DuneError) {
    const cause = error.cause instanceof Error && error.cause.message.includes(secret) ? undefined : error.cause;
    return new DuneError(error.code, capText(redactText(error.message, secret)), {
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      duneMessage: error.duneMessage === undefined ? undefined : capText(redactText(error.duneMessage, secret)),
      details: error.details === undefined ? undefined : (redactValue(error.details, secret) as Record<string, unknown>),
      cause,
    });
  }
  if (error instanceof Error && error.message.includes(secret)) return new Error(capText(redactText(error.message, secret)));
  return error;
}

/** `target` with every method's errors (thrown or rejected) passed through redactError. */
export function withRedactedErrors<T extends object>(target: T, secret: string): T {
  const out = { ...target } as Record<string, unknown>;
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      try {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(redactError(error, secret))) : result;
      } catch (error) {
        throw redactError(error, secret);
      }
    };
  }
  return out as T;
}
