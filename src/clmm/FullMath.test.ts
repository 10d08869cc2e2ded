import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mulDiv, mulDivRoundingUp } from './FullMath.ts';
import { MAX_UINT256, Q128 } from './constants.ts';
import { PoolRevertError } from './PoolRevertError.ts';

const uint256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });

test('mulDiv reverts on a zero denominator and on overflow, without a reason', () => {
  assert.throws(() => mulDiv(Q128, 5n, 0n), (e: unknown) => e instanceof PoolRevertError && e.revertCode === 'NO_REASON');
  assert.throws(() => mulDiv(Q128, Q128, 1n), PoolRevertError);
  assert.throws(() => mulDivRoundingUp(MAX_UINT256, MAX_UINT256, MAX_UINT256 - 1n), PoolRevertError);
});

test('mulDiv handles full 512-bit intermediates', () => {
  assert.equal(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256), MAX_UINT256);
  assert.equal(mulDiv(Q128, 50n * Q128 / 100n, 150n * Q128 / 100n), Q128 / 3n);
  assert.equal(mulDivRoundingUp(Q128, 1000n * Q128, 3000n * Q128), Q128 / 3n + 1n);
  // rounding up the maximum value overflows
  assert.throws(() => mulDivRoundingUp(535006138814359n, 432862656469423142931042426214547535783388063929571229938474969n, 2n), PoolRevertError);
});

test('rounding up is floor plus one exactly when there is a remainder', () => {
  fc.assert(
    fc.property(uint256, uint256, fc.bigInt({ min: 1n, max: MAX_UINT256 }), (a, b, d) => {
      const exact = (a * b) / d;
      if (exact > MAX_UINT256) return true;
      const down = mulDiv(a, b, d);
      if (down !== exact) return false;
      if (exact === MAX_UINT256 && (a * b) % d !== 0n) return true;
      const up = mulDivRoundingUp(a, b, d);
      return up === down + ((a * b) % d === 0n ? 0n : 1n);
    }),
    { numRuns: 3000 },
  );
});
