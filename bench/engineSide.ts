/** The workload through our engine (src/clmm/Pool.ts): mutable pool, native bigints. */
import { Pool } from '../src/clmm/Pool.ts';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../src/clmm/TickMath.ts';
import type { Op, Workload } from './workload.ts';

const LIMIT_ZERO_FOR_ONE = MIN_SQRT_RATIO + 1n;
const LIMIT_ONE_FOR_ZERO = MAX_SQRT_RATIO - 1n;

export interface EngineRun {
  seconds: number;
  /** Part of `seconds` spent on mint/burn. */
  mintBurnSeconds: number;
  /** Amount out of each swap, in op order. */
  outs: bigint[];
  /** Swaps whose input was not fully consumed (must be 0: no price limits, always some liquidity). */
  partialFills: number;
  pool: Pool;
}

/** Untimed: the pool after the setup mints. */
export function prepareEngine(w: Workload): Pool {
  const pool = new Pool({ fee: w.fee, tickSpacing: w.tickSpacing });
  pool.initialize(w.initialSqrtPriceX96);
  for (const op of w.setup) pool.mint({ recipient: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.liquidity });
  return pool;
}

/** Timed: replays the ops on a copy of the prepared pool (the copy is made before the clock starts). */
export function runEngine(prepared: Pool, ops: readonly Op[]): EngineRun {
  const pool = prepared.clone();
  const outs: bigint[] = [];
  let partialFills = 0;
  let mintBurnMs = 0;
  const started = performance.now();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'swap') {
      const zeroForOne = op.zeroForOne;
      const r = pool.swap({ zeroForOne, amountSpecified: op.amountIn, sqrtPriceLimitX96: zeroForOne ? LIMIT_ZERO_FOR_ONE : LIMIT_ONE_FOR_ZERO });
      if ((zeroForOne ? r.amount0 : r.amount1) !== op.amountIn) partialFills++;
      outs.push(zeroForOne ? -r.amount1 : -r.amount0);
    } else {
      const t = performance.now();
      if (op.kind === 'mint') pool.mint({ recipient: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.liquidity });
      else pool.burn({ owner: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.liquidity });
      mintBurnMs += performance.now() - t;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, mintBurnSeconds: mintBurnMs / 1000, outs, partialFills, pool };
}

/** The engine's state in the shape the comparison uses. */
export function engineState(pool: Pool): { sqrtPriceX96: bigint; tick: number; liquidity: bigint; ticks: Map<number, { gross: bigint; net: bigint }> } {
  const ticks = new Map<number, { gross: bigint; net: bigint }>();
  for (const index of pool.initializedTicks()) {
    const info = pool.getTick(index);
    ticks.set(index, { gross: info.liquidityGross, net: info.liquidityNet });
  }
  return { sqrtPriceX96: pool.slot0.sqrtPriceX96, tick: pool.slot0.tick, liquidity: pool.liquidity, ticks };
}
