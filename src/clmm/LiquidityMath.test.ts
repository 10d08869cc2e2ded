import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDelta } from './LiquidityMath.ts';
import { MAX_UINT128 } from './constants.ts';
import { PoolRevertError } from './PoolRevertError.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as PoolRevertError).revertCode;
  }
};

test('addDelta adds and subtracts within uint128', () => {
  assert.equal(addDelta(1n, 0n), 1n);
  assert.equal(addDelta(1n, -1n), 0n);
  assert.equal(addDelta(1n, 1n), 2n);
  assert.equal(addDelta(MAX_UINT128 - 15n, 15n), MAX_UINT128);
});

test('addDelta reverts LS on underflow and LA on overflow', () => {
  assert.equal(code(() => addDelta(0n, -1n)), 'LS');
  assert.equal(code(() => addDelta(3n, -4n)), 'LS');
  assert.equal(code(() => addDelta(MAX_UINT128 - 14n, 15n)), 'LA');
});
