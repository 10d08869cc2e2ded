/**
 * Replays a recorded pool event log through a pool engine and reports the first event the engine
 * does not reproduce bit-exactly. Written against a structural interface rather than the engine's
 * class so the replay logic can be read (and reused) independently of the engine.
 */
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../src/clmm/TickMath.ts';
import type { GenesisEvent, SwapEvent } from './genesisEvents.ts';

/** The part of the engine's Pool API the replay needs. */
export interface ReplayPool {
  slot0: { sqrtPriceX96: bigint; tick: number };
  liquidity: bigint;
  initialize(sqrtPriceX96: bigint): void;
  mint(p: { recipient: string; tickLower: number; tickUpper: number; amount: bigint }): { amount0: bigint; amount1: bigint };
  burn(p: { owner: string; tickLower: number; tickUpper: number; amount: bigint }): { amount0: bigint; amount1: bigint };
  collect(p: { owner: string; tickLower: number; tickUpper: number; amount0Requested: bigint; amount1Requested: bigint }): { amount0: bigint; amount1: bigint };
  swap(p: { zeroForOne: boolean; amountSpecified: bigint; sqrtPriceLimitX96: bigint }): { amount0: bigint; amount1: bigint };
  clone(): ReplayPool;
}

/** The on-chain fields of a Swap event that a replay must reproduce. */
export interface SwapState {
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
}

export type SwapMode = 'exactInput' | 'exactOutput';

/** A recorded swap's direction and the two ways it could have been specified. */
export interface SwapPlan {
  zeroForOne: boolean;
  /** The positive pool delta (what the swapper paid in, fee included). */
  exactInput: bigint;
  /** The negative pool delta (what the swapper received), as a negative amountSpecified. */
  exactOutput: bigint;
}

/** The v3 "no limit" price bounds a router passes when the caller sets none. */
export const NO_LIMIT_ZERO_FOR_ONE = MIN_SQRT_RATIO + 1n;
export const NO_LIMIT_ONE_FOR_ZERO = MAX_SQRT_RATIO - 1n;

/** Mismatch in replay; `line` points at the offending row of the event file. */
export class ReplayMismatch extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ReplayMismatch';
  }
}

/** Direction from the signs of the pool deltas: the token flowing in (positive delta) is the input. */
export function planSwap(e: SwapEvent): SwapPlan {
  if (e.amount0 > 0n && e.amount1 <= 0n) return { zeroForOne: true, exactInput: e.amount0, exactOutput: e.amount1 };
  if (e.amount1 > 0n && e.amount0 <= 0n) return { zeroForOne: false, exactInput: e.amount1, exactOutput: e.amount0 };
  throw new ReplayMismatch(e.line, `cannot tell the swap direction from amount0=${e.amount0}, amount1=${e.amount1} (expected exactly one positive delta)`);
}

function stateAfterSwap(pool: ReplayPool, delta: { amount0: bigint; amount1: bigint }): SwapState {
  return { amount0: delta.amount0, amount1: delta.amount1, sqrtPriceX96: pool.slot0.sqrtPriceX96, tick: pool.slot0.tick, liquidity: pool.liquidity };
}

function recordedState(e: SwapEvent): SwapState {
  return { amount0: e.amount0, amount1: e.amount1, sqrtPriceX96: e.sqrtPriceX96, tick: e.tick, liquidity: e.liquidity };
}

function sameState(a: SwapState, b: SwapState): boolean {
  return a.amount0 === b.amount0 && a.amount1 === b.amount1 && a.sqrtPriceX96 === b.sqrtPriceX96 && a.tick === b.tick && a.liquidity === b.liquidity;
}

function show(s: SwapState | Error): string {
  if (s instanceof Error) return `threw ${s.message}`;
  return `amount0=${s.amount0} amount1=${s.amount1} sqrtPriceX96=${s.sqrtPriceX96} tick=${s.tick} liquidity=${s.liquidity}`;
}

/** Runs one swap on a copy of the pool; returns the copy and its outcome, or the error it threw. */
function trySwap(pool: ReplayPool, zeroForOne: boolean, amountSpecified: bigint): { pool: ReplayPool; outcome: SwapState } | Error {
  const trial = pool.clone();
  try {
    const delta = trial.swap({ zeroForOne, amountSpecified, sqrtPriceLimitX96: zeroForOne ? NO_LIMIT_ZERO_FOR_ONE : NO_LIMIT_ONE_FOR_ZERO });
    return { pool: trial, outcome: stateAfterSwap(trial, delta) };
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Replays a recorded swap: first as exact input of the positive delta, and only if that does not
 * reproduce every on-chain field, as exact output of the negative delta (README §4: the genesis log
 * has both kinds). Returns the pool after the reproducing swap and which mode reproduced it.
 */
export function replaySwap(pool: ReplayPool, e: SwapEvent): { pool: ReplayPool; mode: SwapMode } {
  const plan = planSwap(e);
  const want = recordedState(e);
  const asInput = trySwap(pool, plan.zeroForOne, plan.exactInput);
  if (!(asInput instanceof Error) && sameState(asInput.outcome, want)) return { pool: asInput.pool, mode: 'exactInput' };
  const asOutput = trySwap(pool, plan.zeroForOne, plan.exactOutput);
  if (!(asOutput instanceof Error) && sameState(asOutput.outcome, want)) return { pool: asOutput.pool, mode: 'exactOutput' };
  throw new ReplayMismatch(
    e.line,
    `swap (block ${e.blockNumber}, log ${e.logIndex}, ${plan.zeroForOne ? 'zeroForOne' : 'oneForZero'}) not reproduced from ` +
      `sqrtPriceX96=${pool.slot0.sqrtPriceX96} tick=${pool.slot0.tick} liquidity=${pool.liquidity}\n` +
      `  recorded:                    ${show(want)}\n` +
      `  exact input ${plan.exactInput}: ${show(asInput instanceof Error ? asInput : asInput.outcome)}\n` +
      `  exact output ${plan.exactOutput}: ${show(asOutput instanceof Error ? asOutput : asOutput.outcome)}`,
  );
}

export interface ReplayReport {
  /** Events applied, by kind. */
  applied: Record<GenesisEvent['kind'], number>;
  /** Which specification reproduced each swap, in file order. */
  swapModes: SwapMode[];
  /** The pool after the last event. */
  pool: ReplayPool;
}

function expectAmounts(line: number, what: string, got: { amount0: bigint; amount1: bigint }, want: { amount0: bigint; amount1: bigint }): void {
  if (got.amount0 !== want.amount0 || got.amount1 !== want.amount1) {
    throw new ReplayMismatch(line, `${what}: engine amount0=${got.amount0} amount1=${got.amount1}, recorded amount0=${want.amount0} amount1=${want.amount1}`);
  }
}

/**
 * Applies every event in order to `pool` (fresh, uninitialized) and checks each against the
 * record; throws ReplayMismatch at the first event the engine does not reproduce.
 */
export function replayEvents(fresh: ReplayPool, events: readonly GenesisEvent[]): ReplayReport {
  let pool = fresh;
  const applied = { INITIALIZE: 0, MINT: 0, BURN: 0, COLLECT: 0, SWAP: 0 };
  const swapModes: SwapMode[] = [];
  for (const e of events) {
    const range = e.kind === 'INITIALIZE' || e.kind === 'SWAP' ? undefined : `[${e.tickLower}, ${e.tickUpper})`;
    switch (e.kind) {
      case 'INITIALIZE':
        if (applied.INITIALIZE > 0) throw new ReplayMismatch(e.line, 'second INITIALIZE');
        pool.initialize(e.sqrtPriceX96);
        if (pool.slot0.tick !== e.tick) throw new ReplayMismatch(e.line, `initialize: engine tick ${pool.slot0.tick}, recorded ${e.tick}`);
        break;
      case 'MINT':
        expectAmounts(e.line, `mint ${e.liquidity} in ${range}`, pool.mint({ recipient: e.owner, tickLower: e.tickLower, tickUpper: e.tickUpper, amount: e.liquidity }), e);
        break;
      case 'BURN':
        expectAmounts(e.line, `burn ${e.liquidity} in ${range}`, pool.burn({ owner: e.owner, tickLower: e.tickLower, tickUpper: e.tickUpper, amount: e.liquidity }), e);
        break;
      case 'COLLECT':
        expectAmounts(
          e.line,
          `collect in ${range}`,
          pool.collect({ owner: e.owner, tickLower: e.tickLower, tickUpper: e.tickUpper, amount0Requested: e.amount0, amount1Requested: e.amount1 }),
          e,
        );
        break;
      case 'SWAP': {
        const r = replaySwap(pool, e);
        pool = r.pool;
        swapModes.push(r.mode);
        break;
      }
    }
    applied[e.kind]++;
  }
  return { applied, swapModes, pool };
}
