/**
 * A revert of the pool or one of its libraries, carrying the contract's reason string as `code`
 * (`LOK`, `TLU`, `SPL`, `M0`, ...). Reverts that carry no reason string in the contracts
 * (`require(x)` without a message, SafeCast and LowGasSafeMath overflows, FullMath's checks, a
 * failed factory-owner check) use the code `NO_REASON`, so a differential test can compare them.
 */
export class PoolRevertError extends Error {
  readonly code: string;
  constructor(code: string, detail?: string) {
    super(detail === undefined ? `pool reverted: ${code}` : `pool reverted: ${code} (${detail})`);
    this.name = 'PoolRevertError';
    this.code = code;
  }
}

/** The code used for a contract `require` that carries no reason string. */
export const NO_REASON = 'NO_REASON';

/** Reverts with `code` unless `condition` holds: the contract's `require(condition, code)`. */
export function require(condition: boolean, code: string = NO_REASON, detail?: string): asserts condition {
  if (!condition) throw new PoolRevertError(code, detail);
}
