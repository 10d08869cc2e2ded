/**
 * viem clients for the sandbox node, and the one way the sandbox sends a transaction: through the
 * node's unlocked accounts (hardhat's well-known dev accounts; no key ever leaves the node), waiting
 * for its receipt, a revert or failure becoming CHAIN_TX_FAILED.
 */
import { createPublicClient, createWalletClient, defineChain, getAddress, http, type Abi, type Address, type Hex, type PublicClient, type TransactionReceipt, type WalletClient } from 'viem';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';

export interface SandboxClients {
  rpcUrl: string;
  publicClient: PublicClient;
  walletClient: WalletClient;
}

export function sandboxClients(rpcUrl: string, chainId: number): SandboxClients {
  const chain = defineChain({
    id: chainId,
    name: 'clmm-lab sandbox',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  // blocks come every 100–250 ms: poll receipts much faster than viem's 4 s default
  const transport = http(rpcUrl, { retryCount: 0 });
  return {
    rpcUrl,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({ chain, transport, pollingInterval: 50 }),
  };
}

export interface SandboxWrite {
  from: Address;
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
}

/** Sends a contract call from an unlocked account and waits for it to be mined. */
export async function sendAndWait(clients: SandboxClients, w: SandboxWrite): Promise<TransactionReceipt> {
  const what = `${w.functionName} on ${w.address}`;
  let hash: Hex;
  try {
    hash = await clients.walletClient.writeContract({
      account: w.from,
      chain: clients.walletClient.chain,
      address: w.address,
      abi: w.abi,
      functionName: w.functionName,
      args: w.args ?? [],
      ...(w.value === undefined ? {} : { value: w.value }),
    });
  } catch (error) {
    throw new ClmmLabError('CHAIN_TX_FAILED', `${what} was refused: ${shortMessage(error)}`, { details: { from: w.from, to: w.address }, cause: error });
  }
  return waitMined(clients, hash, what);
}

/** Deploys creation code with constructor arguments and returns the new contract's address. */
export async function deployAndWait(clients: SandboxClients, d: { from: Address; abi: Abi; bytecode: Hex; args?: readonly unknown[]; label: string }): Promise<Address> {
  let hash: Hex;
  try {
    hash = await clients.walletClient.deployContract({ account: d.from, chain: clients.walletClient.chain, abi: d.abi, bytecode: d.bytecode, args: d.args ?? [] });
  } catch (error) {
    throw new ClmmLabError('CHAIN_TX_FAILED', `deploying ${d.label} was refused: ${shortMessage(error)}`, { details: { from: d.from }, cause: error });
  }
  const receipt = await waitMined(clients, hash, `deploying ${d.label}`);
  if (receipt.contractAddress === null || receipt.contractAddress === undefined) {
    throw new ClmmLabError('CHAIN_TX_FAILED', `deploying ${d.label} created no contract`, { details: { hash } });
  }
  return getAddress(receipt.contractAddress);
}

async function waitMined(clients: SandboxClients, hash: Hex, what: string): Promise<TransactionReceipt> {
  let receipt: TransactionReceipt;
  try {
    receipt = await clients.publicClient.waitForTransactionReceipt({ hash, timeout: 30_000 });
  } catch (error) {
    throw new ClmmLabError('CHAIN_TX_FAILED', `${what}: no receipt for ${hash}: ${shortMessage(error)}`, { details: { hash }, cause: error });
  }
  if (receipt.status !== 'success') throw new ClmmLabError('CHAIN_TX_FAILED', `${what} reverted (${hash})`, { details: { hash, block: receipt.blockNumber.toString() } });
  return receipt;
}

function shortMessage(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  return e.shortMessage ?? e.message ?? String(error);
}
