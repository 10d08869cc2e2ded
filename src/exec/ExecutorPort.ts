/**
 * The one port between a strategy and a venue. The policy that runs in a simulated campaign is the
 * code that runs live: only the implementation behind this port changes (`sim` now; shadow, paper,
 * onchain and gateway later). One port instance is one wallet on one pool.
 *
 * The verbs are Hummingbot Gateway's CLMM routes (`pool-info`, `position-info`, `positions-owned`,
 * `quote-position`, `open-position`, `add-liquidity`, `remove-liquidity`, `collect-fees`,
 * `close-position`, `quote-swap`, `execute-swap`) plus the chain's balances, so the Gateway executor
 * is a thin mapping; `advance` lets the venue's time pass. Unlike Gateway's JSON floats, amounts here
 * are exact raw token units (`bigint`) and ticks, converted at the HTTP edge. Failures are
 * `ClmmLabError`s with `EXEC_*` codes, never message text.
 */

/** The on-chain footprint of one write: hash and block where a chain has them (null in sim), and its gas. */
export interface TxReceipt {
  txHash: string | null;
  block: number | null;
  gasUnits: number;
  gasPriceGwei: number;
  /** USD per whole native token (ETH) when the transaction ran: the mark its gas is priced at. */
  nativeUsd: number;
  gasUsd: number;
}

export interface PoolInfo {
  address: string;
  /** Fee in pips (500 = 0.05%). */
  fee: number;
  tickSpacing: number;
  decimals0: number;
  decimals1: number;
  sqrtPriceX96: bigint;
  tick: number;
  /** Active liquidity. */
  liquidity: bigint;
  /** The venue's block height now. */
  block: number;
}

export interface PositionInfo {
  /** The venue's id of the position (Gateway's `positionAddress`: the NFT token id on Uniswap). */
  positionId: string;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  /** Principal: what removing all liquidity now would return (rounded down, as a burn would). */
  amount0Raw: bigint;
  amount1Raw: bigint;
  /** Uncollected fees: credited to the position and accrued since its last update. */
  fees0Raw: bigint;
  fees1Raw: bigint;
}

/** The wallet's idle tokens (not in any position). */
export interface WalletBalances {
  amount0Raw: bigint;
  amount1Raw: bigint;
}

export interface QuotePositionParams {
  tickLower: number;
  tickUpper: number;
  /** The most of each token the position may take. */
  amount0MaxRaw: bigint;
  amount1MaxRaw: bigint;
}

/** The most liquidity the amounts buy in the range at the current price, and what minting it would take. */
export interface PositionQuote {
  liquidity: bigint;
  amount0Raw: bigint;
  amount1Raw: bigint;
}

export type OpenPositionParams = QuotePositionParams;

export interface OpenPositionResult {
  positionId: string;
  liquidity: bigint;
  /** Tokens the mint took from the wallet. */
  amount0Raw: bigint;
  amount1Raw: bigint;
  receipt: TxReceipt;
}

export interface AddLiquidityParams {
  positionId: string;
  amount0MaxRaw: bigint;
  amount1MaxRaw: bigint;
}

export interface LiquidityChange {
  /** Liquidity added or removed. */
  liquidity: bigint;
  /** Tokens taken from (add) or returned to (remove) the wallet. */
  amount0Raw: bigint;
  amount1Raw: bigint;
  receipt: TxReceipt;
}

export interface RemoveLiquidityParams {
  positionId: string;
  /** Liquidity to remove (exact, where Gateway takes a percentage); its principal returns to the wallet, fees stay owed. */
  liquidity: bigint;
}

export interface FeesCollected {
  fees0Raw: bigint;
  fees1Raw: bigint;
  receipt: TxReceipt;
}

export interface ClosedPosition {
  /** Principal returned to the wallet. */
  amount0Raw: bigint;
  amount1Raw: bigint;
  /** Fees collected with it. */
  fees0Raw: bigint;
  fees1Raw: bigint;
  receipt: TxReceipt;
}

export interface SwapParams {
  /** true: token0 in, token1 out. */
  zeroForOne: boolean;
  /** Exact input, raw units of the input token. */
  amountInRaw: bigint;
}

export interface SwapQuote {
  amountInRaw: bigint;
  amountOutRaw: bigint;
  sqrtPriceAfterX96: bigint;
  /** Initialized ticks the swap crosses (each costs gas). */
  ticksCrossed: number;
}

export interface SwapResult extends SwapQuote {
  receipt: TxReceipt;
}

export interface AdvanceUntil {
  /** Block height to stop at (exclusive: the blocks before it are run). */
  block: number;
}

/** What the wallet observed while the venue's time passed. */
export interface AdvanceReport {
  fromBlock: number;
  toBlock: number;
  /** Pool tick at the end of each block run (the external price as a tick where the wallet has no pool to watch). */
  observedTicks: Float64Array;
  /** Blocks during which each position (in `positionsOwned` order) was in range. */
  blocksInRange: number[];
  /** Loss-versus-rebalancing of the positions' principal over the blocks, USD (positive = loss). */
  lvrUsd: number;
  /** Swaps the market made in the wallet's pool over the blocks (arbitrage and noise). */
  swaps: number;
}

export interface ExecutorPort {
  poolInfo(): Promise<PoolInfo>;
  positionInfo(positionId: string): Promise<PositionInfo>;
  /** Open positions (liquidity > 0), in the order they were opened. */
  positionsOwned(): Promise<PositionInfo[]>;
  balances(): Promise<WalletBalances>;
  quotePosition(params: QuotePositionParams): Promise<PositionQuote>;
  openPosition(params: OpenPositionParams): Promise<OpenPositionResult>;
  addLiquidity(params: AddLiquidityParams): Promise<LiquidityChange>;
  removeLiquidity(params: RemoveLiquidityParams): Promise<LiquidityChange>;
  collectFees(positionId: string): Promise<FeesCollected>;
  /** Removes all liquidity, collects principal and fees, and forgets the position. */
  closePosition(positionId: string): Promise<ClosedPosition>;
  quoteSwap(params: SwapParams): Promise<SwapQuote>;
  executeSwap(params: SwapParams): Promise<SwapResult>;
  /** Lets the venue's time pass until `until` (sim: runs the market's blocks) and reports what was observed. */
  advance(until: AdvanceUntil): Promise<AdvanceReport>;
}
