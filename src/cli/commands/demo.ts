/**
 * `clmm-lab demo`: builds a USDC/WETH 0.05% pool on the exact engine, adds liquidity of mixed widths,
 * replays a seeded stream of swaps, and prints the pool's state, each position's fees and the speed.
 */
import type { Command } from 'commander';
import { Pool } from '../../clmm/Pool.ts';
import { getLiquidityForAmounts } from '../../clmm/LiquidityAmounts.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../clmm/TickMath.ts';
import { positionValue } from '../../clmm/positionValue.ts';
import { tickForToken1Price, token1PriceInToken0 } from '../../clmm/price.ts';
import { createRng } from '../../market/Rng.ts';
import { intFlag } from '../flags.ts';

const DECIMALS0 = 6; // USDC
const DECIMALS1 = 18; // WETH

export interface DemoOptions {
  seed: number;
  swaps: number;
  positions: number;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Build a pool on the exact engine, add liquidity, replay seeded swaps, print state, fees and speed')
    .option('--seed <n>', 'seed of the swap stream (uint32)', intFlag('--seed', 0, 0xffffffff), 42)
    .option('--swaps <n>', 'number of swaps to replay', intFlag('--swaps', 1, 10_000_000), 20_000)
    .option('--positions <n>', 'number of LP positions', intFlag('--positions', 1, 1000), 12)
    .action((opts: DemoOptions) => {
      runDemo(opts, (line) => console.log(line));
    });
}

export function runDemo(opts: DemoOptions, print: (line: string) => void): void {
  const rng = createRng(opts.seed);
  const pool = new Pool({ fee: 500 });
  const startTick = tickForToken1Price(2000, DECIMALS0, DECIMALS1);
  pool.initialize(getSqrtRatioAtTick(startTick));

  // LPs: half-widths from 10 ticks to 4000 ticks, each worth about $100k at the start.
  const owners: Array<{ owner: string; tickLower: number; tickUpper: number }> = [];
  const positionRng = rng.fork('positions');
  for (let i = 0; i < opts.positions; i++) {
    const halfWidth = Math.round(10 * 400 ** positionRng.nextFloat() / 10) * 10 + 10;
    const center = startTick + positionRng.int(-200, 200);
    const tickLower = Math.floor((center - halfWidth) / 10) * 10;
    const tickUpper = Math.ceil((center + halfWidth) / 10) * 10;
    const liquidity = getLiquidityForAmounts({
      sqrtPriceX96: pool.slot0.sqrtPriceX96,
      sqrtPriceAX96: getSqrtRatioAtTick(tickLower),
      sqrtPriceBX96: getSqrtRatioAtTick(tickUpper),
      amount0: 50_000n * 10n ** 6n,
      amount1: 25n * 10n ** 18n,
    });
    if (liquidity === 0n) continue;
    const owner = `lp${i}`;
    pool.mint({ recipient: owner, tickLower, tickUpper, amount: liquidity });
    owners.push({ owner, tickLower, tickUpper });
  }

  // Swaps: log-normal USD sizes with a median of $2,000; buyers of ETH are more likely when ETH is
  // below $2,000 and sellers when above, so the price wanders around its start instead of drifting away.
  const swapRng = rng.fork('swaps');
  const workload: Array<{ u: number; amountUsd: number }> = [];
  for (let i = 0; i < opts.swaps; i++) {
    workload.push({ u: swapRng.nextFloat(), amountUsd: 2000 * Math.exp(1.2 * swapRng.normal()) });
  }
  let volumeUsd = 0;
  const started = process.hrtime.bigint();
  for (const s of workload) {
    const ethUsd = token1PriceInToken0(pool.slot0.sqrtPriceX96, DECIMALS0, DECIMALS1);
    const buyEthProbability = Math.min(0.95, Math.max(0.05, 0.5 - 5 * Math.log(ethUsd / 2000)));
    const zeroForOne = s.u < buyEthProbability; // USDC in, ETH out
    const amountIn = zeroForOne ? BigInt(Math.round(s.amountUsd * 1e6)) : BigInt(Math.round((s.amountUsd / ethUsd) * 1e18));
    if (amountIn === 0n) continue;
    pool.swap({ zeroForOne, amountSpecified: amountIn, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n });
    volumeUsd += s.amountUsd;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const ethUsd = token1PriceInToken0(pool.slot0.sqrtPriceX96, DECIMALS0, DECIMALS1);
  print(`pool USDC/WETH 0.05% (fee ${pool.fee} pips, tick spacing ${pool.tickSpacing}), seed ${opts.seed}`);
  print(`  sqrtPriceX96 ${pool.slot0.sqrtPriceX96}  tick ${pool.slot0.tick}  ETH ${ethUsd.toFixed(2)} USDC`);
  print(`  liquidity ${pool.liquidity}  initialized ticks ${pool.initializedTicks().length}`);
  print(`  feeGrowthGlobal0X128 ${pool.feeGrowthGlobal0X128}`);
  print(`  feeGrowthGlobal1X128 ${pool.feeGrowthGlobal1X128}`);
  print(`  balances ${formatUnits(pool.balance0, DECIMALS0)} USDC, ${formatUnits(pool.balance1, DECIMALS1)} WETH`);
  print(`  volume $${Math.round(volumeUsd).toLocaleString('en-US')} over ${opts.swaps} swaps`);
  print('');
  print('position      range (ticks)        in range  fees USDC        fees WETH             fees USD');
  let totalFeesUsd = 0;
  for (const { owner, tickLower, tickUpper } of owners) {
    const v = positionValue({ pool, owner, tickLower, tickUpper });
    const feesUsd = Number(v.fees0) / 1e6 + (Number(v.fees1) / 1e18) * ethUsd;
    totalFeesUsd += feesUsd;
    const inRange = pool.slot0.tick >= tickLower && pool.slot0.tick < tickUpper ? 'yes' : 'no';
    print(
      `${owner.padEnd(12)}  [${tickLower}, ${tickUpper})`.padEnd(35) +
        `${inRange.padEnd(10)}${formatUnits(v.fees0, DECIMALS0).padEnd(17)}${formatUnits(v.fees1, DECIMALS1).padEnd(22)}${feesUsd.toFixed(2)}`,
    );
  }
  print(`total fees $${totalFeesUsd.toFixed(2)} (fee rate ${(totalFeesUsd / volumeUsd * 1e4).toFixed(2)} bps of volume)`);
  print('');
  print(`swaps per second: ${Math.round(opts.swaps / seconds).toLocaleString('en-US')} (${opts.swaps} swaps in ${seconds.toFixed(3)} s)`);
}

function formatUnits(raw: bigint, decimals: number): string {
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(decimals, '0').slice(0, 6);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}
