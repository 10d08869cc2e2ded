/**
 * Compiles chain/contracts/SandboxERC20.sol with solc-js 0.7.6 (a dev dependency), the way the
 * committed artifact chain/compiled/SandboxERC20.json was made: `npm run chain:artifacts` writes
 * it, and sandboxToken.test.ts fails when the committed file drifts from the source.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SANDBOX_TOKEN_SOURCE = join(PROJECT_ROOT, 'chain', 'contracts', 'SandboxERC20.sol');
export const SANDBOX_TOKEN_ARTIFACT = join(PROJECT_ROOT, 'chain', 'compiled', 'SandboxERC20.json');

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
} as const;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

/** The artifact's text: `{contractName, compiler, abi, bytecode}` as pretty JSON with a newline. */
export function compileSandboxToken(): string {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { version(): string; compile(input: string): string };
  const sources = { 'SandboxERC20.sol': { content: readFileSync(SANDBOX_TOKEN_SOURCE, 'utf8') } };
  const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS }))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc ${solc.version()} failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const contract = output.contracts['SandboxERC20.sol']?.SandboxERC20;
  if (contract === undefined) throw new Error('SandboxERC20 not in the solc output');
  const artifact = { contractName: 'SandboxERC20', compiler: `solc ${solc.version()}`, settings: { optimizer: SETTINGS.optimizer }, abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  return `${JSON.stringify(artifact, null, 2)}\n`;
}
