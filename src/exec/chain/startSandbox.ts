/**
 * The whole sandbox in one call: the node, the deployment (mined at once, before block production
 * starts) and the block producer. `chain up` and the tests that need a chain start it this way;
 * `stop()` ends block production and the node's process group.
 */
import { defaultMarketConfig } from '../../market/marketConfig.ts';
import { deploySandbox } from './deploySandbox.ts';
import { sandboxClients, type SandboxClients } from './sandboxClients.ts';
import type { SandboxDeployment } from './SandboxDeployment.ts';
import { startBlockProducer, type BlockProducer } from './startBlockProducer.ts';
import { DEFAULT_BASE_FEE_WEI, startSandboxNode, type SandboxNode } from './startSandboxNode.ts';

export interface StartSandboxParameters {
  port?: number;
  chainId?: number;
  baseFeeWei?: bigint;
  /** Wall-clock time between blocks, 100–250 ms. */
  blockIntervalMs?: number;
  blockSeconds?: number;
  /** ETH price in USD at which the pool starts (the market config's start price when absent). */
  startPriceUsd?: number;
  observationCardinality?: number;
  /** Called once if block production fails (the node died). */
  onBlockError?: (error: unknown) => void;
}

export interface Sandbox {
  node: SandboxNode;
  clients: SandboxClients;
  deployment: SandboxDeployment;
  producer: BlockProducer;
  baseFeeWei: bigint;
  blockSeconds: number;
  stop(): Promise<void>;
}

export async function startSandbox(p: StartSandboxParameters = {}): Promise<Sandbox> {
  const baseFeeWei = p.baseFeeWei ?? DEFAULT_BASE_FEE_WEI;
  const blockSeconds = p.blockSeconds ?? defaultMarketConfig().blockSeconds;
  const node = await startSandboxNode({
    ...(p.port === undefined ? {} : { port: p.port }),
    ...(p.chainId === undefined ? {} : { chainId: p.chainId }),
    baseFeeWei,
  });
  try {
    const clients = sandboxClients(node.rpcUrl, node.chainId);
    const deployment = await deploySandbox({
      clients,
      chainId: node.chainId,
      startPriceUsd: p.startPriceUsd ?? defaultMarketConfig().startPriceUsd,
      ...(p.observationCardinality === undefined ? {} : { observationCardinality: p.observationCardinality }),
    });
    const producer = await startBlockProducer({
      rpcUrl: node.rpcUrl,
      baseFeeWei,
      blockSeconds,
      ...(p.blockIntervalMs === undefined ? {} : { intervalMs: p.blockIntervalMs }),
      ...(p.onBlockError === undefined ? {} : { onError: p.onBlockError }),
    });
    return {
      node,
      clients,
      deployment,
      producer,
      baseFeeWei,
      blockSeconds,
      async stop() {
        await producer.stop().catch(() => undefined);
        await node.stop();
      },
    };
  } catch (error) {
    await node.stop();
    throw error;
  }
}
