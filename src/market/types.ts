/** Market-side types shared by the market model, the executors and the agent. */

export const REGIMES = ['low', 'mid', 'high', 'mean_revert', 'jumpy', 'trend_up', 'trend_down'] as const;
export type RegimeName = (typeof REGIMES)[number];

/** The pool a campaign trades on. token1 is the volatile asset (WETH), token0 the numeraire (USDC ≈ $1). */
export interface PoolSpec {
  chain: string;
  network: string;
  address: string;
  fee: number;
  tickSpacing: number;
  decimals0: number;
  decimals1: number;
  symbol0: string;
  symbol1: string;
}

/** One noise (uninformed) swap, identical in every strategy's pool copy (common random numbers). */
export interface NoiseTrade {
  /** Block index within the episode, 0-based. */
  block: number;
  zeroForOne: boolean;
  /** Exact input in the input token's base units. */
  amountIn: bigint;
  /** Its size in USD at the external price when drawn. */
  usd: number;
}

/** A just-in-time LP event: liquidity minted in one tick spacing around the price before a large swap and burned after it. */
export interface JitEvent {
  block: number;
  /** Index into the episode's trades of the swap it wraps. */
  tradeIndex: number;
  /** Liquidity to mint, as a multiple of the pool's active liquidity at that moment. */
  liquidityMultiple: number;
}

/** Everything exogenous that happens during one episode: the same for every strategy. */
export interface EpisodeMarket {
  regime: RegimeName;
  blocks: number;
  blockSeconds: number;
  /** External (CEX) price per block, as a raw pool price: token1 base units per token0 base unit. */
  externalRawPrice: Float64Array;
  /** The same as exact sqrt prices (Q64.96), for the arbitrageurs' price limits. */
  externalSqrtPriceX96: bigint[];
  /** Gas price per block (base + LP tip), gwei. */
  gasGwei: Float64Array;
  /** ETH price in USD per block (from the external price, since token1 is WETH and token0 is a dollar stablecoin). */
  ethUsd: Float64Array;
  /** Noise trades in block order. */
  trades: NoiseTrade[];
  jit: JitEvent[];
}
