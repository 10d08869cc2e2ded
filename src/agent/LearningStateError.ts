/**
 * A learning state that cannot be used: not JSON, the wrong version, or a field out of its schema.
 * `field` names the first offending path (e.g. `regimes.low.count`). Code BAD_LEARNING_STATE (bad
 * input, exit 2).
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';

export class LearningStateError extends ClmmLabError {
  declare readonly code: 'BAD_LEARNING_STATE';
  readonly field: string;

  constructor(field: string, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super('BAD_LEARNING_STATE', `learning state: ${field === '' ? '' : `${field}: `}${message}`, options);
    this.name = 'LearningStateError';
    this.field = field;
  }
}
