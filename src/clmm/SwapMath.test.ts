import { test } from 'node:test';
import fc from 'fast-check';
import { computeSwapStep } from './SwapMath.ts';
import { getSqrtRatioAtTick } from './TickMath.ts';
import { PoolRevertError } from './PoolRevertError.ts';

const tick = fc.integer({ min: -300000, max: 300000 });
const liquidity = fc.bigInt({ min: 1n, max: 10n ** 30n });
const fee = fc.constantFrom(100, 500, 3000, 10000, 1, 999999);

function step(current: number, target: number, l: bigint, remaining: bigint, f: number) {
  try {
    return computeSwapStep(getSqrtRatioAtTick(current), getSqrtRatioAtTick(target), l, remaining, f);
  } catch (e) {
    if (e instanceof PoolRevertError) return undefined;
    throw e;
  }
}

test('exact input: input plus fee never exceeds the amount remaining, and the price stays between current and target', () => {
  fc.assert(
    fc.property(tick, tick, liquidity, fc.bigInt({ min: 1n, max: 10n ** 36n }), fee, (c, t, l, remaining, f) => {
      const s = step(c, t, l, remaining, f);
      if (s === undefined) return true;
      const pc = getSqrtRatioAtTick(c);
      const pt = getSqrtRatioAtTick(t);
      const between = pc >= pt ? s.sqrtRatioNextX96 <= pc && s.sqrtRatioNextX96 >= pt : s.sqrtRatioNextX96 >= pc && s.sqrtRatioNextX96 <= pt;
      const fullyUsedIfNotAtTarget = s.sqrtRatioNextX96 === pt || s.amountIn + s.feeAmount === remaining;
      return s.amountIn + s.feeAmount <= remaining && between && fullyUsedIfNotAtTarget;
    }),
    { numRuns: 3000 },
  );
});

test('exact output: the output never exceeds the amount asked for', () => {
  fc.assert(
    fc.property(tick, tick, liquidity, fc.bigInt({ min: 1n, max: 10n ** 36n }), fee, (c, t, l, wanted, f) => {
      const s = step(c, t, l, -wanted, f);
      if (s === undefined) return true;
      const atTarget = s.sqrtRatioNextX96 === getSqrtRatioAtTick(t);
      return s.amountOut <= wanted && (atTarget || s.amountOut === wanted);
    }),
    { numRuns: 3000 },
  );
});
