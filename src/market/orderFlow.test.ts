import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig } from './marketConfig.ts';
import { generateJitEvents, generateNoiseTrades, usdToAmountIn } from './orderFlow.ts';
import { createRng } from './Rng.ts';
import type { NoiseTrade } from './types.ts';

const RAW = 1e12 / 2300; // token1 base units per token0 base unit at ETH = $2,300

function episodeTrades(seed: number, blocks = 1800, config = DEFAULT_MARKET_CONFIG): NoiseTrade[] {
  return generateNoiseTrades({ config, rng: createRng(seed), externalRawPrice: new Float64Array(blocks).fill(RAW), blockSeconds: 12 });
}

test('arrivals: mean swaps per block matches the config over many episodes, trades sorted by block', () => {
  const episodes = 200;
  let count = 0;
  for (let e = 0; e < episodes; e++) {
    const trades = episodeTrades(e);
    count += trades.length;
    for (let i = 1; i < trades.length; i++) assert.ok(trades[i]!.block >= trades[i - 1]!.block);
  }
  const perBlock = count / (episodes * 1800);
  // the rate multiplier (log-sd 0.35, 2-h half-life) makes episodes differ by ≈±15%: SE over 200 ≈ 1%
  assert.ok(Math.abs(perBlock / DEFAULT_MARKET_CONFIG.noise.swapsPerBlock - 1) < 0.05, `swaps per block ${perBlock}`);
});

test('sizes follow the two-component lognormal mixture; directions are 50/50', () => {
  const trades: NoiseTrade[] = [];
  for (let e = 0; e < 60; e++) trades.push(...episodeTrades(1000 + e));
  const usd = trades.map((t) => t.usd).sort((a, b) => a - b);
  // empirical CDF against the mixture's (≈70k draws: SE of a CDF value ≤ 0.002)
  const sizes = DEFAULT_MARKET_CONFIG.noise.sizes;
  const cdf = (x: number) => sizes.reduce((s, c) => s + c.weight * normalCdf((Math.log(x) - Math.log(c.medianUsd)) / c.sigmaLog), 0);
  for (const x of [100, 500, 2000, 10_000, 50_000, 120_000, 300_000, 1_000_000]) {
    const empirical = lowerBound(usd, x) / usd.length;
    assert.ok(Math.abs(empirical - cdf(x)) < 0.01, `P(size < $${x}) = ${empirical} vs ${cdf(x)}`);
  }
  const big = trades.filter((t) => t.usd >= 1e6).length / trades.length;
  assert.ok(big > 0.001 && big < 0.006, `share of $1M+ swaps ${big} (MF §3: 0.3–0.5% of all swaps)`);
  assert.ok(usd[usd.length - 1]! <= DEFAULT_MARKET_CONFIG.noise.maxUsd);
  const share0 = trades.filter((t) => t.zeroForOne).length / trades.length;
  assert.ok(Math.abs(share0 - 0.5) < 4 * Math.sqrt(0.25 / trades.length), `token0-in share ${share0}`);
  const daily = (usd.reduce((s, x) => s + x, 0) / (60 * 1800)) * 7200;
  assert.ok(daily > 1.1e8 && daily < 1.9e8, `noise volume per day $${(daily / 1e6).toFixed(0)} M`);
});

test('amounts are exact inputs at the external price: $ × 10^6 of token0, or that × raw price of token1', () => {
  assert.equal(usdToAmountIn({ usd: 2300, zeroForOne: true, rawPrice: RAW, decimals0: 6 }), 2_300_000_000n);
  assert.equal(usdToAmountIn({ usd: 2300, zeroForOne: false, rawPrice: RAW, decimals0: 6 }), 1_000_000_000_000_000_000n);
  assert.equal(usdToAmountIn({ usd: 1e-9, zeroForOne: true, rawPrice: RAW, decimals0: 6 }), 1n);
  for (const t of episodeTrades(4)) {
    const expected = usdToAmountIn({ usd: t.usd, zeroForOne: t.zeroForOne, rawPrice: RAW, decimals0: 6 });
    assert.equal(t.amountIn, expected);
  }
});

test('JIT events wrap exactly the swaps of $1M or more, with multiples in [17, 36]', () => {
  const trades: NoiseTrade[] = [];
  for (let e = 0; e < 30; e++) trades.push(...episodeTrades(200 + e).map((t) => ({ ...t })));
  const jit = generateJitEvents({ config: DEFAULT_MARKET_CONFIG, rng: createRng(1), trades });
  const big = trades.map((t, i) => [t, i] as const).filter(([t]) => t.usd >= 1e6);
  assert.equal(jit.length, big.length);
  assert.ok(jit.length > 0);
  for (const [k, event] of jit.entries()) {
    assert.equal(event.tradeIndex, big[k]![1]);
    assert.equal(event.block, trades[event.tradeIndex]!.block);
    assert.ok(event.liquidityMultiple >= 17 && event.liquidityMultiple <= 36);
  }
  const off = defaultMarketConfig();
  off.jit.enabled = false;
  assert.deepEqual(generateJitEvents({ config: off, rng: createRng(1), trades }), []);
});

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Φ(z) via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
