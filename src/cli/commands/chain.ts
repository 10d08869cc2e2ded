/**
 * `clmm-lab chain up`: starts the sandbox chain (a hardhat node on 127.0.0.1 with the real v3
 * contracts deployed, 12-second blocks every 200 ms) and its seeded trader, prints the RPC URL and
 * the addresses, and stays up until SIGINT or SIGTERM. Stopping by a signal is this command's normal
 * end, so it exits 0 then (not 130, which means an interrupted run); a node or trader failure exits 3.
 */
import type { Command } from 'commander';
import { createRequire } from 'node:module';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import { runSandboxTrader } from '../../exec/chain/runSandboxTrader.ts';
import { startSandbox, type Sandbox } from '../../exec/chain/startSandbox.ts';
import { defaultMarketConfig } from '../../market/marketConfig.ts';
import { REGIMES, type RegimeName } from '../../market/types.ts';
import { intFlag } from '../flags.ts';

export interface ChainUpOptions {
  port?: number;
  seed: number;
  chainId: number;
  blockMs: number;
  regime: RegimeName;
  traderSteps: number;
  trader: boolean;
}

function regimeFlag(value: string): RegimeName {
  if (!(REGIMES as readonly string[]).includes(value)) throw badInput('BAD_FLAG', '--regime', `one of ${REGIMES.join(', ')}`, value);
  return value as RegimeName;
}

export function registerChain(program: Command): void {
  const chain = program.command('chain').description('A local sandbox chain with the real Uniswap v3 contracts, for trying shadow, paper and live');
  chain
    .command('up')
    .description('Start the sandbox chain and its seeded trader; print the RPC URL and addresses; stay up until Ctrl-C')
    .option('--port <n>', 'TCP port on 127.0.0.1 (a free one when absent)', intFlag('--port', 1024, 65535))
    .option('--seed <n>', 'seed of the trader (uint32)', intFlag('--seed', 0, 0xffffffff), 42)
    .option('--chain-id <n>', 'the chain id the node reports', intFlag('--chain-id', 1, 0xffffffff), 31337)
    .option('--block-ms <n>', 'wall-clock milliseconds between blocks (each block is 12 s of chain time)', intFlag('--block-ms', 100, 250), 200)
    .option('--regime <name>', `the trader's market regime (${REGIMES.join(', ')})`, regimeFlag, 'mid')
    .option('--trader-steps <n>', 'steps the trader runs before it stops (the chain stays up)', intFlag('--trader-steps', 1, 100_000_000), 1_000_000)
    .option('--no-trader', 'start the chain without the trader (a still market)')
    .action(async (opts: ChainUpOptions) => {
      await chainUp(opts, (line) => console.log(line));
    });
}

export async function chainUp(opts: ChainUpOptions, print: (line: string) => void): Promise<void> {
  let failure: unknown;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  let stopping = false;
  const fail = (error: unknown): void => {
    if (stopping) return; // the node exiting because we stop it is no failure
    failure ??= error;
    wake();
  };
  // handlers go in before the node starts, so a signal during startup still stops its process group
  let signalled = false;
  const onSignal = (): void => {
    signalled = true;
    wake();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const trader = new AbortController();
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({
      ...(opts.port === undefined ? {} : { port: opts.port }),
      chainId: opts.chainId,
      blockIntervalMs: opts.blockMs,
      onBlockError: fail,
    });
    if (signalled) return;
    printSandbox(sandbox, print);
    const { rpcUrl } = sandbox.node;
    void sandbox.node.exited.then(() => fail(new ClmmLabError('CHAIN_NODE_FAILED', `the hardhat node on ${rpcUrl} exited`)));
    if (opts.trader) {
      print(`trader: seed ${opts.seed}, regime ${opts.regime}, up to ${opts.traderSteps} steps`);
      const d = sandbox.deployment;
      void runSandboxTrader({
        clients: sandbox.clients,
        deployment: d,
        seed: opts.seed,
        steps: opts.traderSteps,
        regime: defaultMarketConfig().regimes[opts.regime],
        blockSeconds: sandbox.blockSeconds,
        signal: trader.signal,
        onStep: (s) => {
          if ((s.step + 1) % 100 !== 0) return;
          const usd = (raw: number): string => (10 ** (d.decimals1 - d.decimals0) / raw).toFixed(2);
          print(`trader: step ${s.step + 1}, pool ETH $${usd(s.poolRawPrice)}, target $${usd(s.targetRawPrice)}`);
        },
      }).then(
        (r) => print(`trader: done after ${r.stepsRun} steps (${r.arbitrageSwaps} arbitrage, ${r.noiseSwaps} noise swaps, ${r.mints} mints, ${r.burns} burns, ${r.reverted} reverted)`),
        (error: unknown) => {
          fail(error);
        },
      );
    }
    print('up; Ctrl-C (SIGINT) or SIGTERM stops it');
    await stopped;
  } finally {
    stopping = true;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    trader.abort();
    await sandbox?.stop();
  }
  if (failure !== undefined) throw failure;
  print('stopped');
}

function printSandbox(s: Sandbox, print: (line: string) => void): void {
  const d = s.deployment;
  const hardhat = (createRequire(import.meta.url)('hardhat/package.json') as { version: string }).version;
  print(`sandbox chain: hardhat ${hardhat} node, chain id ${d.chainId}, base fee ${s.baseFeeWei} wei, ${s.blockSeconds}-second blocks`);
  print(`RPC URL:          ${s.node.rpcUrl}`);
  print(`factory:          ${d.factory}`);
  print(`pool:             ${d.pool} (USDC/WETH, fee ${d.fee}, tick spacing ${d.tickSpacing})`);
  print(`token0 (USDC, ${d.decimals0}): ${d.token0}`);
  print(`token1 (WETH, ${d.decimals1}): ${d.token1}`);
  print(`position manager: ${d.positionManager}`);
  print(`swap router:      ${d.router}`);
  print(`WETH9:            ${d.weth}`);
  print(`deployer:         ${d.deployer} (starting positions ${d.startingPositions.join(', ')})`);
  print(`dev accounts:     ${d.accounts.length} unlocked; 1-3 are the trader's, 4 and later are free to use`);
}
