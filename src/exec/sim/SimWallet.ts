/**
 * One wallet of the sim venue behind the execution port: its idle tokens, its positions and (from its
 * first write) its own copy of the pool. Writes are exact pool calls paid from the idle tokens and
 * charged gas at the current block's gas price; `advance` runs the window's blocks on the copy. The
 * copy enters each new window of the lane (price sync, background recentring, pruning) at the
 * wallet's first call in that window.
 */
import type { Pool } from '../../clmm/Pool.ts';
import { LN_TICK } from '../../clmm/price.ts';
import { positionValue } from '../../clmm/positionValue.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { MarketWindow } from '../../market/LaneMarket.ts';
import type {
  AddLiquidityParams,
  AdvanceReport,
  AdvanceUntil,
  ClosedPosition,
  ExecutorPort,
  FeesCollected,
  LiquidityChange,
  OpenPositionParams,
  OpenPositionResult,
  PoolInfo,
  PositionInfo,
  PositionQuote,
  QuotePositionParams,
  RemoveLiquidityParams,
  SwapParams,
  SwapQuote,
  SwapResult,
  TxReceipt,
  WalletBalances,
} from '../ExecutorPort.ts';
import { gasCostUsd } from '../gasCost.ts';
import { enterWindow } from './enterWindow.ts';
import { exactInputSwap } from './exactInputSwap.ts';
import { liquidityFor, mintMax } from './mintMax.ts';
import { runBlocks } from './runBlocks.ts';
import type { SimVenue } from './SimVenue.ts';

const MAX_U128 = (1n << 128n) - 1n;

interface SimPosition {
  id: string;
  /** The position's owner in the pool: one per position, as an NFT would be. */
  owner: string;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
}

export class SimWallet implements ExecutorPort {
  private readonly venue: SimVenue;
  private readonly name: string;
  private idle0: bigint;
  private idle1: bigint;
  private readonly positions = new Map<string, SimPosition>();
  private nextId = 1;
  private pool: Pool | null = null;
  private window: MarketWindow | null = null;
  /** Blocks of the current window already run, and the market's first trade not yet applied. */
  private offset = 0;
  private tradeCursor = 0;

  constructor(params: { venue: SimVenue; name: string; amount0Raw: bigint; amount1Raw: bigint }) {
    this.venue = params.venue;
    this.name = params.name;
    this.idle0 = params.amount0Raw;
    this.idle1 = params.amount1Raw;
  }

  async poolInfo(): Promise<PoolInfo> {
    const w = this.now();
    const pool = this.pool ?? this.venue.templateNow();
    const spec = this.venue.config.pool;
    return {
      address: spec.address,
      fee: spec.fee,
      tickSpacing: spec.tickSpacing,
      decimals0: spec.decimals0,
      decimals1: spec.decimals1,
      sqrtPriceX96: pool.slot0.sqrtPriceX96,
      tick: pool.slot0.tick,
      liquidity: pool.liquidity,
      block: w.startBlock + this.offset,
    };
  }

  async positionInfo(positionId: string): Promise<PositionInfo> {
    this.now();
    return this.info(this.position(positionId));
  }

  async positionsOwned(): Promise<PositionInfo[]> {
    this.now();
    const out: PositionInfo[] = [];
    for (const p of this.positions.values()) if (p.liquidity > 0n) out.push(this.info(p));
    return out;
  }

  async balances(): Promise<WalletBalances> {
    return { amount0Raw: this.idle0, amount1Raw: this.idle1 };
  }

  async quotePosition(params: QuotePositionParams): Promise<PositionQuote> {
    this.now();
    const pool = this.pool ?? this.venue.templateNow();
    const liquidity = liquidityFor(pool, params);
    if (liquidity <= 0n) return { liquidity: 0n, amount0Raw: 0n, amount1Raw: 0n };
    // what minting it owes, rounded up as the pool rounds it: a mint on a throwaway copy
    const owed = pool.clone().mint({ recipient: 'quote:', tickLower: params.tickLower, tickUpper: params.tickUpper, amount: liquidity });
    return { liquidity, amount0Raw: owed.amount0, amount1Raw: owed.amount1 };
  }

  async openPosition(params: OpenPositionParams): Promise<OpenPositionResult> {
    this.spendable(params.amount0MaxRaw, params.amount1MaxRaw);
    const pool = this.writablePool();
    const id = String(this.nextId++);
    const owner = `${this.name}#${id}`;
    const minted = this.paid(mintMax({ pool, owner, tickLower: params.tickLower, tickUpper: params.tickUpper, amount0MaxRaw: params.amount0MaxRaw, amount1MaxRaw: params.amount1MaxRaw }));
    this.positions.set(id, { id, owner, tickLower: params.tickLower, tickUpper: params.tickUpper, liquidity: minted.liquidity });
    return { positionId: id, ...minted, receipt: this.receipt(this.venue.config.gasUnits.mint) };
  }

  async addLiquidity(params: AddLiquidityParams): Promise<LiquidityChange> {
    const position = this.position(params.positionId);
    this.spendable(params.amount0MaxRaw, params.amount1MaxRaw);
    const pool = this.writablePool();
    const minted = this.paid(mintMax({ pool, owner: position.owner, tickLower: position.tickLower, tickUpper: position.tickUpper, amount0MaxRaw: params.amount0MaxRaw, amount1MaxRaw: params.amount1MaxRaw }));
    position.liquidity += minted.liquidity;
    return { ...minted, receipt: this.receipt(this.venue.config.gasUnits.increase) };
  }

  async removeLiquidity(params: RemoveLiquidityParams): Promise<LiquidityChange> {
    const position = this.position(params.positionId);
    if (params.liquidity <= 0n || params.liquidity > position.liquidity) {
      throw new ClmmLabError('EXEC_INSUFFICIENT_BALANCE', `removeLiquidity: liquidity ${params.liquidity} is not in (0, ${position.liquidity}] of position ${position.id}`, { details: { field: 'liquidity', positionId: position.id } });
    }
    const pool = this.writablePool();
    const { tickLower, tickUpper, owner } = position;
    const burned = pool.burn({ owner, tickLower, tickUpper, amount: params.liquidity });
    const got = pool.collect({ owner, tickLower, tickUpper, amount0Requested: burned.amount0, amount1Requested: burned.amount1 });
    this.idle0 += got.amount0;
    this.idle1 += got.amount1;
    position.liquidity -= params.liquidity;
    const units = this.venue.config.gasUnits;
    return { liquidity: params.liquidity, amount0Raw: got.amount0, amount1Raw: got.amount1, receipt: this.receipt(units.decrease + units.collect) };
  }

  async collectFees(positionId: string): Promise<FeesCollected> {
    const position = this.position(positionId);
    const pool = this.writablePool();
    const { tickLower, tickUpper, owner } = position;
    // a zero burn credits the fees accrued since the position's last update (the periphery's poke)
    if (position.liquidity > 0n) pool.burn({ owner, tickLower, tickUpper, amount: 0n });
    const got = pool.collect({ owner, tickLower, tickUpper, amount0Requested: MAX_U128, amount1Requested: MAX_U128 });
    this.idle0 += got.amount0;
    this.idle1 += got.amount1;
    return { fees0Raw: got.amount0, fees1Raw: got.amount1, receipt: this.receipt(this.venue.config.gasUnits.collect) };
  }

  async closePosition(positionId: string): Promise<ClosedPosition> {
    const position = this.position(positionId);
    const pool = this.writablePool();
    const { tickLower, tickUpper, owner } = position;
    const burned = position.liquidity > 0n ? pool.burn({ owner, tickLower, tickUpper, amount: position.liquidity }) : { amount0: 0n, amount1: 0n };
    const got = pool.collect({ owner, tickLower, tickUpper, amount0Requested: MAX_U128, amount1Requested: MAX_U128 });
    this.idle0 += got.amount0;
    this.idle1 += got.amount1;
    this.positions.delete(position.id);
    return { amount0Raw: burned.amount0, amount1Raw: burned.amount1, fees0Raw: got.amount0 - burned.amount0, fees1Raw: got.amount1 - burned.amount1, receipt: this.receipt(this.venue.config.gasUnits.exit) };
  }

  async quoteSwap(params: SwapParams): Promise<SwapQuote> {
    this.now();
    const probe = (this.pool ?? this.venue.templateNow()).clone();
    return exactInputSwap(probe, params);
  }

  async executeSwap(params: SwapParams): Promise<SwapResult> {
    const have = params.zeroForOne ? this.idle0 : this.idle1;
    if (params.amountInRaw <= 0n || params.amountInRaw > have) {
      throw new ClmmLabError('EXEC_INSUFFICIENT_BALANCE', `executeSwap: amountInRaw ${params.amountInRaw} is not in (0, ${have}] (the wallet's token${params.zeroForOne ? 0 : 1})`, { details: { field: 'amountInRaw', have: have.toString() } });
    }
    const pool = this.writablePool();
    const quote = exactInputSwap(pool, params);
    if (params.zeroForOne) {
      this.idle0 -= quote.amountInRaw;
      this.idle1 += quote.amountOutRaw;
    } else {
      this.idle1 -= quote.amountInRaw;
      this.idle0 += quote.amountOutRaw;
    }
    const units = this.venue.config.gasUnits;
    return { ...quote, receipt: this.receipt(units.swapBase + units.swapPerTick * quote.ticksCrossed) };
  }

  async advance(until: AdvanceUntil): Promise<AdvanceReport> {
    const w = this.now();
    const market = w.market;
    const from = this.offset;
    const to = until.block - w.startBlock;
    if (to < from || to > market.blocks) {
      throw new ClmmLabError('EXEC_BAD_ADVANCE', `advance: block ${until.block} is outside [${w.startBlock + from}, ${w.startBlock + market.blocks}] (the sim venue sees the open window only)`, { details: { block: until.block } });
    }
    this.offset = to;
    const open = [...this.positions.values()].filter((p) => p.liquidity > 0n);
    const fromBlock = w.startBlock + from;
    if (this.pool === null) {
      // nothing to run: a wallet without a pool copy still observes the market's external price
      const observedTicks = new Float64Array(to - from);
      for (let b = from; b < to; b++) observedTicks[b - from] = Math.log(market.externalRawPrice[b]!) / LN_TICK;
      return { fromBlock, toBlock: w.startBlock + to, observedTicks, blocksInRange: open.map(() => 0), lvrUsd: 0, swaps: 0 };
    }
    const r = runBlocks({ pool: this.pool, market, config: this.venue.config, from, to, tradeCursor: this.tradeCursor, ranges: open });
    this.tradeCursor = r.tradeCursor;
    return { fromBlock, toBlock: w.startBlock + to, observedTicks: r.observedTicks, blocksInRange: r.blocksInRange, lvrUsd: r.lvrUsd, swaps: r.swaps };
  }

  /** The window open now; a wallet's copy enters each new window at the wallet's first call in it. */
  private now(): MarketWindow {
    const w = this.venue.currentWindow();
    if (this.window !== w) {
      this.window = w;
      this.offset = 0;
      this.tradeCursor = 0;
      if (this.pool !== null) enterWindow({ pool: this.pool, market: w.market, config: this.venue.config });
    }
    return w;
  }

  /** The wallet's own pool copy, made from the venue's template at its first write. */
  private writablePool(): Pool {
    this.now();
    if (this.pool === null) this.pool = this.venue.templateNow().clone();
    return this.pool;
  }

  private position(positionId: string): SimPosition {
    const p = this.positions.get(positionId);
    if (p === undefined) throw new ClmmLabError('EXEC_UNKNOWN_POSITION', `positionId ${JSON.stringify(positionId)}: wallet ${this.name} owns no such position (closed, or never opened)`, { details: { field: 'positionId', positionId } });
    return p;
  }

  private info(p: SimPosition): PositionInfo {
    // a wallet owns positions only after a write, so it has its own copy by then
    const v = positionValue({ pool: this.pool ?? this.venue.templateNow(), owner: p.owner, tickLower: p.tickLower, tickUpper: p.tickUpper });
    return { positionId: p.id, tickLower: p.tickLower, tickUpper: p.tickUpper, liquidity: p.liquidity, amount0Raw: v.amount0, amount1Raw: v.amount1, fees0Raw: v.fees0, fees1Raw: v.fees1 };
  }

  private spendable(amount0: bigint, amount1: bigint): void {
    if (amount0 < 0n || amount1 < 0n || amount0 > this.idle0 || amount1 > this.idle1) {
      throw new ClmmLabError('EXEC_INSUFFICIENT_BALANCE', `amounts ${amount0} / ${amount1} exceed the wallet's idle ${this.idle0} / ${this.idle1} (or are negative)`, { details: { field: 'amount0MaxRaw/amount1MaxRaw' } });
    }
  }

  /** Takes what a mint paid from the idle tokens. */
  private paid<T extends { amount0Raw: bigint; amount1Raw: bigint }>(minted: T): T {
    this.idle0 -= minted.amount0Raw;
    this.idle1 -= minted.amount1Raw;
    return minted;
  }

  /** Gas of one write at the current block's gas price and ETH/USD. */
  private receipt(gasUnits: number): TxReceipt {
    const market = this.now().market;
    const b = Math.min(this.offset, market.blocks - 1);
    const gasPriceGwei = market.gasGwei[b]!;
    const nativeUsd = market.ethUsd[b]!;
    return { txHash: null, block: null, gasUnits, gasPriceGwei, nativeUsd, gasUsd: gasCostUsd({ gasUnits, gasPriceGwei, nativeUsd }) };
  }
}
