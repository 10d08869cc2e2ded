import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { leastSignificantBit, mostSignificantBit } from './BitMath.ts';
import { MAX_UINT256 } from './constants.ts';
import { PoolRevertError } from './PoolRevertError.ts';

test('msb and lsb of zero revert', () => {
  assert.throws(() => mostSignificantBit(0n), PoolRevertError);
  assert.throws(() => leastSignificantBit(0n), PoolRevertError);
});

test('msb and lsb match a reference on every bit and at random', () => {
  for (let i = 0n; i < 256n; i++) {
    assert.equal(mostSignificantBit(1n << i), Number(i));
    assert.equal(leastSignificantBit(1n << i), Number(i));
  }
  assert.equal(mostSignificantBit(MAX_UINT256), 255);
  assert.equal(leastSignificantBit(MAX_UINT256), 0);
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: MAX_UINT256 }), (x) => {
      const bits = x.toString(2);
      return mostSignificantBit(x) === bits.length - 1 && leastSignificantBit(x) === bits.length - 1 - bits.lastIndexOf('1');
    }),
    { numRuns: 3000 },
  );
});
