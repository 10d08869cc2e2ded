/**
 * An argument that does not fit its Solidity type (a uint128 amount that is negative, a tick that is
 * not an int24) or a pool parameter out of range. Not a contract revert: ABI encoding would refuse
 * such a call before it reached the pool.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';

export class PoolArgumentError extends ClmmLabError {
  declare readonly code: 'POOL_BAD_ARGUMENT';
  readonly field: string;

  constructor(field: string, expected: string) {
    super('POOL_BAD_ARGUMENT', `${field} must be ${expected}`, { details: { field, expected } });
    this.name = 'PoolArgumentError';
    this.field = field;
  }
}
