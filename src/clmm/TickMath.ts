/**
 * TickMath.sol: sqrt(1.0001^tick) as a Q64.96 and back, for ticks in [MIN_TICK, MAX_TICK].
 * Constant for constant and statement for statement the contract's; `getSqrtRatioAtTick` is also
 * memoised per tick (a pure function, so caching changes no result) because the swap loop asks for
 * the same boundary ticks over and over.
 */
import { require } from './PoolRevertError.ts';
import { MAX_UINT256 } from './constants.ts';

/** The minimum tick that may be passed to getSqrtRatioAtTick, computed from log base 1.0001 of 2**-128. */
export const MIN_TICK = -887272;
/** The maximum tick that may be passed to getSqrtRatioAtTick, computed from log base 1.0001 of 2**128. */
export const MAX_TICK = -MIN_TICK;
/** getSqrtRatioAtTick(MIN_TICK). */
export const MIN_SQRT_RATIO = 4295128739n;
/** getSqrtRatioAtTick(MAX_TICK). */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/**
 * The memo of getSqrtRatioAtTick: pages of 256 ticks indexed by tick − MIN_TICK, a two-level array
 * (two element loads per hit, cheaper than hashing into a Map); only valid ticks are ever stored.
 */
const TICK_INDEX_MAX = MAX_TICK - MIN_TICK;
// filled with undefined up front so that V8 keeps it a packed array, not a dictionary
const sqrtRatioPages = new Array<Array<bigint | undefined> | undefined>((TICK_INDEX_MAX >> 8) + 1).fill(undefined);

/**
 * sqrt(1.0001^tick) * 2^96. Reverts with `T` if |tick| > MAX_TICK.
 * The result is rounded up when converting from Q128.128 to Q128.96, so that
 * getTickAtSqrtRatio of the result is always `tick`.
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  const index = tick - MIN_TICK;
  // a valid tick gives an integer index in [0, TICK_INDEX_MAX]; anything else (non-integer, out of
  // range, NaN) fails this test and goes straight to the contract's code, which reverts with T
  if (index >>> 0 !== index || index > TICK_INDEX_MAX) return computeSqrtRatioAtTick(tick);
  let page = sqrtRatioPages[index >> 8];
  if (page === undefined) {
    page = new Array<bigint | undefined>(256).fill(undefined);
    sqrtRatioPages[index >> 8] = page;
  }
  const cached = page[index & 255];
  if (cached !== undefined) return cached;
  const value = computeSqrtRatioAtTick(tick);
  page[index & 255] = value;
  return value;
}

function computeSqrtRatioAtTick(tick: number): bigint {
  require(Number.isInteger(tick), 'T', `tick must be an integer, got ${tick}`);
  const absTick = tick < 0 ? -tick : tick;
  require(absTick <= MAX_TICK, 'T');

  let ratio = (absTick & 0x1) !== 0 ? 0xfffcb933bd6fad37aa2d162d1a594001n : 0x100000000000000000000000000000000n;
  if ((absTick & 0x2) !== 0) ratio = (ratio * 0xfff97272373d413259a46990580e213an) >> 128n;
  if ((absTick & 0x4) !== 0) ratio = (ratio * 0xfff2e50f5f656932ef12357cf3c7fdccn) >> 128n;
  if ((absTick & 0x8) !== 0) ratio = (ratio * 0xffe5caca7e10e4e61c3624eaa0941cd0n) >> 128n;
  if ((absTick & 0x10) !== 0) ratio = (ratio * 0xffcb9843d60f6159c9db58835c926644n) >> 128n;
  if ((absTick & 0x20) !== 0) ratio = (ratio * 0xff973b41fa98c081472e6896dfb254c0n) >> 128n;
  if ((absTick & 0x40) !== 0) ratio = (ratio * 0xff2ea16466c96a3843ec78b326b52861n) >> 128n;
  if ((absTick & 0x80) !== 0) ratio = (ratio * 0xfe5dee046a99a2a811c461f1969c3053n) >> 128n;
  if ((absTick & 0x100) !== 0) ratio = (ratio * 0xfcbe86c7900a88aedcffc83b479aa3a4n) >> 128n;
  if ((absTick & 0x200) !== 0) ratio = (ratio * 0xf987a7253ac413176f2b074cf7815e54n) >> 128n;
  if ((absTick & 0x400) !== 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3n) >> 128n;
  if ((absTick & 0x800) !== 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9n) >> 128n;
  if ((absTick & 0x1000) !== 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825n) >> 128n;
  if ((absTick & 0x2000) !== 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5n) >> 128n;
  if ((absTick & 0x4000) !== 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7n) >> 128n;
  if ((absTick & 0x8000) !== 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6n) >> 128n;
  if ((absTick & 0x10000) !== 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9n) >> 128n;
  if ((absTick & 0x20000) !== 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604n) >> 128n;
  if ((absTick & 0x40000) !== 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98n) >> 128n;
  if ((absTick & 0x80000) !== 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2n) >> 128n;

  if (tick > 0) ratio = MAX_UINT256 / ratio;

  // this divides by 1<<32 rounding up to go from a Q128.128 to a Q128.96.
  // we then downcast because we know the result always fits within 160 bits due to our tick input constraint
  // we round up in the division so getTickAtSqrtRatio of the output price is always consistent
  return (ratio >> 32n) + (ratio % (1n << 32n) === 0n ? 0n : 1n);
}

/**
 * The greatest tick such that getSqrtRatioAtTick(tick) <= sqrtPriceX96. Reverts with `R` unless
 * MIN_SQRT_RATIO <= sqrtPriceX96 < MAX_SQRT_RATIO. The contract's log2 approximation, line by line.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  // second inequality must be < because the price can never reach the price at the max tick
  require(sqrtPriceX96 >= MIN_SQRT_RATIO && sqrtPriceX96 < MAX_SQRT_RATIO, 'R');
  const ratio = sqrtPriceX96 << 32n;

  let r = ratio;
  let msb = 0n;
  let f: bigint;
  f = (r > 0xffffffffffffffffffffffffffffffffn ? 1n : 0n) << 7n; msb |= f; r >>= f;
  f = (r > 0xffffffffffffffffn ? 1n : 0n) << 6n; msb |= f; r >>= f;
  f = (r > 0xffffffffn ? 1n : 0n) << 5n; msb |= f; r >>= f;
  f = (r > 0xffffn ? 1n : 0n) << 4n; msb |= f; r >>= f;
  f = (r > 0xffn ? 1n : 0n) << 3n; msb |= f; r >>= f;
  f = (r > 0xfn ? 1n : 0n) << 2n; msb |= f; r >>= f;
  f = (r > 0x3n ? 1n : 0n) << 1n; msb |= f; r >>= f;
  f = r > 0x1n ? 1n : 0n; msb |= f;

  if (msb >= 128n) r = ratio >> (msb - 127n);
  else r = ratio << (127n - msb);

  let log2 = (msb - 128n) << 64n;
  for (let shift = 63n; shift >= 50n; shift--) {
    r = (r * r) >> 127n;
    f = r >> 128n;
    log2 |= f << shift;
    r >>= f;
  }

  const logSqrt10001 = log2 * 255738958999603826347141n; // 128.128 number

  const tickLow = Number((logSqrt10001 - 3402992956809132418596140100660247210n) >> 128n);
  const tickHi = Number((logSqrt10001 + 291339464771989622907027621153398088495n) >> 128n);

  return tickLow === tickHi ? tickLow : getSqrtRatioAtTick(tickHi) <= sqrtPriceX96 ? tickHi : tickLow;
}

/**
 * Same result as getTickAtSqrtRatio, found faster: a float estimate of log_1.0001(price) corrected
 * exactly against the (memoised) getSqrtRatioAtTick, using the function's defining property — the
 * greatest tick whose sqrt ratio does not exceed the price. Property tests check it against the
 * contract's algorithm over the whole range. Used in the swap loop, where it is the hot path.
 */
export function getTickAtSqrtRatioFast(sqrtPriceX96: bigint): number {
  require(sqrtPriceX96 >= MIN_SQRT_RATIO && sqrtPriceX96 < MAX_SQRT_RATIO, 'R');
  // log(sqrtP / 2^96) * 2 / log(1.0001); Number() keeps 53 bits, so the estimate is within one tick.
  // (`| 0`: the estimate is within a tick of [MIN_TICK, MAX_TICK], so this keeps it a small integer for V8)
  let tick = Math.floor((Math.log(Number(sqrtPriceX96)) - LN_Q96) * TWO_OVER_LN_10001) | 0;
  if (tick < MIN_TICK) tick = MIN_TICK;
  else if (tick > MAX_TICK - 1) tick = MAX_TICK - 1;
  while (tick > MIN_TICK && getSqrtRatioAtTick(tick) > sqrtPriceX96) tick--;
  while (tick < MAX_TICK - 1 && getSqrtRatioAtTick(tick + 1) <= sqrtPriceX96) tick++;
  return tick;
}

const LN_Q96 = 96 * Math.LN2;
const TWO_OVER_LN_10001 = 2 / Math.log(1.0001);
