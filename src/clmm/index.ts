/** The exact pool engine's public API (the package's `clmm-lab/clmm` export). */
export { Pool } from './Pool.ts';
export type { PoolParams, MintParams, BurnParams, CollectParams, SwapParams, CollectProtocolParams } from './Pool.ts';
export { PoolRevertError, NO_REASON } from './PoolRevertError.ts';
export { PoolArgumentError } from './PoolArgumentError.ts';
export type { Slot0, TickInfo, PositionInfo, ProtocolFees, Payer, TokenAmounts } from './types.ts';
export * as TickMath from './TickMath.ts';
export * as SqrtPriceMath from './SqrtPriceMath.ts';
export * as SwapMath from './SwapMath.ts';
export * as FullMath from './FullMath.ts';
export * as LiquidityMath from './LiquidityMath.ts';
export * as LiquidityAmounts from './LiquidityAmounts.ts';
export * as BitMath from './BitMath.ts';
export * as UnsafeMath from './UnsafeMath.ts';
export { positionValue } from './positionValue.ts';
export type { PositionValue, PositionValueParams } from './positionValue.ts';
export * from './price.ts';
export { FEE_TIER_TICK_SPACING } from './constants.ts';
