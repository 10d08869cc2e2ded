/**
 * A pool's observable state, read the same way from the EVM (through PoolLens) and from the engine,
 * and the field-by-field difference of two such snapshots.
 */
import type { PositionInfo, TickInfo } from '../../src/clmm/types.ts';
import type { Pool } from '../../src/clmm/Pool.ts';

export interface PositionKey {
  owner: string;
  tickLower: number;
  tickUpper: number;
}

export interface PoolSnapshot {
  sqrtPriceX96: bigint;
  tick: number;
  feeProtocol: number;
  unlocked: boolean;
  liquidity: bigint;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  protocolFees0: bigint;
  protocolFees1: bigint;
  balance0: bigint;
  balance1: bigint;
  /** In the order of the tick ids asked for. */
  ticks: TickInfo[];
  /** In the order of the position keys asked for. */
  positions: PositionInfo[];
}

const TICK_FIELDS = ['liquidityGross', 'liquidityNet', 'feeGrowthOutside0X128', 'feeGrowthOutside1X128', 'initialized'] as const;
const POSITION_FIELDS = ['liquidity', 'feeGrowthInside0LastX128', 'feeGrowthInside1LastX128', 'tokensOwed0', 'tokensOwed1'] as const;
const POOL_FIELDS = [
  'sqrtPriceX96',
  'tick',
  'feeProtocol',
  'unlocked',
  'liquidity',
  'feeGrowthGlobal0X128',
  'feeGrowthGlobal1X128',
  'protocolFees0',
  'protocolFees1',
  'balance0',
  'balance1',
] as const;

/** Reads the same snapshot from the engine. */
export function engineSnapshot(pool: Pool, tickIds: readonly number[], positions: readonly PositionKey[]): PoolSnapshot {
  return {
    sqrtPriceX96: pool.slot0.sqrtPriceX96,
    tick: pool.slot0.tick,
    feeProtocol: pool.slot0.feeProtocol,
    unlocked: pool.slot0.unlocked,
    liquidity: pool.liquidity,
    feeGrowthGlobal0X128: pool.feeGrowthGlobal0X128,
    feeGrowthGlobal1X128: pool.feeGrowthGlobal1X128,
    protocolFees0: pool.protocolFees.token0,
    protocolFees1: pool.protocolFees.token1,
    balance0: pool.balance0,
    balance1: pool.balance1,
    ticks: tickIds.map((t) => pool.getTick(t)),
    positions: positions.map((k) => pool.getPosition(k.owner, k.tickLower, k.tickUpper)),
  };
}

export interface FieldDiff {
  field: string;
  evm: unknown;
  engine: unknown;
}

/** Every field where the two snapshots differ, named like `tick[-60].liquidityNet`. */
export function diffSnapshots(
  evm: PoolSnapshot,
  engine: PoolSnapshot,
  tickIds: readonly number[],
  positions: readonly PositionKey[],
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const f of POOL_FIELDS) {
    if (evm[f] !== engine[f]) diffs.push({ field: f, evm: evm[f], engine: engine[f] });
  }
  tickIds.forEach((t, i) => {
    const a = evm.ticks[i];
    const b = engine.ticks[i];
    for (const f of TICK_FIELDS) {
      if (a?.[f] !== b?.[f]) diffs.push({ field: `tick[${t}].${f}`, evm: a?.[f], engine: b?.[f] });
    }
  });
  positions.forEach((k, i) => {
    const a = evm.positions[i];
    const b = engine.positions[i];
    for (const f of POSITION_FIELDS) {
      if (a?.[f] !== b?.[f]) {
        diffs.push({ field: `position[${k.owner},${k.tickLower},${k.tickUpper}].${f}`, evm: a?.[f], engine: b?.[f] });
      }
    }
  });
  return diffs;
}
