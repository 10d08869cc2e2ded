import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from './SqrtPriceMath.ts';
import { MAX_UINT128, Q96 } from './constants.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './TickMath.ts';
import { PoolRevertError } from './PoolRevertError.ts';

const price = fc.integer({ min: -400000, max: 400000 }).map(getSqrtRatioAtTick);
const liquidity = fc.bigInt({ min: 1n, max: MAX_UINT128 });
const amount = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

test('input and output with zero liquidity or price revert', () => {
  assert.throws(() => getNextSqrtPriceFromInput(0n, 1n, 10n, true), PoolRevertError);
  assert.throws(() => getNextSqrtPriceFromInput(Q96, 0n, 10n, true), PoolRevertError);
  assert.throws(() => getNextSqrtPriceFromOutput(Q96, 0n, 10n, false), PoolRevertError);
});

test('zero input returns the price unchanged', () => {
  assert.equal(getNextSqrtPriceFromInput(Q96, 10n ** 17n, 0n, true), Q96);
  assert.equal(getNextSqrtPriceFromInput(Q96, 10n ** 17n, 0n, false), Q96);
});

test('output larger than the reserves reverts', () => {
  // token1 reserves of 1 unit of liquidity at price 1 are 1 wei-ish; asking for more must fail
  assert.throws(() => getNextSqrtPriceFromOutput(Q96, 1024n, 4n * 1024n, false), PoolRevertError);
  assert.throws(() => getNextSqrtPriceFromOutput(Q96, 1024n, 1025n, true), PoolRevertError);
});

test('amount deltas round up by at most one and never below the rounded-down value', () => {
  fc.assert(
    fc.property(price, price, liquidity, (a, b, l) => {
      const down0 = getAmount0Delta(a, b, l, false);
      const up0 = getAmount0Delta(a, b, l, true);
      const down1 = getAmount1Delta(a, b, l, false);
      const up1 = getAmount1Delta(a, b, l, true);
      return up0 - down0 >= 0n && up0 - down0 <= 1n && up1 - down1 >= 0n && up1 - down1 <= 1n;
    }),
    { numRuns: 2000 },
  );
});

test('an exact input never moves the price further than its amount pays for (rounding favours the pool)', () => {
  fc.assert(
    fc.property(price, liquidity, amount, fc.boolean(), (p, l, amountIn, zeroForOne) => {
      let next: bigint;
      try {
        next = getNextSqrtPriceFromInput(p, l, amountIn, zeroForOne);
      } catch (e) {
        if (e instanceof PoolRevertError) return true; // overflow of the price is a legitimate revert
        throw e;
      }
      if (next < MIN_SQRT_RATIO || next > MAX_SQRT_RATIO) return true;
      if (zeroForOne) return next <= p && getAmount0Delta(next, p, l, true) <= amountIn;
      return next >= p && getAmount1Delta(p, next, l, true) <= amountIn;
    }),
    { numRuns: 3000 },
  );
});

test('an exact output always moves the price far enough to pay it out', () => {
  fc.assert(
    fc.property(price, liquidity, amount, fc.boolean(), (p, l, amountOut, zeroForOne) => {
      let next: bigint;
      try {
        next = getNextSqrtPriceFromOutput(p, l, amountOut, zeroForOne);
      } catch (e) {
        if (e instanceof PoolRevertError) return true; // asking for more than the reserves
        throw e;
      }
      if (zeroForOne) return next <= p && getAmount1Delta(next, p, l, false) >= amountOut;
      return next >= p && getAmount0Delta(p, next, l, false) >= amountOut;
    }),
    { numRuns: 3000 },
  );
});
