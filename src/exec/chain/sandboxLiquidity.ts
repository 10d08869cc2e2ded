/**
 * What the sandbox's accounts do through the real periphery: fund themselves (mint the test USDC,
 * wrap ETH into WETH9, approve the position manager and router), mint and burn positions through
 * the NonfungiblePositionManager, and swap through the SwapRouter.
 */
import { maxUint128, maxUint256, parseEventLogs, type Address } from 'viem';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { sandboxArtifact } from './sandboxArtifacts.ts';
import { sendAndWait, type SandboxClients } from './sandboxClients.ts';
import type { SandboxDeployment } from './SandboxDeployment.ts';

/** Block time runs 60 times faster than the wall clock here, so deadlines are effectively off. */
const NO_DEADLINE = maxUint256;

export async function fundAccount(clients: SandboxClients, d: SandboxDeployment, p: { account: Address; usdcRaw: bigint; wethRaw: bigint }): Promise<void> {
  const erc20 = sandboxArtifact('SandboxERC20').abi;
  const weth = sandboxArtifact('WETH9').abi;
  if (p.usdcRaw > 0n) await sendAndWait(clients, { from: p.account, address: d.usdc, abi: erc20, functionName: 'mint', args: [p.account, p.usdcRaw] });
  if (p.wethRaw > 0n) await sendAndWait(clients, { from: p.account, address: d.weth, abi: weth, functionName: 'deposit', value: p.wethRaw });
  for (const spender of [d.positionManager, d.router]) {
    await sendAndWait(clients, { from: p.account, address: d.usdc, abi: erc20, functionName: 'approve', args: [spender, maxUint256] });
    await sendAndWait(clients, { from: p.account, address: d.weth, abi: weth, functionName: 'approve', args: [spender, maxUint256] });
  }
}

export interface MintedPosition {
  tokenId: bigint;
  liquidity: bigint;
  amount0: bigint;
  amount1: bigint;
}

export async function mintPosition(
  clients: SandboxClients,
  d: SandboxDeployment,
  p: { account: Address; tickLower: number; tickUpper: number; amount0Desired: bigint; amount1Desired: bigint },
): Promise<MintedPosition> {
  const abi = sandboxArtifact('NonfungiblePositionManager').abi;
  const receipt = await sendAndWait(clients, {
    from: p.account,
    address: d.positionManager,
    abi,
    functionName: 'mint',
    args: [{
      token0: d.token0,
      token1: d.token1,
      fee: d.fee,
      tickLower: p.tickLower,
      tickUpper: p.tickUpper,
      amount0Desired: p.amount0Desired,
      amount1Desired: p.amount1Desired,
      amount0Min: 0n,
      amount1Min: 0n,
      recipient: p.account,
      deadline: NO_DEADLINE,
    }],
  });
  const [event] = parseEventLogs({ abi, eventName: 'IncreaseLiquidity', logs: receipt.logs }) as unknown as { args: MintedPosition }[];
  if (event === undefined) throw new ClmmLabError('CHAIN_TX_FAILED', 'mint on the position manager emitted no IncreaseLiquidity', { details: { hash: receipt.transactionHash } });
  return { tokenId: event.args.tokenId, liquidity: event.args.liquidity, amount0: event.args.amount0, amount1: event.args.amount1 };
}

/** Removes all of a position's liquidity, collects everything owed and burns the NFT. */
export async function burnPosition(clients: SandboxClients, d: SandboxDeployment, p: { account: Address; tokenId: bigint; liquidity: bigint }): Promise<void> {
  const abi = sandboxArtifact('NonfungiblePositionManager').abi;
  const base = { from: p.account, address: d.positionManager, abi };
  await sendAndWait(clients, { ...base, functionName: 'decreaseLiquidity', args: [{ tokenId: p.tokenId, liquidity: p.liquidity, amount0Min: 0n, amount1Min: 0n, deadline: NO_DEADLINE }] });
  await sendAndWait(clients, { ...base, functionName: 'collect', args: [{ tokenId: p.tokenId, recipient: p.account, amount0Max: maxUint128, amount1Max: maxUint128 }] });
  await sendAndWait(clients, { ...base, functionName: 'burn', args: [p.tokenId] });
}

/** An exact-input swap through the router; `sqrtPriceLimitX96` 0 means no limit. */
export async function swapExactInput(
  clients: SandboxClients,
  d: SandboxDeployment,
  p: { account: Address; zeroForOne: boolean; amountIn: bigint; sqrtPriceLimitX96: bigint },
): Promise<void> {
  await sendAndWait(clients, {
    from: p.account,
    address: d.router,
    abi: sandboxArtifact('SwapRouter').abi,
    functionName: 'exactInputSingle',
    args: [{
      tokenIn: p.zeroForOne ? d.token0 : d.token1,
      tokenOut: p.zeroForOne ? d.token1 : d.token0,
      fee: d.fee,
      recipient: p.account,
      deadline: NO_DEADLINE,
      amountIn: p.amountIn,
      amountOutMinimum: 0n,
      sqrtPriceLimitX96: p.sqrtPriceLimitX96,
    }],
  });
}
