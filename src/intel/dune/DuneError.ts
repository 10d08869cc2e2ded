/**
 * The Dune client's errors: one class with a stable code from the project's error registry
 * (DUNE_*), the HTTP status when there was one, Dune's own message, and for 429 the wait Dune
 * asked for. Callers switch on `code`, never on message text.
 */
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { ErrorCode } from '../../errors/errorCodes.ts';

export type DuneErrorCode = Extract<ErrorCode, `DUNE_${string}`>;

export class DuneError extends ClmmLabError {
  declare readonly code: DuneErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** Dune's message (`{"error": ...}` body, or an execution's error message). */
  readonly duneMessage: string | undefined;

  constructor(code: DuneErrorCode, message: string, options: { status?: number; retryAfterMs?: number; duneMessage?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(code, message, { details: { ...(options.details ?? {}), ...(options.status === undefined ? {} : { status: options.status }) }, cause: options.cause });
    this.name = 'DuneError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.duneMessage = options.duneMessage;
  }
}

/** The error code for an HTTP status Dune answered with. */
export function codeForStatus(status: number): DuneErrorCode {
  switch (status) {
    case 400:
      return 'DUNE_BAD_REQUEST';
    case 401:
      return 'DUNE_UNAUTHORIZED';
    case 402:
      return 'DUNE_PAYMENT_REQUIRED';
    case 403:
      return 'DUNE_FORBIDDEN';
    case 404:
      return 'DUNE_NOT_FOUND';
    case 409:
      return 'DUNE_CONFLICT';
    case 429:
      return 'DUNE_RATE_LIMITED';
    default:
      return status >= 500 ? 'DUNE_SERVER' : 'DUNE_BAD_REQUEST';
  }
}
