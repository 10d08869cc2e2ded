/**
 * Spawns hardhat 2's JSON-RPC node (`hardhat node`) on 127.0.0.1 with the sandbox config
 * (chain/hardhat.sandbox.config.cjs) and waits until it answers `eth_chainId`. The node runs in its
 * own process group, so `stop()` (and this process's exit) ends hardhat and anything it started.
 * Blocks are not produced here: see startBlockProducer.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { freePort } from './freePort.ts';
import { jsonRpc } from './jsonRpc.ts';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SANDBOX_CONFIG = join(PACKAGE_ROOT, 'chain', 'hardhat.sandbox.config.cjs');

export const DEFAULT_CHAIN_ID = 31337;
/** 5 gwei: a quiet mainnet hour. */
export const DEFAULT_BASE_FEE_WEI = 5_000_000_000n;

export interface StartSandboxNodeParameters {
  /** TCP port on 127.0.0.1; a free one when absent. */
  port?: number;
  chainId?: number;
  /** The base fee of the first block (startBlockProducer keeps every later block at its own value). */
  baseFeeWei?: bigint;
  startupTimeoutMs?: number;
}

export interface SandboxNode {
  rpcUrl: string;
  port: number;
  chainId: number;
  /** The hardhat process (and process group) id. */
  pid: number;
  /** Resolves when the node process has exited (for whatever reason). */
  exited: Promise<void>;
  /** Ends the node's process group: SIGTERM, then SIGKILL after 3 s. Idempotent. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 2000;
const LISTENING_LINE = 'Started HTTP and WebSocket JSON-RPC server at';

export async function startSandboxNode(p: StartSandboxNodeParameters = {}): Promise<SandboxNode> {
  const port = p.port ?? (await freePort());
  const chainId = p.chainId ?? DEFAULT_CHAIN_ID;
  const baseFeeWei = p.baseFeeWei ?? DEFAULT_BASE_FEE_WEI;
  const rpcUrl = `http://127.0.0.1:${port}`;
  const hardhatCli = createRequire(import.meta.url).resolve('hardhat/internal/cli/bootstrap.js');
  const child = spawn(process.execPath, [hardhatCli, '--config', SANDBOX_CONFIG, 'node', '--hostname', '127.0.0.1', '--port', String(port)], {
    // hardhat refuses to run unless started from the project that installed it
    cwd: PACKAGE_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
      CLMM_SANDBOX_CHAIN_ID: String(chainId),
      CLMM_SANDBOX_BASE_FEE_WEI: baseFeeWei.toString(),
      CLMM_SANDBOX_PARENT_PID: String(process.pid),
    },
  });
  let output = '';
  // Another server already on the port would answer eth_chainId too: only hardhat's own line says this node is listening.
  const listening = { seen: false };
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    if (output.includes(LISTENING_LINE)) listening.seen = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new ClmmLabError('CHAIN_NODE_FAILED', 'the hardhat node could not be spawned', { details: { rpcUrl } });
  const killOnExit = (): void => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      // hardhat may have left children of its own in the group
      killGroup(pid, 'SIGKILL');
    })();
    return stopping;
  };

  try {
    await waitUntilAnswering({ rpcUrl, child, listening, timeoutMs: p.startupTimeoutMs ?? 30_000 });
  } catch (error) {
    await stop();
    throw new ClmmLabError('CHAIN_NODE_FAILED', `the hardhat node on ${rpcUrl} did not start: ${(error as Error).message}`, {
      details: { rpcUrl, pid, output: output.trim() },
      cause: error,
    });
  }
  return { rpcUrl, port, chainId, pid, exited, stop };
}

async function waitUntilAnswering(p: { rpcUrl: string; child: ChildProcess; listening: { seen: boolean }; timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + p.timeoutMs;
  for (;;) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`it exited (${p.child.exitCode ?? p.child.signalCode})`);
    if (p.listening.seen) {
      try {
        await jsonRpc(p.rpcUrl, 'eth_chainId', [], 1000);
        return;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) throw new Error(`no answer within ${p.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
