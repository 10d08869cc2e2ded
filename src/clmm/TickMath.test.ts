import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  getTickAtSqrtRatioFast,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from './TickMath.ts';
import { PoolRevertError } from './PoolRevertError.ts';

const tickArb = fc.integer({ min: MIN_TICK, max: MAX_TICK });
const priceArb = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });
// Prices spread over the whole range in log terms, not only near the top (a uniform bigint would be).
const logPriceArb = fc.tuple(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map(([tick, frac]) => {
  const lo = getSqrtRatioAtTick(tick);
  const hi = getSqrtRatioAtTick(tick + 1);
  return lo + ((hi - lo) * frac) / (1n << 64n);
});

function revertCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PoolRevertError) return e.revertCode;
    throw e;
  }
  return undefined;
}

test('bounds match the contract constants', () => {
  assert.equal(getSqrtRatioAtTick(MIN_TICK), MIN_SQRT_RATIO);
  assert.equal(getSqrtRatioAtTick(MAX_TICK), MAX_SQRT_RATIO);
  assert.equal(getSqrtRatioAtTick(0), 1n << 96n);
  assert.equal(getTickAtSqrtRatio(MIN_SQRT_RATIO), MIN_TICK);
  assert.equal(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n), MAX_TICK - 1);
});

test('out-of-range inputs revert with T and R', () => {
  assert.equal(revertCode(() => getSqrtRatioAtTick(MAX_TICK + 1)), 'T');
  assert.equal(revertCode(() => getSqrtRatioAtTick(MIN_TICK - 1)), 'T');
  assert.equal(revertCode(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)), 'R');
  assert.equal(revertCode(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)), 'R');
  assert.equal(revertCode(() => getTickAtSqrtRatioFast(MAX_SQRT_RATIO)), 'R');
});

test('getTickAtSqrtRatio inverts getSqrtRatioAtTick for every tick, and one wei below is the tick before', () => {
  let mismatches = 0;
  for (let tick = MIN_TICK; tick < MAX_TICK; tick++) {
    const price = getSqrtRatioAtTick(tick);
    if (getTickAtSqrtRatio(price) !== tick) mismatches++;
    if (tick > MIN_TICK && getTickAtSqrtRatio(price - 1n) !== tick - 1) mismatches++;
  }
  assert.equal(mismatches, 0);
});

test('getSqrtRatioAtTick is strictly increasing', () => {
  fc.assert(
    fc.property(tickArb, tickArb, (a, b) => {
      if (a === b) return true;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      return getSqrtRatioAtTick(lo) < getSqrtRatioAtTick(hi);
    }),
    { numRuns: 3000 },
  );
});

test('getTickAtSqrtRatio returns the greatest tick whose ratio does not exceed the price', () => {
  fc.assert(
    fc.property(fc.oneof(priceArb, logPriceArb), (price) => {
      const tick = getTickAtSqrtRatio(price);
      return getSqrtRatioAtTick(tick) <= price && (tick === MAX_TICK || price < getSqrtRatioAtTick(tick + 1));
    }),
    { numRuns: 5000 },
  );
});

test('the fast lookup agrees with the contract algorithm everywhere', () => {
  fc.assert(fc.property(fc.oneof(priceArb, logPriceArb), (price) => getTickAtSqrtRatioFast(price) === getTickAtSqrtRatio(price)), { numRuns: 20000 });
  for (let tick = MIN_TICK; tick < MAX_TICK; tick += 9973) {
    const p = getSqrtRatioAtTick(tick);
    for (const q of [p - 1n, p, p + 1n]) {
      if (q < MIN_SQRT_RATIO || q >= MAX_SQRT_RATIO) continue;
      assert.equal(getTickAtSqrtRatioFast(q), getTickAtSqrtRatio(q));
    }
  }
});
