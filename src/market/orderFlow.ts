/**
 * Uninformed order flow and the just-in-time LPs that prey on its largest swaps.
 *
 * Noise swaps arrive per block as a Poisson count whose rate drifts slowly (a log-OU multiplier with
 * mean 1, MF §2: overdispersion comes from hours-long rate changes). Sizes in USD come from a
 * lognormal mixture (MF §3), clamped into [minUsd, maxUsd]; the direction is a coin with
 * `token0InShare`. Each size becomes an exact input amount at the block's external price — token0 is
 * the dollar numeraire (PoolSpec), so $1 = 10^decimals0 token0 units, and one token0 unit is worth
 * `rawPrice` token1 units. The trades are drawn once per episode and shared by every strategy's pool
 * copy (common random numbers), whatever those pools' prices are.
 */
import type { MarketConfig } from './marketConfig.ts';
import { poisson } from './poisson.ts';
import type { Rng } from './Rng.ts';
import type { JitEvent, NoiseTrade } from './types.ts';

export interface GenerateNoiseTradesParameters {
  config: Pick<MarketConfig, 'noise' | 'pool'>;
  rng: Rng;
  /** External raw price per block (token1 base units per token0 base unit). */
  externalRawPrice: Float64Array;
  blockSeconds: number;
}

/** Converts a USD size into an exact input amount of the input token at a raw price. */
export function usdToAmountIn(params: { usd: number; zeroForOne: boolean; rawPrice: number; decimals0: number }): bigint {
  const amount0 = params.usd * 10 ** params.decimals0;
  const amount = params.zeroForOne ? amount0 : amount0 * params.rawPrice;
  const rounded = Math.round(amount);
  return rounded >= 1 ? BigInt(rounded) : 1n;
}

export function generateNoiseTrades(p: GenerateNoiseTradesParameters): NoiseTrade[] {
  const { noise, pool } = p.config;
  const blocks = p.externalRawPrice.length;
  const rateRng = p.rng.fork('rate');
  const tradeRng = p.rng.fork('trades');

  const s = noise.rateLogSd;
  const decay = Math.exp((-Math.LN2 * p.blockSeconds) / (noise.rateHalfLifeHours * 3600));
  const innovationSd = s * Math.sqrt(1 - decay * decay);
  let logRate = s * rateRng.normal(); // start from the stationary distribution
  const meanCorrection = (s * s) / 2; // E[exp(x − s²/2)] = 1, so the mean rate is swapsPerBlock

  const components = noise.sizes;
  const cumulative = new Float64Array(components.length);
  let acc = 0;
  for (let i = 0; i < components.length; i++) {
    acc += components[i]!.weight;
    cumulative[i] = acc;
  }
  const logMedians = components.map((c) => Math.log(c.medianUsd));
  const trades: NoiseTrade[] = [];

  for (let b = 0; b < blocks; b++) {
    if (s > 0) logRate = logRate * decay + innovationSd * rateRng.normal();
    const mean = noise.swapsPerBlock * (s > 0 ? Math.exp(logRate - meanCorrection) : 1);
    const count = poisson(mean, tradeRng);
    if (count === 0) continue;
    const rawPrice = p.externalRawPrice[b]!;
    for (let j = 0; j < count; j++) {
      const pick = tradeRng.nextFloat() * acc;
      let c = 0;
      while (c < components.length - 1 && pick >= cumulative[c]!) c++;
      let usd = Math.exp(logMedians[c]! + components[c]!.sigmaLog * tradeRng.normal());
      if (usd < noise.minUsd) usd = noise.minUsd;
      else if (usd > noise.maxUsd) usd = noise.maxUsd;
      const zeroForOne = tradeRng.nextFloat() < noise.token0InShare;
      trades.push({ block: b, zeroForOne, amountIn: usdToAmountIn({ usd, zeroForOne, rawPrice, decimals0: pool.decimals0 }), usd });
    }
  }
  return trades;
}

export interface GenerateJitEventsParameters {
  config: Pick<MarketConfig, 'jit'>;
  rng: Rng;
  trades: readonly NoiseTrade[];
}

/**
 * JIT events for the episode's large swaps (MF §9: swaps of $1 M or more; MF §5.3: 17–36× the active
 * liquidity, in one tick spacing, minted and burned around the swap in the same block). Two draws per
 * eligible trade whether or not it fires, so the probability does not shift later multiples.
 */
export function generateJitEvents(p: GenerateJitEventsParameters): JitEvent[] {
  const jit = p.config.jit;
  const events: JitEvent[] = [];
  if (!jit.enabled) return events;
  for (let i = 0; i < p.trades.length; i++) {
    const trade = p.trades[i]!;
    if (trade.usd < jit.minSwapUsd) continue;
    const fires = p.rng.nextFloat() < jit.probability;
    const multiple = jit.liquidityMultipleMin + (jit.liquidityMultipleMax - jit.liquidityMultipleMin) * p.rng.nextFloat();
    if (fires) events.push({ block: trade.block, tradeIndex: i, liquidityMultiple: multiple });
  }
  return events;
}
