/**
 * Names the corner cases an op exercised on the EVM, from its outcome and the pool state read before
 * and after it, so tests can show that the generator really reaches them (`swap:zero-amounts-price-moved`,
 * `revert:mint:M0`, `tokensOwed-wrap`, ...).
 */
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from '../../src/clmm/TickMath.ts';
import type { PositionInfo, TickInfo } from '../../src/clmm/types.ts';
import type { Outcome, PoolCallOp } from './ops.ts';
import type { PoolSnapshot } from './snapshot.ts';

const MAX_UINT128 = (1n << 128n) - 1n;
const MASK256 = (1n << 256n) - 1n;

/** What is known of one EVM pool: its last-read globals, and every tick and position read so far. */
export interface KnownState {
  globals: Omit<PoolSnapshot, 'ticks' | 'positions'>;
  ticks: Map<number, TickInfo>;
  positions: Map<string, PositionInfo>;
}

export function positionId(owner: string, tickLower: number, tickUpper: number): string {
  return `${owner}|${tickLower}|${tickUpper}`;
}

const EMPTY_POSITION: PositionInfo = { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };

export function coverageTags(op: PoolCallOp, outcome: Outcome, before: KnownState, after: KnownState, tickSpacing: number): string[] {
  if (!outcome.ok) {
    const tag = `revert:${op.kind}:${outcome.code}`;
    return op.kind === 'mint' && outcome.code === 'NO_REASON' ? [tag, `${tag}:${mintNoReasonCause(op, tickSpacing)}`] : [tag];
  }
  const tags = [`ok:${op.kind}`];
  const b = before.globals;
  const a = after.globals;
  switch (op.kind) {
    case 'initialize':
      if (a.tick < MIN_TICK + 5000) tags.push('initialize:near-min-tick');
      else if (a.tick > MAX_TICK - 5000) tags.push('initialize:near-max-tick');
      else tags.push('initialize:normal');
      break;
    case 'mint': {
      if (op.tickUpper - op.tickLower === tickSpacing) tags.push('mint:single-spacing');
      if (op.tickLower - tickSpacing < MIN_TICK && op.tickUpper + tickSpacing > MAX_TICK) tags.push('mint:full-range');
      if (b.tick < op.tickLower) tags.push('mint:above-price');
      else if (b.tick >= op.tickUpper) tags.push('mint:below-price');
      else tags.push('mint:in-range');
      if (wrapped(op, before, after)) tags.push('tokensOwed-wrap');
      break;
    }
    case 'burn': {
      const id = positionId(op.owner, op.tickLower, op.tickUpper);
      const held = after.positions.get(id)?.liquidity ?? 0n;
      if (op.amount === 0n) tags.push('burn:poke');
      else tags.push(held === 0n ? 'burn:full' : 'burn:partial');
      if (wrapped(op, before, after)) tags.push('tokensOwed-wrap');
      break;
    }
    case 'collect': {
      const owed = before.positions.get(positionId(op.owner, op.tickLower, op.tickUpper)) ?? EMPTY_POSITION;
      const r = outcome.result;
      if (r !== null && ((r.amount0 > 0n && r.amount0 < owed.tokensOwed0) || (r.amount1 > 0n && r.amount1 < owed.tokensOwed1))) {
        tags.push('collect:partial');
      }
      break;
    }
    case 'swap': {
      const r = outcome.result;
      const exact = op.amountSpecified > 0n ? 'exact-input' : 'exact-output';
      tags.push(`swap:${exact}:${op.zeroForOne ? 'zeroForOne' : 'oneForZero'}`);
      if (a.sqrtPriceX96 === op.sqrtPriceLimitX96) tags.push('swap:stopped-at-limit');
      if (r !== null && r.amount0 === 0n && r.amount1 === 0n && a.sqrtPriceX96 !== b.sqrtPriceX96) tags.push('swap:zero-amounts-price-moved');
      if (a.feeGrowthGlobal0X128 < b.feeGrowthGlobal0X128 || a.feeGrowthGlobal1X128 < b.feeGrowthGlobal1X128) tags.push('feeGrowthGlobal-wrap');
      tags.push(...walkTags(op.zeroForOne, before, after));
      break;
    }
    case 'setFeeProtocol':
      if (a.feeProtocol !== 0) tags.push('setFeeProtocol:on');
      break;
    case 'collectProtocol':
      if ((op.amount0Requested >= b.protocolFees0 && b.protocolFees0 > 0n && a.protocolFees0 === 1n) ||
          (op.amount1Requested >= b.protocolFees1 && b.protocolFees1 > 0n && a.protocolFees1 === 1n)) {
        tags.push('collectProtocol:leaves-1-wei');
      }
      break;
  }
  return tags;
}

/** Which of the mint's reasonless requires it tripped. */
function mintNoReasonCause(op: PoolCallOp & { kind: 'mint' }, tickSpacing: number): string {
  if (op.amount === 0n) return 'amount-0';
  if (op.amount >= 1n << 127n) return 'amount-over-int128';
  if (op.tickLower % tickSpacing !== 0 || op.tickUpper % tickSpacing !== 0) return 'tick-off-spacing';
  return 'other';
}

/**
 * Whether a mint or burn pushed a tokensOwed past 2^128: the fee credit alone (uint128 truncation of
 * Position.update's mulDiv) or the sum (tokensOwed shrank, which nothing but a wrap does in a mint or burn).
 */
function wrapped(op: PoolCallOp & { owner: string; tickLower: number; tickUpper: number }, before: KnownState, after: KnownState): boolean {
  const id = positionId(op.owner, op.tickLower, op.tickUpper);
  const p0 = before.positions.get(id) ?? EMPTY_POSITION;
  const p1 = after.positions.get(id);
  if (p1 === undefined) return false;
  const credit = (last0: bigint, last1: bigint): bigint => (((last1 - last0) & MASK256) * p0.liquidity) >> 128n;
  const raw0 = p0.tokensOwed0 + credit(p0.feeGrowthInside0LastX128, p1.feeGrowthInside0LastX128);
  const raw1 = p0.tokensOwed1 + credit(p0.feeGrowthInside1LastX128, p1.feeGrowthInside1LastX128);
  return raw0 > MAX_UINT128 || raw1 > MAX_UINT128 || p1.tokensOwed0 < p0.tokensOwed0 || p1.tokensOwed1 < p0.tokensOwed1;
}

/** Tags from the initialized ticks a swap crossed: many of them, or running dry and going on through a gap. */
function walkTags(zeroForOne: boolean, before: KnownState, after: KnownState): string[] {
  const t0 = before.globals.tick;
  const t1 = after.globals.tick;
  const crossed = [...before.ticks.entries()]
    .filter(([t, info]) => info.initialized && (zeroForOne ? t1 < t && t <= t0 : t0 < t && t <= t1))
    .sort(([x], [y]) => (zeroForOne ? y - x : x - y));
  const tags: string[] = [];
  if (crossed.length >= 5) tags.push('swap:crossed-many-ticks');
  let liquidity = before.globals.liquidity;
  if (liquidity === 0n) return tags;
  for (const [t, info] of crossed) {
    liquidity += zeroForOne ? -info.liquidityNet : info.liquidityNet;
    const price = after.globals.sqrtPriceX96;
    const boundary = getSqrtRatioAtTick(t);
    if (liquidity === 0n && (zeroForOne ? price < boundary : price > boundary)) {
      tags.push('swap:drain-through-gap');
      break;
    }
  }
  return tags;
}
