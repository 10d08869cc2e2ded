/** The addresses and pool parameters of one sandbox deployment (what `chain up` prints). */
import type { Address } from 'viem';

export interface SandboxDeployment {
  chainId: number;
  factory: Address;
  pool: Address;
  positionManager: Address;
  router: Address;
  weth: Address;
  /** The test USDC (6 decimals). */
  usdc: Address;
  /** The pool's tokens: token0 is the USDC, token1 WETH9, as on Ethereum's USDC/WETH pools. */
  token0: Address;
  token1: Address;
  decimals0: number;
  decimals1: number;
  /** Fee in pips (500 = 0.05%). */
  fee: number;
  tickSpacing: number;
  /** The account that deployed everything and holds the starting liquidity. */
  deployer: Address;
  /** The dev accounts the node unlocked (index 0 is the deployer). */
  accounts: Address[];
  /** The starting positions' token ids in the position manager. */
  startingPositions: bigint[];
}
