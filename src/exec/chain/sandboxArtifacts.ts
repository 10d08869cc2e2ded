/**
 * The contracts the sandbox deploys, as their published bytecode: v3-core's factory and pool and
 * v3-periphery's position manager and router from their npm packages, WETH9 from canonical-weth, and
 * the sandbox's own ERC20 from chain/compiled/ (built from chain/contracts/ by `npm run chain:artifacts`).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Abi, Hex } from 'viem';
import { PACKAGE_ROOT } from './startSandboxNode.ts';

export interface ContractArtifact {
  abi: Abi;
  /** Creation code, constructor arguments not appended. */
  bytecode: Hex;
}

export type SandboxContractName = 'UniswapV3Factory' | 'UniswapV3Pool' | 'NonfungiblePositionManager' | 'SwapRouter' | 'WETH9' | 'SandboxERC20';

const PATHS: Record<SandboxContractName, string> = {
  UniswapV3Factory: '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json',
  UniswapV3Pool: '@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json',
  NonfungiblePositionManager: '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
  SwapRouter: '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json',
  WETH9: 'canonical-weth/build/contracts/WETH9.json',
  SandboxERC20: join(PACKAGE_ROOT, 'chain', 'compiled', 'SandboxERC20.json'),
};

const memo = new Map<SandboxContractName, ContractArtifact>();

export function sandboxArtifact(name: SandboxContractName): ContractArtifact {
  let artifact = memo.get(name);
  if (artifact === undefined) {
    const json = createRequire(import.meta.url)(PATHS[name]) as { abi: Abi; bytecode: Hex };
    artifact = { abi: json.abi, bytecode: json.bytecode };
    memo.set(name, artifact);
  }
  return artifact;
}
