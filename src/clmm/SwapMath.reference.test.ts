/**
 * The exact shortcuts in SqrtPriceMath and SwapMath (one division instead of two, deciding the step
 * from the next price, the amount in taken as R when provably so, ...) against the contracts'
 * statements written out literally with FullMath and UnsafeMath: same values, same reverts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mulDiv, mulDivRoundingUp } from './FullMath.ts';
import { PoolRevertError, require } from './PoolRevertError.ts';
import { getAmount0Delta, getNextSqrtPriceFromInput } from './SqrtPriceMath.ts';
import { computeSwapStep } from './SwapMath.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from './TickMath.ts';
import { divRoundingUp } from './UnsafeMath.ts';

const MAX_UINT256 = (1n << 256n) - 1n;
const MAX_UINT160 = (1n << 160n) - 1n;
const Q96 = 1n << 96n;

// ---- the contracts, statement for statement ----

function refAmount0Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (a > b) [a, b] = [b, a];
  const numerator1 = liquidity << 96n;
  const numerator2 = b - a;
  require(a > 0n);
  return roundUp ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, b), a) : mulDiv(numerator1, numerator2, b) / a;
}

function refAmount1Delta(a: bigint, b: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (a > b) [a, b] = [b, a];
  return roundUp ? mulDivRoundingUp(liquidity, b - a, Q96) : mulDiv(liquidity, b - a, Q96);
}

function refNextFromAmount0(p: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return p;
  const numerator1 = liquidity << 96n;
  const product = (amount * p) & MAX_UINT256;
  if (add) {
    if (product / amount === p) {
      const denominator = (numerator1 + product) & MAX_UINT256;
      if (denominator >= numerator1) return mulDivRoundingUp(numerator1, p, denominator) & MAX_UINT160;
    }
    const sum = numerator1 / p + amount;
    require(sum <= MAX_UINT256);
    return divRoundingUp(numerator1, sum) & MAX_UINT160;
  }
  require(product / amount === p && numerator1 > product);
  const next = mulDivRoundingUp(numerator1, p, numerator1 - product);
  require(next <= MAX_UINT160);
  return next;
}

function refNextFromAmount1(p: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (add) {
    let quotient: bigint;
    if (amount <= MAX_UINT160) {
      require(liquidity > 0n);
      quotient = ((amount << 96n) & MAX_UINT256) / liquidity;
    } else {
      quotient = mulDiv(amount, Q96, liquidity);
    }
    const next = p + quotient;
    require(next <= MAX_UINT256);
    require(next <= MAX_UINT160);
    return next;
  }
  const quotient = amount <= MAX_UINT160 ? divRoundingUp((amount << 96n) & MAX_UINT256, liquidity) : mulDivRoundingUp(amount, Q96, liquidity);
  require(p > quotient);
  return p - quotient;
}

function refNextFromInput(p: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  require(p > 0n);
  require(liquidity > 0n);
  return zeroForOne ? refNextFromAmount0(p, liquidity, amountIn, true) : refNextFromAmount1(p, liquidity, amountIn, true);
}

function refNextFromOutput(p: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  require(p > 0n);
  require(liquidity > 0n);
  return zeroForOne ? refNextFromAmount1(p, liquidity, amountOut, false) : refNextFromAmount0(p, liquidity, amountOut, false);
}

function refSwapStep(current: bigint, target: bigint, liquidity: bigint, remaining: bigint, feePips: number) {
  const fee = BigInt(feePips);
  const zeroForOne = current >= target;
  const exactIn = remaining >= 0n;
  let next: bigint;
  let amountIn = 0n;
  let amountOut = 0n;
  if (exactIn) {
    const lessFee = mulDiv(remaining, 1_000_000n - fee, 1_000_000n);
    amountIn = zeroForOne ? refAmount0Delta(target, current, liquidity, true) : refAmount1Delta(current, target, liquidity, true);
    next = lessFee >= amountIn ? target : refNextFromInput(current, liquidity, lessFee, zeroForOne);
  } else {
    amountOut = zeroForOne ? refAmount1Delta(target, current, liquidity, false) : refAmount0Delta(current, target, liquidity, false);
    next = -remaining >= amountOut ? target : refNextFromOutput(current, liquidity, -remaining, zeroForOne);
  }
  const max = target === next;
  if (zeroForOne) {
    amountIn = max && exactIn ? amountIn : refAmount0Delta(next, current, liquidity, true);
    amountOut = max && !exactIn ? amountOut : refAmount1Delta(next, current, liquidity, false);
  } else {
    amountIn = max && exactIn ? amountIn : refAmount1Delta(current, next, liquidity, true);
    amountOut = max && !exactIn ? amountOut : refAmount0Delta(current, next, liquidity, false);
  }
  if (!exactIn && amountOut > -remaining) amountOut = -remaining;
  const feeAmount = exactIn && next !== target ? remaining - amountIn : mulDivRoundingUp(amountIn, fee, 1_000_000n - fee);
  return { sqrtRatioNextX96: next, amountIn, amountOut, feeAmount };
}

// ---- comparisons ----

function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof PoolRevertError) return `revert ${e.revertCode}`;
    throw e;
  }
}

const tick = fc.integer({ min: MIN_TICK, max: MAX_TICK });
/** A tick's price, or one near it (the swap loop's prices are anywhere in between). */
const price = fc.oneof(
  tick.map(getSqrtRatioAtTick),
  fc.tuple(tick, fc.bigInt({ min: -(1n << 40n), max: 1n << 40n })).map(([t, d]) => {
    const p = getSqrtRatioAtTick(t) + d;
    return p < MIN_SQRT_RATIO ? MIN_SQRT_RATIO : p > MAX_SQRT_RATIO ? MAX_SQRT_RATIO : p;
  }),
  fc.constantFrom(MIN_SQRT_RATIO, MAX_SQRT_RATIO, MIN_SQRT_RATIO + 1n, MAX_SQRT_RATIO - 1n),
);
/** Liquidity of any size, with the bounds of the shortcuts (2^96, 0, uint128 max) well represented. */
const liquidity = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
  fc.bigInt({ min: 0n, max: 1n << 70n }),
  fc.bigInt({ min: Q96 - 3n, max: Q96 + 3n }),
  fc.constantFrom(0n, 1n, 2n, (1n << 128n) - 1n),
);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 1n << 100n }), fc.bigInt({ min: 0n, max: (1n << 255n) - 1n }), fc.bigInt({ min: 0n, max: 5n }));
const fee = fc.constantFrom(0, 1, 100, 500, 3000, 10000, 250000, 999999);

test('computeSwapStep equals the contract statement for statement, exact input and output, values and reverts', () => {
  fc.assert(
    fc.property(price, price, liquidity, amount, fc.boolean(), fee, (current, target, l, a, exactOut, f) => {
      const remaining = exactOut ? -a : a;
      assert.deepEqual(outcome(() => computeSwapStep(current, target, l, remaining, f)), outcome(() => refSwapStep(current, target, l, remaining, f)));
    }),
    { numRuns: 6000 },
  );
});

test('computeSwapStep equals the contract for steps to a nearby tick (the swap loop case)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: MIN_TICK + 2000, max: MAX_TICK - 2000 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.bigInt({ min: 0n, max: 1n << 90n }),
      liquidity,
      amount,
      fee,
      (t, move, offset, l, a, f) => {
        const current = getSqrtRatioAtTick(t) + offset % (getSqrtRatioAtTick(t + 1) - getSqrtRatioAtTick(t));
        const target = getSqrtRatioAtTick(t + move);
        assert.deepEqual(outcome(() => computeSwapStep(current, target, l, a, f)), outcome(() => refSwapStep(current, target, l, a, f)));
      },
    ),
    { numRuns: 6000 },
  );
});

test('getAmount0Delta (one division by the product) and getNextSqrtPriceFromInput equal the contract', () => {
  fc.assert(
    fc.property(price, price, liquidity, amount, fc.boolean(), fc.boolean(), (a, b, l, x, roundUp, zeroForOne) => {
      assert.deepEqual(outcome(() => getAmount0Delta(a, b, l, roundUp)), outcome(() => refAmount0Delta(a, b, l, roundUp)));
      assert.deepEqual(outcome(() => getNextSqrtPriceFromInput(a, l, x, zeroForOne)), outcome(() => refNextFromInput(a, l, x, zeroForOne)));
    }),
    { numRuns: 6000 },
  );
});
