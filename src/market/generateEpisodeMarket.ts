/**
 * Everything exogenous in one episode of the regime model: the external price path, the gas price,
 * the noise trades and the JIT events, computed once and shared by every strategy's pool copy.
 *
 * The generator passed in is already specific to (lane, episode). Each concern draws from its own
 * labelled fork (`price`, `gas`, `flow`, `jit`), so adding a draw to one never shifts another: a
 * change to the gas model leaves the price path and the trades bit-for-bit unchanged.
 */
import { rawPriceToSqrtPriceX96 } from '../clmm/price.ts';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../clmm/TickMath.ts';
import { simulateGas, type GasState } from './gasModel.ts';
import type { MarketConfig } from './marketConfig.ts';
import { generateJitEvents, generateNoiseTrades } from './orderFlow.ts';
import { simulatePricePath } from './pricePath.ts';
import type { Rng } from './Rng.ts';
import type { EpisodeMarket, RegimeName } from './types.ts';

export interface GenerateEpisodeMarketParameters {
  config: MarketConfig;
  rng: Rng;
  regime: RegimeName;
  /** External raw price where the previous episode ended (or the lane's start). */
  startRawPrice: number;
  gasState: GasState;
  blocks: number;
}

export interface GenerateEpisodeMarketReturnType {
  market: EpisodeMarket;
  endRawPrice: number;
  endGasState: GasState;
}

const MIN_LIMIT = MIN_SQRT_RATIO + 1n;
const MAX_LIMIT = MAX_SQRT_RATIO - 1n;

/** Exact sqrt prices for a raw price path, clamped into the engine's open price range. */
export function sqrtPricesX96(rawPrices: Float64Array): bigint[] {
  const out = new Array<bigint>(rawPrices.length);
  for (let b = 0; b < rawPrices.length; b++) {
    let s = rawPriceToSqrtPriceX96(rawPrices[b]!);
    if (s < MIN_LIMIT) s = MIN_LIMIT;
    else if (s > MAX_LIMIT) s = MAX_LIMIT;
    out[b] = s;
  }
  return out;
}

/** token1 in token0, human units (ETH in USD for USDC/WETH): 10^(dec1 − dec0) / raw price. */
export function ethUsdPath(rawPrices: Float64Array, decimals0: number, decimals1: number): Float64Array {
  const scale = 10 ** (decimals1 - decimals0);
  const out = new Float64Array(rawPrices.length);
  for (let b = 0; b < rawPrices.length; b++) out[b] = scale / rawPrices[b]!;
  return out;
}

export function generateEpisodeMarket(p: GenerateEpisodeMarketParameters): GenerateEpisodeMarketReturnType {
  const { config, rng, regime, blocks } = p;
  const blockSeconds = config.blockSeconds;
  const params = config.regimes[regime];
  if (params === undefined) throw new RangeError(`unknown regime ${String(regime)}`);

  const path = simulatePricePath({ params, startRawPrice: p.startRawPrice, blocks, blockSeconds, rng: rng.fork('price') });
  const gas = simulateGas({ config, state: p.gasState, blocks, blockSeconds, rng: rng.fork('gas') });
  const trades = generateNoiseTrades({ config, rng: rng.fork('flow'), externalRawPrice: path.rawPrices, blockSeconds });
  const jit = generateJitEvents({ config, rng: rng.fork('jit'), trades });

  const market: EpisodeMarket = {
    regime,
    blocks,
    blockSeconds,
    externalRawPrice: path.rawPrices,
    externalSqrtPriceX96: sqrtPricesX96(path.rawPrices),
    gasGwei: gas.gasGwei,
    ethUsd: ethUsdPath(path.rawPrices, config.pool.decimals0, config.pool.decimals1),
    trades,
    jit,
  };
  return { market, endRawPrice: path.endRawPrice, endGasState: gas.endState };
}
