/**
 * Compiles the helper contracts in test/contracts/ with solc-js 0.7.6 (v3-core's compiler) and
 * caches the result under node_modules/.cache/clmm-lab/, keyed by a hash of the sources, compiler
 * version and settings: loading solc-js alone takes seconds, a cache hit takes milliseconds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';

export interface CompiledContract {
  abi: Abi;
  /** Creation code. */
  bytecode: Hex;
  /** Runtime code. */
  deployedBytecode: Hex;
}

export type ContractName = 'TestERC20' | 'PoolCallee' | 'PoolLens';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTRACTS_DIR = join(PROJECT_ROOT, 'test', 'contracts');
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'clmm-lab');

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

interface Solc {
  version(): string;
  compile(input: string): string;
}

let memo: Record<ContractName, CompiledContract> | undefined;

/** The helper contracts, compiled (or read from the cache). */
export function loadContracts(): Record<ContractName, CompiledContract> {
  if (memo !== undefined) return memo;
  const sources: Record<string, { content: string }> = {};
  for (const name of readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.sol')).sort()) {
    sources[name] = { content: readFileSync(join(CONTRACTS_DIR, name), 'utf8') };
  }
  const require = createRequire(import.meta.url);
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify({ solcVersion, SETTINGS, sources })).digest('hex').slice(0, 24);
  const cacheFile = join(CACHE_DIR, `contracts-${key}.json`);
  try {
    memo = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<ContractName, CompiledContract>;
    return memo;
  } catch {
    // not cached yet
  }
  const solc = require('solc') as Solc;
  const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS }))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc ${solc.version()} failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const find = (name: ContractName): CompiledContract => {
    for (const file of Object.values(output.contracts)) {
      const c = file[name];
      if (c !== undefined) return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}` };
    }
    throw new Error(`contract ${name} not found in test/contracts`);
  };
  memo = {
    TestERC20: find('TestERC20'),
    PoolCallee: find('PoolCallee'),
    PoolLens: find('PoolLens'),
  };
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(memo));
  renameSync(tmp, cacheFile); // atomic, so two test files compiling at once never read half a file
  return memo;
}

/** A v3-core artifact (UniswapV3Factory or UniswapV3Pool) from the installed @uniswap/v3-core. */
export function loadV3Artifact(name: 'UniswapV3Factory' | 'UniswapV3Pool'): CompiledContract {
  const require = createRequire(import.meta.url);
  return require(`@uniswap/v3-core/artifacts/contracts/${name}.sol/${name}.json`) as CompiledContract;
}
