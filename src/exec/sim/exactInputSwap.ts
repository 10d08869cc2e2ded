/**
 * An exact-input swap at the extreme price limit, as a wallet's swap through the pool: what went in
 * and out, and the initialized ticks it crossed (each costs gas). A revert becomes EXEC_REVERTED with
 * the pool's code (e.g. SPL).
 */
import type { Pool } from '../../clmm/Pool.ts';
import { PoolRevertError } from '../../clmm/PoolRevertError.ts';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../clmm/TickMath.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { SwapParams, SwapQuote } from '../ExecutorPort.ts';

export function exactInputSwap(pool: Pool, params: SwapParams): SwapQuote {
  const tickBefore = pool.slot0.tick;
  let result;
  try {
    result = pool.swap({
      zeroForOne: params.zeroForOne,
      amountSpecified: params.amountInRaw,
      sqrtPriceLimitX96: params.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n,
      payer: (d0, d1) => ({ paid0: d0 > 0n ? d0 : 0n, paid1: d1 > 0n ? d1 : 0n }),
    });
  } catch (error) {
    if (error instanceof PoolRevertError) throw new ClmmLabError('EXEC_REVERTED', `swap reverted (${error.code})`, { details: { code: error.code }, cause: error });
    throw error;
  }
  const tickAfter = pool.slot0.tick;
  const lo = Math.min(tickBefore, tickAfter);
  const hi = Math.max(tickBefore, tickAfter);
  const ticksCrossed = pool.initializedTicks().filter((t) => t > lo && t <= hi).length;
  const amountInRaw = params.zeroForOne ? result.amount0 : result.amount1;
  const amountOutRaw = params.zeroForOne ? -result.amount1 : -result.amount0;
  return { amountInRaw, amountOutRaw, sqrtPriceAfterX96: pool.slot0.sqrtPriceX96, ticksCrossed };
}
