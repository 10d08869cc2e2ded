/**
 * The base of clmm-lab's errors: a stable `code` (see errorCodes.ts), a short message, optional
 * details and cause. The CLI maps the code's kind to an exit code; nothing matches on message text.
 */
import { ERROR_CODES, type ErrorCode } from './errorCodes.ts';

export class ClmmLabError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClmmLabError';
    this.code = code;
    this.details = options.details;
  }

  get kind(): (typeof ERROR_CODES)[ErrorCode]['kind'] {
    return ERROR_CODES[this.code].kind;
  }
}

/** Bad input: a named field, what it got, what was expected. */
export function badInput(code: ErrorCode, field: string, expected: string, got?: unknown): ClmmLabError {
  const shown = got === undefined ? '' : `, got ${JSON.stringify(got)}`;
  return new ClmmLabError(code, `${field}: expected ${expected}${shown}`, { details: { field, expected, got } });
}
