/**
 * Speed of the market model's hot path: one episode (1,800 blocks = 6 h) of applyBlock — arbitrage,
 * noise swaps and JIT — on one pool copy seeded with the default background liquidity, per regime,
 * after a warm-up. Also prints how much of it is the arbitrage and what the flow looked like.
 *
 * Usage: node --import tsx bench/market.bench.ts [--episodes N]   (N per regime, default 10)
 */
import { parseArgs } from 'node:util';
import { Pool } from '../src/clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../src/clmm/price.ts';
import { applyBlock } from '../src/market/applyBlock.ts';
import { seedBackgroundLiquidity } from '../src/market/backgroundLiquidity.ts';
import { initialGasState } from '../src/market/gasModel.ts';
import { generateEpisodeMarket } from '../src/market/generateEpisodeMarket.ts';
import { defaultMarketConfig } from '../src/market/marketConfig.ts';
import { createRng } from '../src/market/Rng.ts';
import { REGIMES, type EpisodeMarket } from '../src/market/types.ts';

const { values } = parseArgs({ options: { episodes: { type: 'string' } } });
const episodes = Number(values.episodes ?? 10);
const config = defaultMarketConfig();
const noArb = defaultMarketConfig();
noArb.arbitrage.enabled = false;
const spec = config.pool;
const startRaw = 10 ** (spec.decimals1 - spec.decimals0) / config.startPriceUsd;
const template = new Pool({ fee: spec.fee, tickSpacing: spec.tickSpacing });
template.initialize(rawPriceToSqrtPriceX96(startRaw));
seedBackgroundLiquidity({ pool: template, config, centerTick: template.slot0.tick });

function run(market: EpisodeMarket, c: typeof config): number {
  const pool = template.clone();
  const t0 = performance.now();
  let cursor = 0;
  for (let b = 0; b < market.blocks; b++) cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config: c });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
// warm-up
for (let e = 0; e < 6; e++) {
  const { market } = generateEpisodeMarket({ config, rng: createRng(9000 + e), regime: 'mid', startRawPrice: startRaw, gasState: initialGasState(config), blocks: 1800 });
  run(market, config);
}
const all: number[] = [];
let genMs = 0;
for (const regime of REGIMES) {
  const full: number[] = [];
  const flowOnly: number[] = [];
  let trades = 0;
  let jit = 0;
  for (let e = 0; e < episodes; e++) {
    const g0 = performance.now();
    const { market } = generateEpisodeMarket({ config, rng: createRng(1000 + e), regime, startRawPrice: startRaw, gasState: initialGasState(config), blocks: 1800 });
    genMs += performance.now() - g0;
    full.push(run(market, config));
    flowOnly.push(run(market, noArb));
    trades += market.trades.length;
    jit += market.jit.length;
  }
  all.push(...full);
  console.log(`${regime.padEnd(12)} ms/episode median ${median(full).toFixed(1)} (without arbitrage ${median(flowOnly).toFixed(1)}); noise swaps/episode ${(trades / episodes).toFixed(0)}, JIT ${(jit / episodes).toFixed(1)}`);
}
console.log(`all regimes: median ${median(all).toFixed(1)} ms per 1800-block episode on one pool copy; generateEpisodeMarket ${(genMs / (episodes * REGIMES.length)).toFixed(1)} ms (once per episode, shared by all copies)`);
