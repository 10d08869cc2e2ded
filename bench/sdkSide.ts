/**
 * The workload through @uniswap/v3-sdk, used as documented: an immutable `Pool` carried forward by
 * `pool.getOutputAmount(CurrencyAmount, sqrtPriceLimitX96)` → [amountOut, nextPool]. The SDK has
 * no mint or burn, so the caller keeps the tick map (liquidityGross / liquidityNet) and, on every
 * mint or burn, rebuilds the sorted tick list and a new Pool around it; that rebuild is timed as
 * part of the SDK side, since an SDK-based simulator has to pay it.
 */
import { CurrencyAmount, Token } from '@uniswap/sdk-core';
import { Pool, Tick, TickListDataProvider, TickMath, type TickDataProvider } from '@uniswap/v3-sdk';
import { JSBI } from './jsbi.ts';
import type { LiquidityOp, Op, Workload } from './workload.ts';

export const USDC = new Token(1, '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 6, 'USDC', 'USD Coin');
export const WETH = new Token(1, '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 18, 'WETH', 'Wrapped Ether');

const LIMIT_ZERO_FOR_ONE = JSBI.add(TickMath.MIN_SQRT_RATIO, JSBI.BigInt(1));
const LIMIT_ONE_FOR_ZERO = JSBI.subtract(TickMath.MAX_SQRT_RATIO, JSBI.BigInt(1));

interface TickEntry {
  gross: JSBI;
  net: JSBI;
}

type TickBook = Map<number, TickEntry>;

export interface SdkPrepared {
  fee: number;
  /** The pool after the setup mints. */
  pool: Pool;
  ticks: TickBook;
  /** Per op, the pre-built input amount (null for mint/burn ops), so timing excludes building inputs. */
  inputs: Array<CurrencyAmount<Token> | null>;
}

export interface SdkRun {
  seconds: number;
  /** Part of `seconds` spent on mint/burn: tick-book update, tick-list and Pool rebuild. */
  rebuildSeconds: number;
  /** Amount out of each swap, in op order. */
  outs: JSBI[];
  pool: Pool;
  ticks: TickBook;
}

function applyToBook(ticks: TickBook, op: LiquidityOp): void {
  const delta = op.kind === 'mint' ? JSBI.BigInt(op.liquidity.toString()) : JSBI.unaryMinus(JSBI.BigInt(op.liquidity.toString()));
  for (const [index, net] of [
    [op.tickLower, delta],
    [op.tickUpper, JSBI.unaryMinus(delta)],
  ] as const) {
    const entry = ticks.get(index);
    const gross = entry === undefined ? delta : JSBI.add(entry.gross, delta);
    if (JSBI.equal(gross, JSBI.BigInt(0))) ticks.delete(index);
    else ticks.set(index, { gross, net: entry === undefined ? net : JSBI.add(entry.net, net) });
  }
}

/** The sorted tick list the SDK's TickListDataProvider wants. */
function tickList(ticks: TickBook): Tick[] {
  const indices = [...ticks.keys()].sort((a, b) => a - b);
  return indices.map((index) => {
    const e = ticks.get(index)!;
    return new Tick({ index, liquidityGross: e.gross, liquidityNet: e.net });
  });
}

/** Applies a mint or burn: updates the tick book and the in-range liquidity, then rebuilds the Pool. */
function rebuild(pool: Pool, ticks: TickBook, op: LiquidityOp): Pool {
  applyToBook(ticks, op);
  let liquidity = pool.liquidity;
  if (pool.tickCurrent >= op.tickLower && pool.tickCurrent < op.tickUpper) {
    const l = JSBI.BigInt(op.liquidity.toString());
    liquidity = op.kind === 'mint' ? JSBI.add(liquidity, l) : JSBI.subtract(liquidity, l);
  }
  return new Pool(pool.token0, pool.token1, pool.fee, pool.sqrtRatioX96, liquidity, pool.tickCurrent, tickList(ticks));
}

/** Untimed: the pool after the setup mints, and the swap inputs as CurrencyAmounts. */
export function prepareSdk(w: Workload): SdkPrepared {
  const sqrt = JSBI.BigInt(w.initialSqrtPriceX96.toString());
  const tick = TickMath.getTickAtSqrtRatio(sqrt);
  const ticks: TickBook = new Map();
  let pool = new Pool(USDC, WETH, w.fee, sqrt, JSBI.BigInt(0), tick, []);
  for (const op of w.setup) pool = rebuild(pool, ticks, op);
  const inputs = w.ops.map((op) => (op.kind === 'swap' ? CurrencyAmount.fromRawAmount(op.zeroForOne ? USDC : WETH, op.amountIn.toString()) : null));
  return { fee: w.fee, pool, ticks, inputs };
}

/** Timed: replays the ops from the prepared state (which is left untouched). */
export async function runSdk(prep: SdkPrepared, ops: readonly Op[]): Promise<SdkRun> {
  const ticks: TickBook = new Map(prep.ticks);
  const outs: JSBI[] = [];
  let pool = prep.pool;
  let rebuildMs = 0;
  const started = performance.now();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'swap') {
      const [out, next] = await pool.getOutputAmount(prep.inputs[i]!, op.zeroForOne ? LIMIT_ZERO_FOR_ONE : LIMIT_ONE_FOR_ZERO);
      outs.push(out.quotient);
      pool = next;
    } else {
      const t = performance.now();
      pool = rebuild(pool, ticks, op);
      rebuildMs += performance.now() - t;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rebuildSeconds: rebuildMs / 1000, outs, pool, ticks };
}

/** Counts the swap loop's calls into the tick data: one `nextInitializedTickWithinOneWord` per step, one `getTick` per crossing. */
class CountingProvider implements TickDataProvider {
  steps = 0;
  crossings = 0;
  constructor(private readonly inner: TickListDataProvider) {}
  getTick(tick: number) {
    this.crossings++;
    return this.inner.getTick(tick);
  }
  nextInitializedTickWithinOneWord(tick: number, lte: boolean, tickSpacing: number) {
    this.steps++;
    return this.inner.nextInitializedTickWithinOneWord(tick, lte, tickSpacing);
  }
}

/**
 * Untimed check of the workload statistics: replays the ops through the SDK with a counting tick
 * provider and returns the observed swap-loop steps and tick crossings.
 */
export async function countSdkSteps(prep: SdkPrepared, ops: readonly Op[]): Promise<{ steps: number; crossings: number }> {
  const ticks: TickBook = new Map(prep.ticks);
  let steps = 0;
  let crossings = 0;
  let pool = prep.pool;
  let counting = new CountingProvider(new TickListDataProvider(tickList(ticks), pool.tickSpacing));
  const withProvider = (p: Pool): Pool => new Pool(p.token0, p.token1, p.fee, p.sqrtRatioX96, p.liquidity, p.tickCurrent, counting);
  pool = withProvider(pool);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'swap') {
      pool = (await pool.getOutputAmount(prep.inputs[i]!, op.zeroForOne ? LIMIT_ZERO_FOR_ONE : LIMIT_ONE_FOR_ZERO))[1];
    } else {
      const rebuilt = rebuild(pool, ticks, op);
      steps += counting.steps;
      crossings += counting.crossings;
      counting = new CountingProvider(new TickListDataProvider(tickList(ticks), pool.tickSpacing));
      pool = withProvider(rebuilt);
    }
  }
  return { steps: steps + counting.steps, crossings: crossings + counting.crossings };
}

/** The SDK-side state in plain bigints, for comparison with the engine. */
export function sdkState(run: SdkRun): { sqrtPriceX96: bigint; tick: number; liquidity: bigint; ticks: Map<number, { gross: bigint; net: bigint }> } {
  const ticks = new Map<number, { gross: bigint; net: bigint }>();
  for (const [index, e] of run.ticks) ticks.set(index, { gross: BigInt(e.gross.toString()), net: BigInt(e.net.toString()) });
  return { sqrtPriceX96: BigInt(run.pool.sqrtRatioX96.toString()), tick: run.pool.tickCurrent, liquidity: BigInt(run.pool.liquidity.toString()), ticks };
}
