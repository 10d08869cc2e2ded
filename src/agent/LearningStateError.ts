/**
 * A learning state that cannot be used: not JSON, the wrong version, or a field out of its schema.
 * `field` names the first offending path (e.g. `regimes.low.count`). Registered as
 * BAD_LEARNING_STATE (a bad-input error, exit code 2) in errors/errorCodes.ts; defined here because
 * agent/ may not import config/ (the same arrangement as clmm's PoolArgumentError).
 */
export class LearningStateError extends Error {
  readonly code = 'BAD_LEARNING_STATE';
  readonly field: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(field: string, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(`learning state: ${field === '' ? '' : `${field}: `}${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LearningStateError';
    this.field = field;
    this.details = options.details;
  }
}
