/**
 * The sandbox chain end to end on one node (started once, about 4 s): chain id, block cadence and
 * timestamps, base fee, the deployment's addresses as the contracts themselves report them, and the
 * seeded trader pulling the pool along a drifting path with a TWAP from observe() afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Abi, Address } from 'viem';
import { sqrtPriceX96ToRawPrice } from '../../clmm/price.ts';
import { defaultMarketConfig } from '../../market/marketConfig.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { runSandboxTrader } from './runSandboxTrader.ts';
import { sandboxArtifact } from './sandboxArtifacts.ts';
import { startSandbox, type Sandbox } from './startSandbox.ts';
import { startSandboxNode } from './startSandboxNode.ts';

const CHAIN_ID = 31_338;
const BASE_FEE_WEI = 7_000_000_000n;
const INTERVAL_MS = 150;

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('sandbox chain', () => {
  let sandbox: Sandbox;
  const read = async (address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<unknown> =>
    sandbox.clients.publicClient.readContract({ address, abi, functionName, args });

  before(async () => {
    sandbox = await startSandbox({ chainId: CHAIN_ID, baseFeeWei: BASE_FEE_WEI, blockIntervalMs: INTERVAL_MS });
  });
  after(async () => {
    const pid = sandbox?.node.pid;
    await sandbox?.stop();
    if (pid !== undefined) assert.equal(processGroupAlive(pid), false, 'the node process group is gone after stop()');
  });

  it('listens on 127.0.0.1 and answers eth_chainId with the configured chain id', async () => {
    assert.match(sandbox.node.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await sandbox.clients.publicClient.getChainId(), CHAIN_ID);
  });

  it('mines a block every interval, 12 s apart, at the configured non-zero base fee', async () => {
    const first = await sandbox.clients.publicClient.getBlockNumber({ cacheTime: 0 });
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const last = await sandbox.clients.publicClient.getBlockNumber({ cacheTime: 0 });
    const perBlockMs = (Date.now() - started) / Number(last - first);
    assert.ok(perBlockMs >= INTERVAL_MS * 0.9 && perBlockMs <= INTERVAL_MS * 2.5, `${perBlockMs} ms per block for a ${INTERVAL_MS} ms interval`);
    for (let n = first + 1n; n <= last; n++) {
      const [block, parent] = await Promise.all([sandbox.clients.publicClient.getBlock({ blockNumber: n }), sandbox.clients.publicClient.getBlock({ blockNumber: n - 1n })]);
      assert.equal(block.timestamp - parent.timestamp, 12n, `block ${n}`);
      assert.equal(block.baseFeePerGas, BASE_FEE_WEI, `block ${n}`);
    }
    assert.ok((await sandbox.clients.publicClient.getGasPrice()) > 0n);
  });

  it('deploys the pool through the factory, initialised, with the USDC as token0 and a raised observation cardinality', async () => {
    const d = sandbox.deployment;
    assert.equal(await read(d.factory, sandboxArtifact('UniswapV3Factory').abi, 'getPool', [d.usdc, d.weth, 500]), d.pool);
    const poolAbi = sandboxArtifact('UniswapV3Pool').abi;
    assert.equal(await read(d.pool, poolAbi, 'token0'), d.usdc);
    assert.equal(await read(d.pool, poolAbi, 'token1'), d.weth);
    assert.equal(await read(d.pool, poolAbi, 'factory'), d.factory);
    const slot0 = (await read(d.pool, poolAbi, 'slot0')) as readonly [bigint, number, number, number, number, number, boolean];
    assert.ok(slot0[0] > 0n, 'slot0 initialised');
    const ethUsd = 10 ** 12 / sqrtPriceX96ToRawPrice(slot0[0]);
    assert.ok(Math.abs(ethUsd / defaultMarketConfig().startPriceUsd - 1) < 1e-6, `start price ${ethUsd}`);
    assert.equal(slot0[4], 300, 'observationCardinalityNext');
    assert.ok(((await read(d.pool, poolAbi, 'liquidity')) as bigint) > 0n, 'starting liquidity is active');
    const erc20 = sandboxArtifact('SandboxERC20').abi;
    assert.equal(await read(d.usdc, erc20, 'decimals'), 6);
    assert.equal(await read(d.weth, sandboxArtifact('WETH9').abi, 'decimals'), 18);
    const npm = sandboxArtifact('NonfungiblePositionManager').abi;
    assert.equal(await read(d.positionManager, npm, 'factory'), d.factory);
    assert.equal(await read(d.positionManager, npm, 'WETH9'), d.weth);
    assert.equal(await read(d.positionManager, npm, 'ownerOf', [d.startingPositions[0]]), d.deployer);
    const router = sandboxArtifact('SwapRouter').abi;
    assert.equal(await read(d.router, router, 'factory'), d.factory);
    assert.equal(await read(d.router, router, 'WETH9'), d.weth);
  });

  it('the trader pulls the pool toward an up-trending path, other LPs mint and burn, and observe() gives a TWAP', async () => {
    const d = sandbox.deployment;
    const poolAbi = sandboxArtifact('UniswapV3Pool').abi;
    const before = (await read(d.pool, poolAbi, 'slot0')) as readonly [bigint, number];
    // +25%/day of drift: about +3.5% over 40 steps of 12 s, far beyond the 0.5% of noise
    const regime = { volAnnual: 0.05, driftPerDay: 25, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 };
    const result = await runSandboxTrader({ clients: sandbox.clients, deployment: d, seed: 7, steps: 40, regime, lpChance: 0.5 });
    assert.equal(result.stepsRun, 40);
    assert.equal(result.reverted, 0);
    assert.ok(result.arbitrageSwaps > 5, `${result.arbitrageSwaps} arbitrage swaps`);
    assert.ok(result.noiseSwaps > 5, `${result.noiseSwaps} noise swaps`);
    assert.ok(result.mints > 0 && result.burns > 0, `${result.mints} mints, ${result.burns} burns`);
    const afterSlot0 = (await read(d.pool, poolAbi, 'slot0')) as readonly [bigint, number];
    const ethUsd = (sqrtPriceX96: bigint): number => 10 ** 12 / sqrtPriceX96ToRawPrice(sqrtPriceX96);
    const target = 10 ** 12 / result.lastTargetRawPrice;
    assert.ok(target > ethUsd(before[0]) * 1.02, `the path went up: ${ethUsd(before[0])} → ${target}`);
    assert.ok(ethUsd(afterSlot0[0]) > ethUsd(before[0]) * 1.02, `the pool went up: ${ethUsd(before[0])} → ${ethUsd(afterSlot0[0])}`);
    assert.ok(Math.abs(ethUsd(afterSlot0[0]) / target - 1) < 0.01, `pool ${ethUsd(afterSlot0[0])} within 1% of the target ${target}`);

    const window = 120;
    const [tickCumulatives] = (await read(d.pool, poolAbi, 'observe', [[window, 0]])) as readonly [readonly bigint[], readonly bigint[]];
    const twapTick = Number(tickCumulatives[1]! - tickCumulatives[0]!) / window;
    const [lo, hi] = [Math.min(before[1], afterSlot0[1]), Math.max(before[1], afterSlot0[1])];
    assert.ok(twapTick >= lo && twapTick <= hi, `TWAP tick ${twapTick} between ${lo} and ${hi}`);
    assert.notEqual(twapTick, afterSlot0[1], 'the TWAP is an average, not the spot tick');
  });

  it('and pulls it down along a down-trending path (the other swap direction)', async () => {
    const d = sandbox.deployment;
    const poolAbi = sandboxArtifact('UniswapV3Pool').abi;
    const ethUsd = async (): Promise<number> => 10 ** 12 / sqrtPriceX96ToRawPrice(((await read(d.pool, poolAbi, 'slot0')) as readonly [bigint])[0]);
    const start = await ethUsd();
    const regime = { volAnnual: 0.05, driftPerDay: -25, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 };
    const result = await runSandboxTrader({ clients: sandbox.clients, deployment: d, seed: 8, steps: 25, regime, noiseSwapChance: 0, lpChance: 0 });
    assert.equal(result.reverted, 0);
    const end = await ethUsd();
    const target = 10 ** 12 / result.lastTargetRawPrice;
    assert.ok(target < start * 0.985 && end < start * 0.985, `down: pool ${start} → ${end}, target ${target}`);
    assert.ok(Math.abs(end / target - 1) <= 0.0006, `pool ${end} at the band edge of the target ${target} (fee 0.05%)`);
  });

  it('a busy port is a named CHAIN_NODE_FAILED error and leaves no process behind', async () => {
    await assert.rejects(startSandboxNode({ port: sandbox.node.port, startupTimeoutMs: 20_000 }), (error: unknown) => {
      assert.ok(error instanceof ClmmLabError);
      assert.equal(error.code, 'CHAIN_NODE_FAILED');
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${sandbox.node.port}`));
      const pid = error.details?.pid;
      assert.equal(typeof pid, 'number');
      assert.equal(processGroupAlive(pid as number), false, 'the failed node was killed');
      return true;
    });
  });
});
