/**
 * A revert of the pool or one of its libraries, carrying the contract's reason string as
 * `revertCode` (`LOK`, `TLU`, `SPL`, `M0`, ...; also in `details.revertCode`); its registry code is
 * POOL_REVERT. Reverts that carry no reason string in the contracts (`require(x)` without a message,
 * SafeCast and LowGasSafeMath overflows, FullMath's checks, a failed factory-owner check) use the
 * revert code `NO_REASON`, so a differential test can compare them.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';

export class PoolRevertError extends ClmmLabError {
  declare readonly code: 'POOL_REVERT';
  /** The contract's reason string. */
  readonly revertCode: string;

  constructor(revertCode: string, detail?: string) {
    super('POOL_REVERT', detail === undefined ? `pool reverted: ${revertCode}` : `pool reverted: ${revertCode} (${detail})`, { details: { revertCode } });
    this.name = 'PoolRevertError';
    this.revertCode = revertCode;
  }
}

/** The code used for a contract `require` that carries no reason string. */
export const NO_REASON = 'NO_REASON';

/** Reverts with `code` unless `condition` holds: the contract's `require(condition, code)`. */
export function require(condition: boolean, code: string = NO_REASON, detail?: string): asserts condition {
  if (!condition) throw new PoolRevertError(code, detail);
}
