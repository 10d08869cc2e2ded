/**
 * The sandbox's seeded market: step by step (one step per block or more) it pulls the pool toward a
 * simulated external price path (the market's own path generator, so a regime's volatility, drift,
 * mean reversion and jumps carry over), sends noise swaps, and lets another LP mint and burn
 * positions through the position manager. All of it through the real router and position manager,
 * from three of the node's dev accounts (1: arbitrageur, 2: noise trader, 3: LP).
 *
 * The decisions come from the seed; what the chain does with them depends on block timing, so two
 * runs with one seed make the same choices but not necessarily the same blocks. Bounded by `steps`
 * and by `signal`.
 */
import type { Address } from 'viem';
import { tickForToken1Price, rawPriceToSqrtPriceX96, sqrtPriceX96ToRawPrice } from '../../clmm/price.ts';
import { arbitrageBand } from '../../market/arbitrage.ts';
import { defaultMarketConfig, type RegimeParams } from '../../market/marketConfig.ts';
import { usdToAmountIn } from '../../market/orderFlow.ts';
import { simulatePricePath } from '../../market/pricePath.ts';
import { createRng, type Rng } from '../../market/Rng.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { sandboxArtifact } from './sandboxArtifacts.ts';
import type { SandboxClients } from './sandboxClients.ts';
import type { SandboxDeployment } from './SandboxDeployment.ts';
import { burnPosition, fundAccount, mintPosition, swapExactInput } from './sandboxLiquidity.ts';

export interface RunSandboxTraderParameters {
  clients: SandboxClients;
  deployment: SandboxDeployment;
  seed: number;
  /** Steps to run (at most); each waits for at least one new block. */
  steps: number;
  /** The external market's regime; `mid` of the default market config when absent. */
  regime?: RegimeParams;
  blockSeconds?: number;
  /** Probability of a noise swap per step. */
  noiseSwapChance?: number;
  /** Median noise swap in USD (log-normal sizes). */
  noiseMedianUsd?: number;
  /** Probability per step that the LP mints (if it holds fewer than 4 positions) or burns one. */
  lpChance?: number;
  signal?: AbortSignal;
  /** Called after each step (for progress lines). */
  onStep?: (step: SandboxTraderStep) => void;
}

export interface SandboxTraderStep {
  step: number;
  /** The external raw price the arbitrageur pulled toward. */
  targetRawPrice: number;
  /** The pool's raw price when the step began. */
  poolRawPrice: number;
  arbitraged: boolean;
  noiseSwap: boolean;
  lpAction: 'mint' | 'burn' | null;
}

export interface RunSandboxTraderReturnType {
  stepsRun: number;
  arbitrageSwaps: number;
  noiseSwaps: number;
  mints: number;
  burns: number;
  /** Trader transactions that reverted (counted, not fatal). */
  reverted: number;
  startRawPrice: number;
  /** The path's price at the last step run. */
  lastTargetRawPrice: number;
}

const MAX_LP_POSITIONS = 4;

export async function runSandboxTrader(p: RunSandboxTraderParameters): Promise<RunSandboxTraderReturnType> {
  const { clients, deployment: d } = p;
  if (!Number.isInteger(p.steps) || p.steps <= 0) throw new ClmmLabError('BAD_FLAG', `steps: expected a positive integer, got ${p.steps}`);
  const [arbitrageur, noiseTrader, lp] = d.accounts.slice(1, 4);
  if (arbitrageur === undefined || noiseTrader === undefined || lp === undefined) throw new ClmmLabError('CHAIN_NODE_FAILED', 'the sandbox trader needs four unlocked accounts');
  const rng = createRng(p.seed);
  const blockSeconds = p.blockSeconds ?? 12;
  const startRawPrice = sqrtPriceX96ToRawPrice(await readSqrtPrice(p));
  const path = simulatePricePath({ params: p.regime ?? defaultMarketConfig().regimes.mid, startRawPrice, blocks: p.steps, blockSeconds, rng: rng.fork('path') });
  const ethUsd = 10 ** (d.decimals1 - d.decimals0) / startRawPrice;
  const usdc = (usd: number): bigint => BigInt(Math.round(usd)) * 10n ** BigInt(d.decimals0);
  const weth = (usd: number): bigint => BigInt(Math.round(usd / ethUsd)) * 10n ** BigInt(d.decimals1);
  await fundAccount(clients, d, { account: arbitrageur, usdcRaw: usdc(50_000_000), wethRaw: weth(50_000_000) });
  await fundAccount(clients, d, { account: noiseTrader, usdcRaw: usdc(5_000_000), wethRaw: weth(5_000_000) });
  await fundAccount(clients, d, { account: lp, usdcRaw: usdc(5_000_000), wethRaw: weth(5_000_000) });

  const noiseRng = rng.fork('noise');
  const lpRng = rng.fork('lp');
  const lpPositions: { tokenId: bigint; liquidity: bigint }[] = [];
  const totals = { arbitrageSwaps: 0, noiseSwaps: 0, mints: 0, burns: 0, reverted: 0 };
  let stepsRun = 0;
  for (let step = 0; step < p.steps; step++) {
    if (p.signal?.aborted === true) break;
    const startBlock = await clients.publicClient.getBlockNumber();
    const sqrtPriceX96 = await readSqrtPrice(p);
    const targetRawPrice = path.rawPrices[step]!;
    // draw every decision first, in a fixed order, so the seed alone decides them
    const noise = p.noiseSwapChance ?? 0.7;
    const noiseSwap = noiseRng.chance(noise) ? { zeroForOne: noiseRng.chance(0.5), usd: (p.noiseMedianUsd ?? 3000) * Math.exp(1.2 * noiseRng.normal()) } : null;
    const lpAction = drawLpAction(lpRng, p.lpChance ?? 0.1, lpPositions.length);

    // One after another, each against the state the previous one left: a transaction estimated
    // against a state another swap has moved may revert (a price limit already passed). Anyone else
    // trading on the sandbox can still make one revert; that is counted, as on a real chain.
    const arbitraged = await tolerateRevert(totals, () => arbitrageTowards({ ...p, account: arbitrageur, sqrtPriceX96, targetRawPrice }));
    if (arbitraged === true) totals.arbitrageSwaps++;
    if (noiseSwap !== null) {
      const done = await tolerateRevert(totals, () => swapExactInput(clients, d, {
        account: noiseTrader,
        zeroForOne: noiseSwap.zeroForOne,
        amountIn: usdToAmountIn({ usd: noiseSwap.usd, zeroForOne: noiseSwap.zeroForOne, rawPrice: targetRawPrice, decimals0: d.decimals0 }),
        sqrtPriceLimitX96: 0n,
      }).then(() => true));
      if (done === true) totals.noiseSwaps++;
    }
    if (lpAction !== null) {
      const done = await tolerateRevert(totals, () => runLpAction({ ...p, account: lp, action: lpAction, positions: lpPositions, rng: lpRng }).then(() => true));
      if (done === true && lpAction.kind === 'mint') totals.mints++;
      if (done === true && lpAction.kind === 'burn') totals.burns++;
    }
    await waitForBlockAfter(clients, startBlock, p.signal);
    stepsRun++;
    p.onStep?.({ step, targetRawPrice, poolRawPrice: sqrtPriceX96ToRawPrice(sqrtPriceX96), arbitraged: arbitraged === true, noiseSwap: noiseSwap !== null, lpAction: lpAction?.kind ?? null });
  }
  return { stepsRun, ...totals, startRawPrice, lastTargetRawPrice: path.rawPrices[Math.max(0, stepsRun - 1)]! };
}

type LpAction = { kind: 'mint'; halfWidthTicks: number; usd: number } | { kind: 'burn'; index: number } | null;

function drawLpAction(rng: Rng, chance: number, held: number): LpAction {
  if (!rng.chance(chance)) return null;
  const wantsMint = held === 0 || (held < MAX_LP_POSITIONS && rng.chance(0.5));
  if (wantsMint) return { kind: 'mint', halfWidthTicks: rng.int(10, 200) * 10, usd: 50_000 + 250_000 * rng.nextFloat() };
  return { kind: 'burn', index: rng.int(0, held - 1) };
}

async function runLpAction(p: RunSandboxTraderParameters & { account: Address; action: NonNullable<LpAction>; positions: { tokenId: bigint; liquidity: bigint }[]; rng: Rng }): Promise<void> {
  const d = p.deployment;
  if (p.action.kind === 'burn') {
    const [position] = p.positions.splice(p.action.index, 1);
    if (position !== undefined) await burnPosition(p.clients, d, { account: p.account, ...position });
    return;
  }
  const rawPrice = sqrtPriceX96ToRawPrice(await readSqrtPrice(p));
  const ethUsd = 10 ** (d.decimals1 - d.decimals0) / rawPrice;
  const tick = tickForToken1Price(ethUsd, d.decimals0, d.decimals1);
  const half = p.action.usd / 2;
  const minted = await mintPosition(p.clients, d, {
    account: p.account,
    tickLower: Math.floor((tick - p.action.halfWidthTicks) / d.tickSpacing) * d.tickSpacing,
    tickUpper: Math.ceil((tick + p.action.halfWidthTicks) / d.tickSpacing) * d.tickSpacing,
    amount0Desired: BigInt(Math.round(half * 10 ** d.decimals0)),
    amount1Desired: BigInt(Math.round((half / ethUsd) * 1e6)) * 10n ** BigInt(d.decimals1 - 6),
  });
  p.positions.push({ tokenId: minted.tokenId, liquidity: minted.liquidity });
}

/** Swaps the pool's price to the edge of the no-arbitrage band around the target (the market's arbitrageur, without its gas test). */
async function arbitrageTowards(p: RunSandboxTraderParameters & { account: Address; sqrtPriceX96: bigint; targetRawPrice: number }): Promise<boolean> {
  const d = p.deployment;
  const band = arbitrageBand(rawPriceToSqrtPriceX96(p.targetRawPrice), d.fee);
  let zeroForOne: boolean;
  let limit: bigint;
  if (p.sqrtPriceX96 > band.upperSqrtPriceX96) {
    zeroForOne = true;
    limit = band.upperSqrtPriceX96;
  } else if (p.sqrtPriceX96 < band.lowerSqrtPriceX96) {
    zeroForOne = false;
    limit = band.lowerSqrtPriceX96;
  } else {
    return false;
  }
  const tokenIn = zeroForOne ? d.token0 : d.token1;
  // the pool stops at the limit and the router pulls only what the swap used
  const amountIn = (await p.clients.publicClient.readContract({ address: tokenIn, abi: sandboxArtifact('SandboxERC20').abi, functionName: 'balanceOf', args: [p.account] })) as bigint;
  if (amountIn === 0n) return false;
  await swapExactInput(p.clients, d, { account: p.account, zeroForOne, amountIn, sqrtPriceLimitX96: limit });
  return true;
}

/** Runs one trader transaction; a revert (CHAIN_TX_FAILED with a block) is counted and gives null. */
async function tolerateRevert<T>(totals: { reverted: number }, send: () => Promise<T>): Promise<T | null> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ClmmLabError && error.code === 'CHAIN_TX_FAILED') {
      totals.reverted++;
      return null;
    }
    throw error;
  }
}

async function readSqrtPrice(p: { clients: SandboxClients; deployment: SandboxDeployment }): Promise<bigint> {
  const slot0 = (await p.clients.publicClient.readContract({ address: p.deployment.pool, abi: sandboxArtifact('UniswapV3Pool').abi, functionName: 'slot0' })) as readonly [bigint, ...unknown[]];
  return slot0[0];
}

async function waitForBlockAfter(clients: SandboxClients, block: bigint, signal: AbortSignal | undefined): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await clients.publicClient.getBlockNumber({ cacheTime: 0 })) <= block) {
    if (signal?.aborted === true) return;
    if (Date.now() > deadline) throw new ClmmLabError('CHAIN_NODE_FAILED', `no block after ${block} within 30 s: is the block producer running?`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
