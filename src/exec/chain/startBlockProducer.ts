/**
 * Mines the sandbox chain's blocks: one every `intervalMs` of wall time (100–250 ms), each stamped
 * `blockSeconds` (12, mainnet's slot) after the previous one, each with the configured base fee.
 * Hardhat's own interval mining stamps blocks with the wall clock, so a 200 ms block would be 0 or
 * 1 s after its parent; `evm_mine` with an explicit timestamp gives the 12 s spacing exactly.
 * Transactions wait in the mempool until the next block, as on a real chain.
 */
import { jsonRpc } from './jsonRpc.ts';

export interface StartBlockProducerParameters {
  rpcUrl: string;
  intervalMs?: number;
  blockSeconds?: number;
  baseFeeWei: bigint;
  /** Called once if mining fails (the node died); production stops. */
  onError?: (error: unknown) => void;
}

export interface BlockProducer {
  /** Blocks mined so far by this producer. */
  readonly blocksMined: number;
  /** Stops after the block in flight; automine is not switched back on. */
  stop(): Promise<void>;
}

export const DEFAULT_BLOCK_INTERVAL_MS = 200;
export const DEFAULT_BLOCK_SECONDS = 12;

export async function startBlockProducer(p: StartBlockProducerParameters): Promise<BlockProducer> {
  const intervalMs = p.intervalMs ?? DEFAULT_BLOCK_INTERVAL_MS;
  const blockSeconds = p.blockSeconds ?? DEFAULT_BLOCK_SECONDS;
  const latest = (await jsonRpc(p.rpcUrl, 'eth_getBlockByNumber', ['latest', false])) as { timestamp: string };
  let timestamp = Number(BigInt(latest.timestamp));
  await jsonRpc(p.rpcUrl, 'evm_setAutomine', [false]);
  const baseFeeHex = `0x${p.baseFeeWei.toString(16)}`;
  let blocksMined = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const mineOne = async (): Promise<void> => {
    timestamp += blockSeconds;
    await jsonRpc(p.rpcUrl, 'hardhat_setNextBlockBaseFeePerGas', [baseFeeHex]);
    await jsonRpc(p.rpcUrl, 'evm_mine', [timestamp]);
    blocksMined++;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = mineOne().then(schedule, (error: unknown) => {
        stopped = true;
        p.onError?.(error);
      });
    }, intervalMs);
  };
  schedule();
  return {
    get blocksMined() {
      return blocksMined;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
    },
  };
}
