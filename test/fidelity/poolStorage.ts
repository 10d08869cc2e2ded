/**
 * The storage layout of v3-core 1.0's UniswapV3Pool, for reading its state slot by slot, and the
 * throwaway runtime code that does the reading. Verified against the pool's own getters (PoolLens)
 * in evm.test.ts.
 *
 *   slot 0  slot0: sqrtPriceX96 (bits 0-159), tick (160-183), observationIndex, observationCardinality,
 *           observationCardinalityNext (184-231), feeProtocol (232-239), unlocked (240-247)
 *   slot 1  feeGrowthGlobal0X128      slot 2  feeGrowthGlobal1X128
 *   slot 3  protocolFees: token0 (low 128 bits), token1 (high 128)
 *   slot 4  liquidity
 *   slot 5  ticks: mapping(int24 => Tick.Info), 4 slots: gross|net, outside0, outside1, oracle|initialized (bit 248)
 *   slot 7  positions: mapping(bytes32 => Position.Info), 4 slots: liquidity, inside0, inside1, owed0|owed1
 */
import { encodePacked, keccak256, type Address, type Hex } from 'viem';
import type { PositionInfo, TickInfo } from '../../src/clmm/types.ts';

const TICKS_SLOT = 5n;
const POSITIONS_SLOT = 7n;
const MASK128 = (1n << 128n) - 1n;

export const POOL_GLOBAL_SLOTS: readonly bigint[] = [0n, 1n, 2n, 3n, 4n];

function word(x: bigint): string {
  return BigInt.asUintN(256, x).toString(16).padStart(64, '0');
}

/** keccak256(abi.encode(key, slot)): where a mapping keeps the value for `key`. */
function mappingSlot(key: bigint, slot: bigint): bigint {
  return BigInt(keccak256(`0x${word(key)}${word(slot)}`));
}

const tickSlots = new Map<number, bigint>();

/** First of the four slots of ticks[tick]. */
export function tickSlot(tick: number): bigint {
  let s = tickSlots.get(tick);
  if (s === undefined) {
    s = mappingSlot(BigInt(tick), TICKS_SLOT);
    tickSlots.set(tick, s);
  }
  return s;
}

const positionSlots = new Map<string, bigint>();

/** First of the four slots of positions[keccak256(abi.encodePacked(owner, tickLower, tickUpper))]. */
export function positionSlot(owner: Address, tickLower: number, tickUpper: number): bigint {
  const id = `${owner}:${tickLower}:${tickUpper}`;
  let s = positionSlots.get(id);
  if (s === undefined) {
    const key = keccak256(encodePacked(['address', 'int24', 'int24'], [owner, tickLower, tickUpper]));
    s = mappingSlot(BigInt(key), POSITIONS_SLOT);
    positionSlots.set(id, s);
  }
  return s;
}

/** The slots of a Tick.Info or Position.Info starting at `base`. */
export function structSlots(base: bigint): bigint[] {
  return [base, base + 1n, base + 2n, base + 3n];
}

export interface PoolGlobals {
  sqrtPriceX96: bigint;
  tick: number;
  feeProtocol: number;
  unlocked: boolean;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  protocolFees0: bigint;
  protocolFees1: bigint;
  liquidity: bigint;
}

export function decodeGlobals(w: readonly bigint[]): PoolGlobals {
  const [s0 = 0n, fg0 = 0n, fg1 = 0n, pf = 0n, liq = 0n] = w;
  return {
    sqrtPriceX96: s0 & ((1n << 160n) - 1n),
    tick: Number(BigInt.asIntN(24, s0 >> 160n)),
    feeProtocol: Number((s0 >> 232n) & 0xffn),
    unlocked: ((s0 >> 240n) & 0xffn) !== 0n,
    feeGrowthGlobal0X128: fg0,
    feeGrowthGlobal1X128: fg1,
    protocolFees0: pf & MASK128,
    protocolFees1: pf >> 128n,
    liquidity: liq & MASK128,
  };
}

export function decodeTick(w: readonly bigint[]): TickInfo {
  const [a = 0n, b = 0n, c = 0n, d = 0n] = w;
  return {
    liquidityGross: a & MASK128,
    liquidityNet: BigInt.asIntN(128, a >> 128n),
    feeGrowthOutside0X128: b,
    feeGrowthOutside1X128: c,
    initialized: ((d >> 248n) & 0xffn) !== 0n,
  };
}

export function decodePosition(w: readonly bigint[]): PositionInfo {
  const [a = 0n, b = 0n, c = 0n, d = 0n] = w;
  return {
    liquidity: a & MASK128,
    feeGrowthInside0LastX128: b,
    feeGrowthInside1LastX128: c,
    tokensOwed0: d & MASK128,
    tokensOwed1: d >> 128n,
  };
}

/**
 * Straight-line runtime code returning sload(slot) for each slot in order: PUSH32 slot, SLOAD,
 * PUSH2 offset, MSTORE per slot, then RETURN. It is installed at the pool's address for a single
 * eth_call by state override, so it reads the pool's own storage. Unrolled because EDR traces every
 * opcode (about a microsecond each here): four opcodes a slot instead of a loop's fifteen.
 */
export function readerCode(slots: readonly bigint[]): Hex {
  if (slots.length * 32 > 0xffff) throw new Error(`too many slots for one read: ${slots.length}`);
  const hex2 = (n: number): string => n.toString(16).padStart(4, '0');
  let code = '0x';
  slots.forEach((slot, i) => {
    code += `7f${word(slot)}5461${hex2(i * 32)}52`;
  });
  return `${code}61${hex2(slots.length * 32)}6000f3` as Hex;
}

/** TestERC20.balanceOf[holder] lives at keccak256(abi.encode(holder, 0)). */
export function balanceSlot(holder: Address): bigint {
  return mappingSlot(BigInt(holder), 0n);
}
