/**
 * The `sim` executor: each strategy owns one copy of the pool (the exact engine) and one book of
 * positions and idle tokens that persist across its lane's episodes. Plans are carried out as an LP
 * would on chain — burn and collect what changes, swap toward the new range's token ratio through the
 * same pool (paying its fee and price impact), mint in order — and each step is charged gas in USD at
 * the block's gas price. The window then runs block by block with the market's arbitrageurs and noise
 * traders, identical for every strategy (common random numbers).
 */
import type { HoldingsView, PositionPlan, RangeSpec } from '../../agent/types.ts';
import { getAmountsForLiquidity, getLiquidityForAmounts } from '../../clmm/LiquidityAmounts.ts';
import { Pool } from '../../clmm/Pool.ts';
import { PoolRevertError } from '../../clmm/PoolRevertError.ts';
import { positionValue } from '../../clmm/positionValue.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../clmm/TickMath.ts';
import type { EpisodeMarket, PoolSpec } from '../../market/types.ts';
import type { ExecutionReport, Executor, WindowReport } from '../ExecutorPort.ts';
import { amountsToUsd } from './valuation.ts';
import { LN_TICK } from '../../clmm/price.ts';

/** Gas units per LP step (see MarketConfig's gas units for their sources). */
export interface LpGasUnits {
  /** decreaseLiquidity + collect + burn in one multicall. */
  exit: number;
  /** Mint of a new position. */
  mint: number;
  /** A swap's base cost and its cost per initialized tick crossed. */
  swapBase: number;
  swapPerTick: number;
}

/** The hot per-block step of the market, applied to one pool copy (market/applyBlock). */
export type BlockStepper = (pool: Pool, market: EpisodeMarket, block: number, tradeCursor: number, stats: { swaps: number }) => number;

export interface Book {
  name: string;
  /** null for strategies that never touch a pool (HODL). */
  pool: Pool | null;
  ranges: Array<RangeSpec & { liquidity: bigint }>;
  idle0: bigint;
  idle1: bigint;
}

export interface SimExecutorParams {
  spec: PoolSpec;
  gasUnits: LpGasUnits;
  stepBlock: BlockStepper;
}

const MAX_U128 = (1n << 128n) - 1n;

export class SimExecutor implements Executor {
  readonly kind = 'sim' as const;
  private readonly books = new Map<string, Book>();

  constructor(private readonly params: SimExecutorParams) {}

  addBook(book: Book): void {
    this.books.set(book.name, book);
  }

  book(name: string): Book {
    const book = this.books.get(name);
    if (book === undefined) throw new Error(`no book for strategy ${name}`);
    return book;
  }

  holdings(strategy: string, marks: { externalRawPrice: number; ethUsd: number }): HoldingsView {
    const book = this.book(strategy);
    const value = this.value(book, marks.ethUsd);
    return {
      ranges: book.ranges.map((r) => ({ ...r })),
      idle0: book.idle0,
      idle1: book.idle1,
      valueUsd: value.totalUsd,
      uncollectedFeesUsd: value.feesUsd,
    };
  }

  /** Value of a book: principal at the pool's price, uncollected fees and idle tokens, marked at ETH/USD. */
  value(book: Book, ethUsd: number): { totalUsd: number; feesUsd: number; principalUsd: number; fees0: bigint; fees1: bigint; principal0: bigint; principal1: bigint } {
    let principal0 = 0n;
    let principal1 = 0n;
    let fees0 = 0n;
    let fees1 = 0n;
    if (book.pool !== null) {
      for (const r of book.ranges) {
        const v = positionValue({ pool: book.pool, owner: book.name, tickLower: r.tickLower, tickUpper: r.tickUpper });
        principal0 += v.amount0;
        principal1 += v.amount1;
        fees0 += v.fees0;
        fees1 += v.fees1;
      }
    }
    const marks = { ethUsd };
    const principalUsd = amountsToUsd(this.params.spec, principal0, principal1, marks);
    const feesUsd = amountsToUsd(this.params.spec, fees0, fees1, marks);
    const idleUsd = amountsToUsd(this.params.spec, book.idle0, book.idle1, marks);
    return { totalUsd: principalUsd + feesUsd + idleUsd, feesUsd, principalUsd, fees0, fees1, principal0, principal1 };
  }

  applyPlan(strategy: string, plan: PositionPlan, market: EpisodeMarket): ExecutionReport {
    const book = this.book(strategy);
    const report: ExecutionReport = { steps: [], gasUnits: 0, gasUsd: 0, swapCostUsd: 0, collectedFees0: 0n, collectedFees1: 0n };
    const pool = book.pool;
    if (plan.keep || pool === null || sameRanges(book.ranges, plan.ranges)) return report;
    const units = this.params.gasUnits;
    const ethUsd = market.ethUsd[0]!;

    // close every current position: burn all liquidity and collect principal and fees
    for (const r of book.ranges) {
      const before = positionValue({ pool, owner: book.name, tickLower: r.tickLower, tickUpper: r.tickUpper });
      if (r.liquidity > 0n) pool.burn({ owner: book.name, tickLower: r.tickLower, tickUpper: r.tickUpper, amount: r.liquidity });
      const got = pool.collect({ owner: book.name, tickLower: r.tickLower, tickUpper: r.tickUpper, amount0Requested: MAX_U128, amount1Requested: MAX_U128 });
      book.idle0 += got.amount0;
      book.idle1 += got.amount1;
      report.collectedFees0 += before.fees0;
      report.collectedFees1 += before.fees1;
      report.steps.push('close');
      report.gasUnits += units.exit;
    }
    book.ranges = [];

    if (plan.ranges.length > 0 && plan.swapToRatio) {
      const swapped = this.swapToRatio(book, pool, plan.ranges[0]!, ethUsd);
      if (swapped !== null) {
        report.steps.push('swap');
        report.gasUnits += units.swapBase + units.swapPerTick * swapped.ticksCrossed;
        report.swapCostUsd += swapped.costUsd;
      }
    }

    for (const r of plan.ranges) {
      const minted = this.mintMax(book, pool, r);
      if (minted > 0n) {
        book.ranges.push({ tickLower: r.tickLower, tickUpper: r.tickUpper, liquidity: minted });
        report.steps.push('mint');
        report.gasUnits += units.mint;
      }
    }
    report.gasUsd = (report.gasUnits * market.gasGwei[0]! * 1e-9) * ethUsd;
    return report;
  }

  runWindow(strategy: string, market: EpisodeMarket): WindowReport {
    const book = this.book(strategy);
    const observedTicks = new Float64Array(market.blocks);
    const pool = book.pool;
    if (pool === null) {
      // a strategy without a pool still observes the market: the external price as a tick
      for (let b = 0; b < market.blocks; b++) observedTicks[b] = Math.log(market.externalRawPrice[b]!) / LN_TICK;
      return { observedTicks, blocksInRange: 0, lvrUsd: 0, swaps: 0 };
    }
    const first = book.ranges[0];
    const lower = first?.tickLower ?? 0;
    const upper = first?.tickUpper ?? 0;
    const step = this.params.stepBlock;
    const scale0 = 10 ** this.params.spec.decimals0;
    const scale1 = 10 ** this.params.spec.decimals1;
    // principal of every range as floats, for the loss-versus-rebalancing sum
    const liquidities = book.ranges.map((r) => Number(r.liquidity));
    const sqrtLowers = book.ranges.map((r) => sqrtRatioFloat(getSqrtRatioAtTick(r.tickLower)));
    const sqrtUppers = book.ranges.map((r) => sqrtRatioFloat(getSqrtRatioAtTick(r.tickUpper)));
    let prev = principalFloat(sqrtRatioFloat(pool.slot0.sqrtPriceX96), liquidities, sqrtLowers, sqrtUppers);
    let lvrUsd = 0;
    let inRange = 0;
    let cursor = 0;
    const stats = { swaps: 0 };
    for (let b = 0; b < market.blocks; b++) {
      cursor = step(pool, market, b, cursor, stats);
      const tick = pool.slot0.tick;
      observedTicks[b] = tick;
      if (first !== undefined && tick >= lower && tick < upper) inRange++;
      if (liquidities.length > 0) {
        const now = principalFloat(sqrtRatioFloat(pool.slot0.sqrtPriceX96), liquidities, sqrtLowers, sqrtUppers);
        const ethUsd = market.ethUsd[b]!;
        lvrUsd += (prev.x - now.x) / scale0 + ((prev.y - now.y) / scale1) * ethUsd;
        prev = now;
      }
    }
    return { observedTicks, blocksInRange: inRange, lvrUsd, swaps: stats.swaps };
  }

  /**
   * Swaps idle tokens toward the token ratio that the range needs at the current price, so the mint
   * leaves little idle. The amount is computed from float prices; the swap itself is exact.
   */
  private swapToRatio(book: Book, pool: Pool, range: RangeSpec, ethUsd: number): { costUsd: number; ticksCrossed: number } | null {
    const spec = this.params.spec;
    const sqrtP = pool.slot0.sqrtPriceX96;
    const unit = 10n ** 18n;
    // token amounts per unit of liquidity at the current price
    const perUnit = getAmountsForLiquidity({ sqrtPriceX96: sqrtP, sqrtPriceAX96: getSqrtRatioAtTick(range.tickLower), sqrtPriceBX96: getSqrtRatioAtTick(range.tickUpper), liquidity: unit });
    const a0 = Number(perUnit.amount0);
    const a1 = Number(perUnit.amount1);
    const usd0 = (x: number) => x / 10 ** spec.decimals0;
    const usd1 = (y: number) => (y / 10 ** spec.decimals1) * ethUsd;
    const wantShare0 = usd0(a0) / (usd0(a0) + usd1(a1)); // share of value the range wants in token0
    const have0 = usd0(Number(book.idle0));
    const have1 = usd1(Number(book.idle1));
    const total = have0 + have1;
    if (total <= 0 || !Number.isFinite(wantShare0)) return null;
    const excess0Usd = have0 - wantShare0 * total;
    // ignore dust: less than 0.1% of the book is not worth a swap
    if (Math.abs(excess0Usd) < total * 1e-3) return null;
    const zeroForOne = excess0Usd > 0;
    let amountIn = zeroForOne
      ? BigInt(Math.floor((excess0Usd * 10 ** spec.decimals0)))
      : BigInt(Math.floor((-excess0Usd / ethUsd) * 10 ** spec.decimals1));
    if (zeroForOne && amountIn > book.idle0) amountIn = book.idle0;
    if (!zeroForOne && amountIn > book.idle1) amountIn = book.idle1;
    if (amountIn <= 0n) return null;
    const tickBefore = pool.slot0.tick;
    let result;
    try {
      result = pool.swap({
        zeroForOne,
        amountSpecified: amountIn,
        sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n,
        payer: (d0, d1) => ({ paid0: d0 > 0n ? d0 : 0n, paid1: d1 > 0n ? d1 : 0n }),
      });
    } catch (error) {
      if (error instanceof PoolRevertError) return null;
      throw error;
    }
    book.idle0 -= result.amount0;
    book.idle1 -= result.amount1;
    const gaveUsd = amountsToUsd(spec, result.amount0 > 0n ? result.amount0 : 0n, result.amount1 > 0n ? result.amount1 : 0n, { ethUsd });
    const gotUsd = amountsToUsd(spec, result.amount0 < 0n ? -result.amount0 : 0n, result.amount1 < 0n ? -result.amount1 : 0n, { ethUsd });
    const tickAfter = pool.slot0.tick;
    const ticksCrossed = pool.initializedTicks().filter((t) => (t > Math.min(tickBefore, tickAfter) && t <= Math.max(tickBefore, tickAfter))).length;
    return { costUsd: gaveUsd - gotUsd, ticksCrossed };
  }

  /** Mints the most liquidity the idle tokens buy in the range; returns the liquidity minted. */
  private mintMax(book: Book, pool: Pool, range: RangeSpec): bigint {
    let liquidity = getLiquidityForAmounts({
      sqrtPriceX96: pool.slot0.sqrtPriceX96,
      sqrtPriceAX96: getSqrtRatioAtTick(range.tickLower),
      sqrtPriceBX96: getSqrtRatioAtTick(range.tickUpper),
      amount0: book.idle0,
      amount1: book.idle1,
    });
    // rounding up in the pool can ask for a wei more than liquidity-for-amounts assumed; shave and retry
    for (let attempt = 0; attempt < 4 && liquidity > 0n; attempt++) {
      try {
        const paid = pool.mint({
          recipient: book.name,
          tickLower: range.tickLower,
          tickUpper: range.tickUpper,
          amount: liquidity,
          payer: (owed0, owed1) => {
            if (owed0 > book.idle0 || owed1 > book.idle1) throw new PoolRevertError('M0', 'strategy cannot pay');
            return { paid0: owed0, paid1: owed1 };
          },
        });
        book.idle0 -= paid.amount0;
        book.idle1 -= paid.amount1;
        return liquidity;
      } catch (error) {
        if (!(error instanceof PoolRevertError)) throw error;
        liquidity -= liquidity / 1000n + 1n;
      }
    }
    return 0n;
  }
}

const Q96_FLOAT = 2 ** 96;

function sqrtRatioFloat(sqrtPriceX96: bigint): number {
  return Number(sqrtPriceX96) / Q96_FLOAT;
}

/** Token amounts of a set of ranges' liquidity at a sqrt price, as floats (for LVR, not settlement). */
function principalFloat(sqrtP: number, liquidities: number[], sqrtLowers: number[], sqrtUppers: number[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let i = 0; i < liquidities.length; i++) {
    const l = liquidities[i]!;
    const a = sqrtLowers[i]!;
    const b = sqrtUppers[i]!;
    const p = sqrtP < a ? a : sqrtP > b ? b : sqrtP;
    x += l * (1 / p - 1 / b);
    y += l * (p - a);
  }
  return { x, y };
}

function sameRanges(current: RangeSpec[], next: RangeSpec[]): boolean {
  return current.length === next.length && current.every((r, i) => r.tickLower === next[i]!.tickLower && r.tickUpper === next[i]!.tickUpper);
}
