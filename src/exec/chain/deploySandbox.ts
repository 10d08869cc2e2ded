/**
 * Deploys the sandbox onto a fresh node, with automine on so each transaction is mined at once
 * (call it before startBlockProducer): WETH9 and a 6-decimal test USDC (ordered so the USDC is
 * token0, as on Ethereum), the real UniswapV3Factory, a pool created through it and initialised at
 * `startPriceUsd`, its observation cardinality raised so `observe()` gives a TWAP, the real
 * NonfungiblePositionManager (no token descriptor: the zero address, so only `tokenURI` is
 * unavailable) and SwapRouter, and starting liquidity minted through the position manager.
 */
import { getContractAddress, parseEther, type Address } from 'viem';
import { tickForToken1Price, rawPriceToSqrtPriceX96 } from '../../clmm/price.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { sandboxArtifact } from './sandboxArtifacts.ts';
import { deployAndWait, sendAndWait, type SandboxClients } from './sandboxClients.ts';
import type { SandboxDeployment } from './SandboxDeployment.ts';
import { fundAccount, mintPosition } from './sandboxLiquidity.ts';

const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';
const DECIMALS0 = 6;
const DECIMALS1 = 18;

export interface DeploySandboxParameters {
  clients: SandboxClients;
  chainId: number;
  /** ETH price in USD at which the pool starts. */
  startPriceUsd: number;
  /** Fee tier in pips; the factory enables 500, 3000 and 10000. */
  fee?: number;
  /** Observations the pool keeps (one per block with a trade): 300 × 12 s covers an hour. */
  observationCardinality?: number;
  /** USD value of the starting liquidity (half in a ±10% range, half in a ±50% one). */
  startingLiquidityUsd?: number;
}

export const DEFAULT_OBSERVATION_CARDINALITY = 300;
export const DEFAULT_STARTING_LIQUIDITY_USD = 4_000_000;

export async function deploySandbox(p: DeploySandboxParameters): Promise<SandboxDeployment> {
  const { clients } = p;
  const fee = p.fee ?? 500;
  const accounts = (await clients.walletClient.getAddresses()) as Address[];
  const deployer = accounts[0];
  if (deployer === undefined) throw new ClmmLabError('CHAIN_NODE_FAILED', 'the sandbox node unlocked no accounts', { details: { rpcUrl: clients.rpcUrl } });

  // The pool orders its tokens by address; deploy whichever of the next two addresses is lower as the USDC.
  const nonce = await clients.publicClient.getTransactionCount({ address: deployer });
  const first = getContractAddress({ from: deployer, nonce: BigInt(nonce) });
  const second = getContractAddress({ from: deployer, nonce: BigInt(nonce) + 1n });
  const usdcFirst = BigInt(first) < BigInt(second);
  const erc20 = sandboxArtifact('SandboxERC20');
  const weth9 = sandboxArtifact('WETH9');
  const deployUsdc = (): Promise<Address> => deployAndWait(clients, { from: deployer, ...erc20, args: ['USD Coin (sandbox)', 'USDC', DECIMALS0], label: 'USDC' });
  const deployWeth = (): Promise<Address> => deployAndWait(clients, { from: deployer, ...weth9, label: 'WETH9' });
  let usdc: Address;
  let weth: Address;
  if (usdcFirst) {
    usdc = await deployUsdc();
    weth = await deployWeth();
  } else {
    weth = await deployWeth();
    usdc = await deployUsdc();
  }

  const factoryArtifact = sandboxArtifact('UniswapV3Factory');
  const factory = await deployAndWait(clients, { from: deployer, ...factoryArtifact, label: 'UniswapV3Factory' });
  const tickSpacing = Number(await clients.publicClient.readContract({ address: factory, abi: factoryArtifact.abi, functionName: 'feeAmountTickSpacing', args: [fee] }));
  if (tickSpacing === 0) throw new ClmmLabError('BAD_FLAG', `fee: expected a fee tier the factory enables (500, 3000 or 10000), got ${fee}`);
  await sendAndWait(clients, { from: deployer, address: factory, abi: factoryArtifact.abi, functionName: 'createPool', args: [usdc, weth, fee] });
  const pool = (await clients.publicClient.readContract({ address: factory, abi: factoryArtifact.abi, functionName: 'getPool', args: [usdc, weth, fee] })) as Address;

  const poolAbi = sandboxArtifact('UniswapV3Pool').abi;
  const rawPrice = 10 ** (DECIMALS1 - DECIMALS0) / p.startPriceUsd;
  await sendAndWait(clients, { from: deployer, address: pool, abi: poolAbi, functionName: 'initialize', args: [rawPriceToSqrtPriceX96(rawPrice)] });
  await sendAndWait(clients, {
    from: deployer,
    address: pool,
    abi: poolAbi,
    functionName: 'increaseObservationCardinalityNext',
    args: [p.observationCardinality ?? DEFAULT_OBSERVATION_CARDINALITY],
  });

  const npm = sandboxArtifact('NonfungiblePositionManager');
  const positionManager = await deployAndWait(clients, { from: deployer, ...npm, args: [factory, weth, ZERO_ADDRESS], label: 'NonfungiblePositionManager' });
  const routerArtifact = sandboxArtifact('SwapRouter');
  const router = await deployAndWait(clients, { from: deployer, ...routerArtifact, args: [factory, weth], label: 'SwapRouter' });

  const deployment: SandboxDeployment = {
    chainId: p.chainId,
    factory,
    pool,
    positionManager,
    router,
    weth,
    usdc,
    token0: usdc,
    token1: weth,
    decimals0: DECIMALS0,
    decimals1: DECIMALS1,
    fee,
    tickSpacing,
    deployer,
    accounts,
    startingPositions: [],
  };

  const liquidityUsd = p.startingLiquidityUsd ?? DEFAULT_STARTING_LIQUIDITY_USD;
  const perSideUsd = liquidityUsd / 2;
  await fundAccount(clients, deployment, {
    account: deployer,
    usdcRaw: BigInt(Math.round(perSideUsd)) * 10n ** BigInt(DECIMALS0),
    wethRaw: parseEther(String(Math.ceil(perSideUsd / p.startPriceUsd))),
  });
  const tick = tickForToken1Price(p.startPriceUsd, DECIMALS0, DECIMALS1);
  for (const halfWidthTicks of [1000, 4000]) {
    const position = await mintPosition(clients, deployment, {
      account: deployer,
      tickLower: Math.floor((tick - halfWidthTicks) / tickSpacing) * tickSpacing,
      tickUpper: Math.ceil((tick + halfWidthTicks) / tickSpacing) * tickSpacing,
      amount0Desired: BigInt(Math.round(perSideUsd / 2)) * 10n ** BigInt(DECIMALS0),
      amount1Desired: parseEther(String(Math.floor(perSideUsd / 2 / p.startPriceUsd))),
    });
    deployment.startingPositions.push(position.tokenId);
  }
  return deployment;
}
