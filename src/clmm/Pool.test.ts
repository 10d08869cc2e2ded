import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Pool } from './Pool.ts';
import { PoolRevertError } from './PoolRevertError.ts';
import { PoolArgumentError } from './PoolArgumentError.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './TickMath.ts';
import { getAmountsForLiquidity } from './LiquidityAmounts.ts';
import { positionValue } from './positionValue.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof PoolRevertError) return e.revertCode;
    throw e;
  }
}

/** Everything observable about a pool, for equality checks. */
function snapshot(pool: Pool, ranges: Array<[string, number, number]>): unknown {
  return {
    slot0: { ...pool.slot0 },
    liquidity: pool.liquidity,
    fg: [pool.feeGrowthGlobal0X128, pool.feeGrowthGlobal1X128],
    pf: { ...pool.protocolFees },
    balances: [pool.balance0, pool.balance1],
    ticks: pool.initializedTicks().map((t) => [t, pool.getTick(t)]),
    positions: ranges.map(([o, l, u]) => pool.getPosition(o, l, u)),
  };
}

function freshPool(): Pool {
  const pool = new Pool({ fee: 3000 });
  pool.initialize(getSqrtRatioAtTick(0));
  pool.mint({ recipient: 'a', tickLower: -600, tickUpper: 600, amount: 10n ** 18n });
  pool.mint({ recipient: 'b', tickLower: -120, tickUpper: 60, amount: 3n * 10n ** 18n });
  return pool;
}

test('every call before initialize reverts with LOK (swap of 0 gives AS first, as in the contract)', () => {
  const pool = new Pool({ fee: 500 });
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: -10, tickUpper: 10, amount: 1n })), 'LOK');
  assert.equal(codeOf(() => pool.burn({ owner: 'a', tickLower: -10, tickUpper: 10, amount: 0n })), 'LOK');
  assert.equal(codeOf(() => pool.collect({ owner: 'a', tickLower: -10, tickUpper: 10, amount0Requested: 1n, amount1Requested: 1n })), 'LOK');
  assert.equal(codeOf(() => pool.swap({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n })), 'LOK');
  assert.equal(codeOf(() => pool.swap({ zeroForOne: true, amountSpecified: 0n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n })), 'AS');
  assert.equal(codeOf(() => pool.setFeeProtocol(4, 4)), 'LOK');
  assert.equal(codeOf(() => pool.collectProtocol({ amount0Requested: 1n, amount1Requested: 1n })), 'LOK');
  pool.initialize(getSqrtRatioAtTick(0));
  assert.equal(codeOf(() => pool.initialize(getSqrtRatioAtTick(0))), 'AI');
});

test('tick and amount checks revert with the contract codes', () => {
  const pool = freshPool();
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: 60, tickUpper: 60, amount: 1n })), 'TLU');
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: -887280, tickUpper: 60, amount: 1n })), 'TLM');
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: 0, tickUpper: 887280, amount: 1n })), 'TUM');
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: -61, tickUpper: 60, amount: 1n })), 'NO_REASON');
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: -60, tickUpper: 60, amount: 0n })), 'NO_REASON');
  assert.equal(codeOf(() => pool.mint({ recipient: 'a', tickLower: -60, tickUpper: 60, amount: pool.maxLiquidityPerTick + 1n })), 'LO');
  assert.equal(codeOf(() => pool.burn({ owner: 'a', tickLower: -600, tickUpper: 600, amount: 10n ** 18n + 1n })), 'LS');
  assert.equal(codeOf(() => pool.burn({ owner: 'nobody', tickLower: -600, tickUpper: 600, amount: 0n })), 'NP');
  assert.equal(codeOf(() => pool.swap({ zeroForOne: true, amountSpecified: 10n, sqrtPriceLimitX96: MIN_SQRT_RATIO })), 'SPL');
  assert.equal(codeOf(() => pool.swap({ zeroForOne: false, amountSpecified: 10n, sqrtPriceLimitX96: pool.slot0.sqrtPriceX96 })), 'SPL');
  assert.equal(codeOf(() => pool.setFeeProtocol(3, 0)), 'NO_REASON');
  assert.throws(() => pool.mint({ recipient: 'a', tickLower: 0.5, tickUpper: 60, amount: 1n }), PoolArgumentError);
  assert.throws(() => pool.swap({ zeroForOne: true, amountSpecified: 1n << 255n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n }), PoolArgumentError);
});

test('a revert leaves no trace, including one raised by an underpaying payer after the swap ran', () => {
  const pool = freshPool();
  const ranges: Array<[string, number, number]> = [['a', -600, 600], ['b', -120, 60], ['c', -60, 60]];
  const before = snapshot(pool, ranges);
  assert.equal(codeOf(() => pool.swap({ zeroForOne: true, amountSpecified: 10n ** 18n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n, payer: (a0) => ({ paid0: a0 - 1n, paid1: 0n }) })), 'IIA');
  assert.deepEqual(snapshot(pool, ranges), before);
  assert.equal(codeOf(() => pool.mint({ recipient: 'c', tickLower: -60, tickUpper: 60, amount: 10n ** 15n, payer: (a0, a1) => ({ paid0: a0, paid1: a1 - 1n }) })), 'M1');
  assert.deepEqual(snapshot(pool, ranges), before);
  assert.throws(() => pool.mint({ recipient: 'c', tickLower: -60, tickUpper: 60, amount: 10n, payer: () => { throw new Error('callback failed'); } }), /callback failed/);
  assert.deepEqual(snapshot(pool, ranges), before);
});

test('a payer that re-enters the pool gets LOK', () => {
  const pool = freshPool();
  let inner: string | undefined;
  pool.swap({
    zeroForOne: false,
    amountSpecified: 1000n,
    sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n,
    payer: (a0, a1) => {
      inner = codeOf(() => pool.mint({ recipient: 'x', tickLower: -60, tickUpper: 60, amount: 1n }));
      return { paid0: a0 > 0n ? a0 : 0n, paid1: a1 > 0n ? a1 : 0n };
    },
  });
  assert.equal(inner, 'LOK');
  assert.equal(pool.slot0.unlocked, true);
});

test('clone is independent of the original', () => {
  const pool = freshPool();
  const copy = pool.clone();
  const ranges: Array<[string, number, number]> = [['a', -600, 600], ['b', -120, 60]];
  const before = snapshot(pool, ranges);
  copy.swap({ zeroForOne: true, amountSpecified: 10n ** 17n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
  copy.burn({ owner: 'a', tickLower: -600, tickUpper: 600, amount: 10n ** 17n });
  assert.deepEqual(snapshot(pool, ranges), before);
  assert.notDeepEqual(snapshot(copy, ranges), before);
});

test('collectProtocol leaves one wei when asked for everything', () => {
  const pool = freshPool();
  pool.setFeeProtocol(4, 5);
  pool.swap({ zeroForOne: true, amountSpecified: 10n ** 16n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
  const owed = pool.protocolFees.token0;
  assert.ok(owed > 1n);
  const { amount0, amount1 } = pool.collectProtocol({ amount0Requested: owed, amount1Requested: 10n });
  assert.equal(amount0, owed - 1n);
  assert.equal(amount1, 0n);
  assert.equal(pool.protocolFees.token0, 1n);
});

test('positionValue equals what burning and collecting returns', () => {
  const pool = freshPool();
  pool.swap({ zeroForOne: true, amountSpecified: 10n ** 17n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
  pool.swap({ zeroForOne: false, amountSpecified: 5n * 10n ** 16n, sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n });
  const value = positionValue({ pool, owner: 'b', tickLower: -120, tickUpper: 60 });
  const liquidity = pool.getPosition('b', -120, 60).liquidity;
  const burned = pool.burn({ owner: 'b', tickLower: -120, tickUpper: 60, amount: liquidity });
  const collected = pool.collect({ owner: 'b', tickLower: -120, tickUpper: 60, amount0Requested: 2n ** 128n - 1n, amount1Requested: 2n ** 128n - 1n });
  assert.equal(burned.amount0, value.amount0);
  assert.equal(burned.amount1, value.amount1);
  assert.equal(collected.amount0, value.amount0 + value.fees0);
  assert.equal(collected.amount1, value.amount1 + value.fees1);
});

/** A random op sequence for the conservation property. */
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('mint' as const), owner: fc.constantFrom('a', 'b', 'c'), lo: fc.integer({ min: -20, max: 19 }), width: fc.integer({ min: 1, max: 20 }), amount: fc.bigInt({ min: 1n, max: 10n ** 20n }) }),
  fc.record({ kind: fc.constant('burn' as const), owner: fc.constantFrom('a', 'b', 'c'), pick: fc.nat(), fraction: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('swap' as const), zeroForOne: fc.boolean(), amount: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((x) => x !== 0n) }),
  fc.record({ kind: fc.constant('collect' as const), owner: fc.constantFrom('a', 'b', 'c'), pick: fc.nat() }),
);

test('conservation: the pool always holds what it owes to positions and the protocol', () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.constantFrom(0, 4, 6), (ops, feeProtocol) => {
      const pool = new Pool({ fee: 3000 });
      pool.initialize(getSqrtRatioAtTick(0));
      pool.setFeeProtocol(feeProtocol, feeProtocol);
      const ranges: Array<[string, number, number]> = [];
      for (const op of ops) {
        try {
          if (op.kind === 'mint') {
            const range: [string, number, number] = [op.owner, op.lo * 60, (op.lo + op.width) * 60];
            pool.mint({ recipient: op.owner, tickLower: range[1], tickUpper: range[2], amount: op.amount });
            if (!ranges.some((r) => r.join() === range.join())) ranges.push(range);
          } else if (op.kind === 'burn' || op.kind === 'collect') {
            const own = ranges.filter((r) => r[0] === op.owner);
            if (own.length === 0) continue;
            const [o, l, u] = own[op.pick % own.length]!;
            if (op.kind === 'burn') pool.burn({ owner: o, tickLower: l, tickUpper: u, amount: (pool.getPosition(o, l, u).liquidity * BigInt(op.fraction)) / 100n });
            else pool.collect({ owner: o, tickLower: l, tickUpper: u, amount0Requested: 2n ** 128n - 1n, amount1Requested: 2n ** 128n - 1n });
          } else {
            pool.swap({ zeroForOne: op.zeroForOne, amountSpecified: op.amount, sqrtPriceLimitX96: op.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n });
          }
        } catch (e) {
          if (!(e instanceof PoolRevertError)) throw e;
        }
        // everything owed: principal of every position at the current price (rounded up by at most a
        // wei per position), their owed and pending fees, and the protocol's fees
        let owed0 = pool.protocolFees.token0;
        let owed1 = pool.protocolFees.token1;
        for (const [o, l, u] of ranges) {
          const v = positionValue({ pool, owner: o, tickLower: l, tickUpper: u });
          owed0 += v.amount0 + v.fees0;
          owed1 += v.amount1 + v.fees1;
        }
        if (pool.balance0 < owed0 || pool.balance1 < owed1) return false;
        // and the active liquidity is what the positions in range add up to
        const active = ranges.reduce((sum, [o, l, u]) => (pool.slot0.tick >= l && pool.slot0.tick < u ? sum + pool.getPosition(o, l, u).liquidity : sum), 0n);
        if (active !== pool.liquidity) return false;
      }
      return true;
    }),
    { numRuns: 150 },
  );
});

test('getAmountsForLiquidity of a fresh mint never exceeds what the mint charged', () => {
  const pool = freshPool();
  const minted = pool.mint({ recipient: 'z', tickLower: -180, tickUpper: 240, amount: 123456789012345n });
  const amounts = getAmountsForLiquidity({ sqrtPriceX96: pool.slot0.sqrtPriceX96, sqrtPriceAX96: getSqrtRatioAtTick(-180), sqrtPriceBX96: getSqrtRatioAtTick(240), liquidity: 123456789012345n });
  assert.ok(amounts.amount0 <= minted.amount0 && minted.amount0 - amounts.amount0 <= 1n);
  assert.ok(amounts.amount1 <= minted.amount1 && minted.amount1 - amounts.amount1 <= 1n);
});

test('pruneEmptyPositions forgets only empty positions, and no later call can tell', () => {
  const make = () => {
    const pool = new Pool({ fee: 3000 });
    pool.initialize(getSqrtRatioAtTick(0));
    pool.mint({ recipient: 'base', tickLower: -6000, tickUpper: 6000, amount: 10n ** 20n });
    pool.mint({ recipient: 'jit', tickLower: -60, tickUpper: 60, amount: 10n ** 19n });
    pool.swap({ zeroForOne: true, amountSpecified: 10n ** 17n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
    pool.burn({ owner: 'jit', tickLower: -60, tickUpper: 60, amount: 10n ** 19n });
    pool.collect({ owner: 'jit', tickLower: -60, tickUpper: 60, amount0Requested: 2n ** 128n - 1n, amount1Requested: 2n ** 128n - 1n });
    pool.mint({ recipient: 'owed', tickLower: -120, tickUpper: 120, amount: 10n ** 18n });
    pool.swap({ zeroForOne: false, amountSpecified: 10n ** 17n, sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n });
    pool.burn({ owner: 'owed', tickLower: -120, tickUpper: 120, amount: 10n ** 18n }); // fees owed, not collected
    return pool;
  };
  const kept = make();
  const pruned = make();
  assert.equal(pruned.pruneEmptyPositions(), 1, 'only the burned and collected JIT position goes');
  assert.equal(pruned.getPosition('owed', -120, 120).tokensOwed1 > 0n, true);
  assert.equal(pruned.getPosition('base', -6000, 6000).liquidity, 10n ** 20n);
  // the same later calls give the same results and state on both
  for (const pool of [kept, pruned]) {
    pool.mint({ recipient: 'jit', tickLower: -60, tickUpper: 60, amount: 5n * 10n ** 18n });
    pool.swap({ zeroForOne: true, amountSpecified: 3n * 10n ** 17n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
  }
  const burnKept = kept.burn({ owner: 'jit', tickLower: -60, tickUpper: 60, amount: 5n * 10n ** 18n });
  const burnPruned = pruned.burn({ owner: 'jit', tickLower: -60, tickUpper: 60, amount: 5n * 10n ** 18n });
  assert.deepEqual(burnPruned, burnKept);
  assert.deepEqual(pruned.getPosition('jit', -60, 60).tokensOwed0, kept.getPosition('jit', -60, 60).tokensOwed0);
  assert.deepEqual(pruned.getPosition('jit', -60, 60).tokensOwed1, kept.getPosition('jit', -60, 60).tokensOwed1);
  assert.deepEqual(pruned.slot0, kept.slot0);
  assert.throws(() => pruned.burn({ owner: 'gone', tickLower: -60, tickUpper: 60, amount: 0n }), (e: unknown) => e instanceof PoolRevertError && e.revertCode === 'NP');
});
