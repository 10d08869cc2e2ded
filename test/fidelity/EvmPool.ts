/**
 * The EVM side of the fidelity test: v3-core's own UniswapV3Factory/UniswapV3Pool bytecode on
 * hardhat's in-process network, driven through PoolCallee accounts so that every pool call is one
 * transaction whose return data or revert reason is captured. State is read back slot by slot
 * (poolStorage.ts); PoolLens reads the same through the pool's getters, to check those reads.
 *
 * Speed: EDR spends about a microsecond per EVM step here (it traces every opcode), so a plain swap
 * (~5,000 steps) costs ~6 ms; everything else is kept to one transaction and one eth_call per op.
 */
import { decodeAbiParameters, encodeFunctionData, keccak256, toHex, type Abi, type Address, type Hex } from 'viem';
import { Chain, type Receipt } from './chain.ts';
import { loadContracts, loadV3Artifact } from './contracts.ts';
import { TICK_SPACING, type FeeTier, type Outcome, type PayAdjust } from './ops.ts';
import {
  POOL_GLOBAL_SLOTS,
  balanceSlot,
  decodeGlobals,
  decodePosition,
  decodeTick,
  positionSlot,
  readerCode,
  structSlots,
  tickSlot,
} from './poolStorage.ts';
import type { PoolSnapshot, PositionKey } from './snapshot.ts';

const RESULT_TOPIC = keccak256(toHex('Result(bool,bytes)'));
const ERROR_SELECTOR = '0x08c379a0';
/** Account ids with a fixed role; any other id is a position owner. */
export const SWAPPER = '#swapper';
export const PROTOCOL = '#protocol';

/** Decodes the revert data of a pool call into the engine's PoolRevertError code. */
export function revertCode(data: Hex): string {
  if (data === '0x') return 'NO_REASON';
  if (data.startsWith(ERROR_SELECTOR)) {
    const [reason] = decodeAbiParameters([{ type: 'string' }], `0x${data.slice(10)}`);
    return reason;
  }
  return `RAW:${data}`;
}

/** A factory with all four fee tiers enabled, and the accounts and lens shared by its pools. */
export class EvmDeployment {
  private readonly accounts = new Map<string, Address>();
  private readonly abis = {
    factory: loadV3Artifact('UniswapV3Factory').abi,
    pool: loadV3Artifact('UniswapV3Pool').abi,
    callee: loadContracts().PoolCallee.abi,
    lens: loadContracts().PoolLens.abi,
  };

  private constructor(
    readonly chain: Chain,
    readonly factory: Address,
    readonly lens: Address,
  ) {}

  /**
   * Deploys UniswapV3Factory, enables fee 100 / spacing 1, and hands factory ownership to the
   * PROTOCOL account so setFeeProtocol/collectProtocol go through a callee like every other call.
   */
  static async deploy(chain?: Chain): Promise<EvmDeployment> {
    const c = chain ?? (await Chain.start());
    const factoryArtifact = loadV3Artifact('UniswapV3Factory');
    const factory = await c.deploy(factoryArtifact.bytecode);
    const lens = await c.deploy(loadContracts().PoolLens.bytecode);
    const d = new EvmDeployment(c, factory, lens);
    await c.send(factory, encodeFunctionData({ abi: factoryArtifact.abi, functionName: 'enableFeeAmount', args: [100, 1] }));
    const protocol = await d.account(PROTOCOL);
    await c.send(factory, encodeFunctionData({ abi: factoryArtifact.abi, functionName: 'setOwner', args: [protocol] }));
    return d;
  }

  /** The PoolCallee contract standing for an account id, deployed on first use. */
  async account(id: string): Promise<Address> {
    let address = this.accounts.get(id);
    if (address === undefined) {
      address = await this.chain.deploy(loadContracts().PoolCallee.bytecode);
      this.accounts.set(id, address);
    }
    return address;
  }

  /** A fresh pool of this fee tier on a new token pair (so a tier can be recreated any number of times). */
  async createPool(fee: FeeTier): Promise<EvmPool> {
    const tokenA = await this.chain.deploy(loadContracts().TestERC20.bytecode);
    const tokenB = await this.chain.deploy(loadContracts().TestERC20.bytecode);
    const [token0, token1] = BigInt(tokenA) < BigInt(tokenB) ? [tokenA, tokenB] : [tokenB, tokenA];
    await this.chain.send(this.factory, encodeFunctionData({ abi: this.abis.factory, functionName: 'createPool', args: [token0, token1, fee] }));
    const ret = await this.chain.call(this.factory, encodeFunctionData({ abi: this.abis.factory, functionName: 'getPool', args: [token0, token1, fee] }));
    const [pool] = decodeAbiParameters([{ type: 'address' }], ret);
    return new EvmPool(this, pool, token0, token1, fee);
  }

  /** Has account `id` call `target` with `data`; the pool call's outcome, decoded with `fn`'s outputs. */
  async exec(id: string, target: Address, data: Hex, abi: Abi, fn: string): Promise<Outcome> {
    const callee = await this.account(id);
    const receipt = await this.chain.send(callee, encodeFunctionData({ abi: this.abis.callee, functionName: 'exec', args: [target, data] }));
    const [ok, ret] = resultOf(receipt, callee);
    if (!ok) return { ok: false, code: revertCode(ret) };
    const item = abi.find((x) => x.type === 'function' && x.name === fn);
    if (item === undefined || item.type !== 'function') throw new Error(`no function ${fn}`);
    if (item.outputs.length === 0) return { ok: true, result: null };
    const [amount0, amount1] = decodeAbiParameters(item.outputs, ret) as [bigint, bigint];
    return { ok: true, result: { amount0, amount1 } };
  }

  get poolAbi(): Abi {
    return this.abis.pool;
  }

  get lensAbi(): Abi {
    return this.abis.lens;
  }
}

function resultOf(receipt: Receipt, callee: Address): [boolean, Hex] {
  const log = receipt.logs.find((l) => l.topics[0] === RESULT_TOPIC && l.address.toLowerCase() === callee.toLowerCase());
  if (log === undefined) throw new Error('PoolCallee emitted no Result');
  const [ok, ret] = decodeAbiParameters([{ type: 'bool' }, { type: 'bytes' }], log.data);
  return [ok, ret];
}

/** One v3-core pool; its operations mirror the engine's Pool API and resolve to an Outcome. */
export class EvmPool {
  readonly tickSpacing: number;

  constructor(
    private readonly d: EvmDeployment,
    readonly address: Address,
    readonly token0: Address,
    readonly token1: Address,
    readonly fee: FeeTier,
  ) {
    this.tickSpacing = TICK_SPACING[fee];
  }

  private callData(pay: PayAdjust | undefined): Hex {
    return encodeAbiWords([
      BigInt(this.token0),
      BigInt(this.token1),
      BigInt.asUintN(256, pay?.adjust0 ?? 0n),
      BigInt.asUintN(256, pay?.adjust1 ?? 0n),
    ]);
  }

  private run(id: string, fn: string, args: readonly unknown[]): Promise<Outcome> {
    const data = encodeFunctionData({ abi: this.d.poolAbi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
    return this.d.exec(id, this.address, data, this.d.poolAbi, fn);
  }

  initialize(sqrtPriceX96: bigint): Promise<Outcome> {
    return this.run(SWAPPER, 'initialize', [sqrtPriceX96]);
  }

  /** Called by the recipient's own account, which pays in its mint callback. */
  async mint(p: { recipient: string; tickLower: number; tickUpper: number; amount: bigint; pay?: PayAdjust }): Promise<Outcome> {
    const recipient = await this.d.account(p.recipient);
    return this.run(p.recipient, 'mint', [recipient, p.tickLower, p.tickUpper, p.amount, this.callData(p.pay)]);
  }

  burn(p: { owner: string; tickLower: number; tickUpper: number; amount: bigint }): Promise<Outcome> {
    return this.run(p.owner, 'burn', [p.tickLower, p.tickUpper, p.amount]);
  }

  /** Collects to the owner's own account. */
  async collect(p: { owner: string; tickLower: number; tickUpper: number; amount0Requested: bigint; amount1Requested: bigint }): Promise<Outcome> {
    const recipient = await this.d.account(p.owner);
    return this.run(p.owner, 'collect', [recipient, p.tickLower, p.tickUpper, p.amount0Requested, p.amount1Requested]);
  }

  /** Swaps from the SWAPPER account, which receives the output and pays in its swap callback. */
  async swap(p: { zeroForOne: boolean; amountSpecified: bigint; sqrtPriceLimitX96: bigint; pay?: PayAdjust }): Promise<Outcome> {
    const recipient = await this.d.account(SWAPPER);
    return this.run(SWAPPER, 'swap', [recipient, p.zeroForOne, p.amountSpecified, p.sqrtPriceLimitX96, this.callData(p.pay)]);
  }

  setFeeProtocol(feeProtocol0: number, feeProtocol1: number): Promise<Outcome> {
    return this.run(PROTOCOL, 'setFeeProtocol', [feeProtocol0, feeProtocol1]);
  }

  async collectProtocol(p: { amount0Requested: bigint; amount1Requested: bigint }): Promise<Outcome> {
    const recipient = await this.d.account(PROTOCOL);
    return this.run(PROTOCOL, 'collectProtocol', [recipient, p.amount0Requested, p.amount1Requested]);
  }

  /**
   * Everything compared after an operation: the pool's storage slots in one eth_call (reader code
   * installed at the pool's address by state override) plus the two token balances.
   */
  async read(tickIds: readonly number[], positions: readonly PositionKey[]): Promise<PoolSnapshot> {
    const slots = [...POOL_GLOBAL_SLOTS];
    for (const t of tickIds) slots.push(...structSlots(tickSlot(t)));
    for (const k of positions) slots.push(...structSlots(positionSlot(await this.d.account(k.owner), k.tickLower, k.tickUpper)));
    const words = decodeWords(await this.d.chain.callWithCode(this.address, readerCode(slots), '0x'));
    if (words.length !== slots.length) throw new Error(`storage read returned ${words.length} words for ${slots.length} slots`);
    const [balance0, balance1] = await Promise.all([
      this.d.chain.storageAt(this.token0, balanceSlot(this.address)),
      this.d.chain.storageAt(this.token1, balanceSlot(this.address)),
    ]);
    const base = POOL_GLOBAL_SLOTS.length;
    return {
      ...decodeGlobals(words),
      balance0,
      balance1,
      ticks: tickIds.map((_t, i) => decodeTick(words.slice(base + 4 * i, base + 4 * i + 4))),
      positions: positions.map((_k, i) => {
        const at = base + 4 * tickIds.length + 4 * i;
        return decodePosition(words.slice(at, at + 4));
      }),
    };
  }

  /** The same snapshot through the pool's public getters (PoolLens): slower, used to verify `read`. */
  async readViaLens(tickIds: readonly number[], positions: readonly PositionKey[]): Promise<PoolSnapshot> {
    const owners: Address[] = [];
    for (const k of positions) owners.push(await this.d.account(k.owner));
    const data = encodeFunctionData({
      abi: this.d.lensAbi,
      functionName: 'read',
      args: [this.address, tickIds, owners, positions.map((k) => k.tickLower), positions.map((k) => k.tickUpper)],
    });
    const words = decodeWordArray(await this.d.chain.call(this.d.lens, data));
    const w = (i: number): bigint => {
      const v = words[i];
      if (v === undefined) throw new Error(`lens returned too few words (${words.length})`);
      return v;
    };
    const signed = (i: number): bigint => BigInt.asIntN(256, w(i));
    const snapshot: PoolSnapshot = {
      sqrtPriceX96: w(0),
      tick: Number(signed(1)),
      feeProtocol: Number(w(2)),
      unlocked: w(3) === 1n,
      liquidity: w(4),
      feeGrowthGlobal0X128: w(5),
      feeGrowthGlobal1X128: w(6),
      protocolFees0: w(7),
      protocolFees1: w(8),
      balance0: w(9),
      balance1: w(10),
      ticks: [],
      positions: [],
    };
    let k = 11;
    for (let i = 0; i < tickIds.length; i++, k += 5) {
      snapshot.ticks.push({
        liquidityGross: w(k),
        liquidityNet: signed(k + 1),
        feeGrowthOutside0X128: w(k + 2),
        feeGrowthOutside1X128: w(k + 3),
        initialized: w(k + 4) === 1n,
      });
    }
    for (let i = 0; i < positions.length; i++, k += 5) {
      snapshot.positions.push({
        liquidity: w(k),
        feeGrowthInside0LastX128: w(k + 1),
        feeGrowthInside1LastX128: w(k + 2),
        tokensOwed0: w(k + 3),
        tokensOwed1: w(k + 4),
      });
    }
    return snapshot;
  }
}

/** ABI-encodes static 256-bit words (what abi.encode of address/int256 values produces). */
function encodeAbiWords(words: readonly bigint[]): Hex {
  return `0x${words.map((x) => x.toString(16).padStart(64, '0')).join('')}`;
}

/** Splits return data into 256-bit words. */
function decodeWords(ret: Hex): bigint[] {
  const out: bigint[] = [];
  for (let i = 2; i < ret.length; i += 64) out.push(BigInt(`0x${ret.slice(i, i + 64)}`));
  return out;
}

/** Decodes the ABI encoding of one `uint256[]` return value. */
function decodeWordArray(ret: Hex): bigint[] {
  const hex = ret.slice(2);
  const length = Number.parseInt(hex.slice(64, 128), 16);
  const out = new Array<bigint>(length);
  for (let i = 0; i < length; i++) out[i] = BigInt(`0x${hex.slice(128 + 64 * i, 192 + 64 * i)}`);
  return out;
}
