/** Pool state types shared by the engine's modules. Field names follow UniswapV3Pool.sol. */

export interface Slot0 {
  /** The current price, as a sqrt(token1/token0) Q64.96 value. */
  sqrtPriceX96: bigint;
  /** The current tick; may differ from getTickAtSqrtRatio(sqrtPriceX96) only at a tick boundary as in the contract. */
  tick: number;
  /** Protocol fee as a fraction 1/x of the swap fee: low 4 bits token0, high 4 bits token1. */
  feeProtocol: number;
  /** False before initialize and while a pool call is in progress (reentrancy lock). */
  unlocked: boolean;
}

/** Tick.Info without the oracle's time-dependent fields. */
export interface TickInfo {
  liquidityGross: bigint;
  liquidityNet: bigint;
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
  initialized: boolean;
}

/** Position.Info. */
export interface PositionInfo {
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

export interface ProtocolFees {
  token0: bigint;
  token1: bigint;
}

/**
 * A mint or swap callback: told the signed amounts the pool is owed (positive = owed to the pool,
 * as in uniswapV3MintCallback / uniswapV3SwapCallback), it returns what it actually pays in.
 * Paying less than owed makes the pool revert with M0 / M1 (mint) or IIA (swap), as the contract does.
 */
export type Payer = (amount0Delta: bigint, amount1Delta: bigint) => { paid0: bigint; paid1: bigint };

export interface TokenAmounts {
  amount0: bigint;
  amount1: bigint;
}
