/**
 * The in-process EVM: hardhat 2's EDR network configured by hardhat.config.cjs at the project root,
 * reached through its EIP-1193 provider. Only the few JSON-RPC calls the fidelity driver needs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Address, Hex } from 'viem';
import { PROJECT_ROOT } from './contracts.ts';

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface Log {
  address: Address;
  topics: Hex[];
  data: Hex;
}

export interface Receipt {
  status: Hex;
  contractAddress: Address | null;
  gasUsed: Hex;
  logs: Log[];
}

export class Chain {
  private constructor(
    private readonly provider: Eip1193,
    /** The funded account every transaction is sent from. */
    readonly from: Address,
  ) {}

  /**
   * Connects to hardhat's in-process network. Hardhat keeps one runtime environment per process,
   * so every Chain in a process shares the same blockchain (each deploys its own contracts).
   */
  static async start(): Promise<Chain> {
    process.env.HARDHAT_CONFIG ??= join(PROJECT_ROOT, 'hardhat.config.cjs');
    const require = createRequire(import.meta.url);
    const hre = require('hardhat') as { network: { name: string; provider: Eip1193 } };
    if (hre.network.name !== 'hardhat') throw new Error(`fidelity needs the in-process hardhat network, got ${hre.network.name}`);
    const accounts = (await hre.network.provider.request({ method: 'eth_accounts' })) as Address[];
    const from = accounts[0];
    if (from === undefined) throw new Error('hardhat network has no accounts');
    return new Chain(hre.network.provider, from);
  }

  /** Sends a transaction (mined at once) and returns its receipt; throws if the transaction reverted. */
  async send(to: Address | undefined, data: Hex): Promise<Receipt> {
    const tx = to === undefined ? { from: this.from, data } : { from: this.from, to, data };
    let hash: Hex;
    try {
      hash = (await this.provider.request({ method: 'eth_sendTransaction', params: [tx] })) as Hex;
    } catch (err) {
      throw new Error(`transaction to ${to ?? '(create)'} failed: ${(err as Error).message}`, { cause: err });
    }
    const receipt = (await this.provider.request({ method: 'eth_getTransactionReceipt', params: [hash] })) as Receipt | null;
    if (receipt === null) throw new Error(`no receipt for ${hash}`);
    if (receipt.status !== '0x1') throw new Error(`transaction ${hash} to ${to ?? '(create)'} reverted`);
    return receipt;
  }

  /** Deploys creation code (constructor arguments already appended) and returns the new address. */
  async deploy(creationCode: Hex): Promise<Address> {
    const receipt = await this.send(undefined, creationCode);
    if (receipt.contractAddress === null) throw new Error('deployment produced no contract');
    return receipt.contractAddress;
  }

  /** eth_call against the latest block with `code` installed at `to` for this call only (state override). */
  async callWithCode(to: Address, code: Hex, data: Hex): Promise<Hex> {
    return (await this.provider.request({ method: 'eth_call', params: [{ from: this.from, to, data }, 'latest', { [to]: { code } }] })) as Hex;
  }

  /** One storage word of an account. */
  async storageAt(address: Address, slot: bigint): Promise<bigint> {
    return BigInt((await this.provider.request({ method: 'eth_getStorageAt', params: [address, `0x${slot.toString(16)}`, 'latest'] })) as Hex);
  }

  /** eth_call against the latest block. */
  async call(to: Address, data: Hex): Promise<Hex> {
    return (await this.provider.request({ method: 'eth_call', params: [{ from: this.from, to, data }, 'latest'] })) as Hex;
  }
}
