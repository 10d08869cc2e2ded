/**
 * Common random numbers: the same (seed, regime, start) gives the identical market, and each concern
 * draws from its own labelled stream, so changing one model leaves the others' draws untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../clmm/TickMath.ts';
import { sqrtPriceX96ToRawPrice } from '../clmm/price.ts';
import { initialGasState } from './gasModel.ts';
import { generateEpisodeMarket } from './generateEpisodeMarket.ts';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig, type MarketConfig } from './marketConfig.ts';
import { createRng } from './Rng.ts';
import type { RegimeName } from './types.ts';

const START = 1e12 / 2300;

function generate(config: MarketConfig, seed: number, regime: RegimeName = 'jumpy') {
  return generateEpisodeMarket({ config, rng: createRng(seed).fork('episode:3'), regime, startRawPrice: START, gasState: initialGasState(config), blocks: 1800 });
}

test('same seed, same inputs: the identical market', () => {
  const a = generate(DEFAULT_MARKET_CONFIG, 42);
  const b = generate(DEFAULT_MARKET_CONFIG, 42);
  assert.deepEqual(a, b);
  const c = generate(DEFAULT_MARKET_CONFIG, 43);
  assert.notDeepEqual(a.market.externalRawPrice, c.market.externalRawPrice);
  assert.equal(a.market.blocks, 1800);
  assert.equal(a.market.blockSeconds, 12);
  assert.equal(a.market.regime, 'jumpy');
  assert.equal(a.endRawPrice, a.market.externalRawPrice[1799]);
  assert.deepEqual(a.endGasState.gwei, a.market.gasGwei[1799]);
});

test('streams are independent: changing gas or flow leaves the price path (and the rest) untouched', () => {
  const base = generate(DEFAULT_MARKET_CONFIG, 7);

  const gas = defaultMarketConfig();
  gas.gas.spike.ratePerDay = 50;
  gas.gas.medianGwei = 3;
  const g = generate(gas, 7);
  assert.deepEqual(g.market.externalRawPrice, base.market.externalRawPrice);
  assert.deepEqual(g.market.trades, base.market.trades);
  assert.notDeepEqual(g.market.gasGwei, base.market.gasGwei);

  const flow = defaultMarketConfig();
  flow.noise.swapsPerBlock = 2;
  const f = generate(flow, 7);
  assert.deepEqual(f.market.externalRawPrice, base.market.externalRawPrice);
  assert.deepEqual(f.market.gasGwei, base.market.gasGwei);
  assert.notEqual(f.market.trades.length, base.market.trades.length);

  const jit = defaultMarketConfig();
  jit.jit.enabled = false;
  const j = generate(jit, 7);
  assert.deepEqual(j.market.trades, base.market.trades);
  assert.deepEqual(j.market.jit, []);

  // a different regime changes the price path but not the gas path
  const m = generate(DEFAULT_MARKET_CONFIG, 7, 'mid');
  assert.deepEqual(m.market.gasGwei, base.market.gasGwei);
});

test('sqrt prices and ETH/USD are consistent with the raw price path', () => {
  const { market } = generate(DEFAULT_MARKET_CONFIG, 1);
  for (let b = 0; b < market.blocks; b += 97) {
    const raw = market.externalRawPrice[b]!;
    assert.ok(Math.abs(sqrtPriceX96ToRawPrice(market.externalSqrtPriceX96[b]!) / raw - 1) < 1e-12);
    assert.ok(Math.abs(market.ethUsd[b]! - 1e12 / raw) < 1e-9 * market.ethUsd[b]!);
    assert.ok(market.externalSqrtPriceX96[b]! > MIN_SQRT_RATIO && market.externalSqrtPriceX96[b]! < MAX_SQRT_RATIO);
  }
  assert.ok(Math.abs(market.ethUsd[0]! / 2300 - 1) < 0.01);
});

test('extreme prices are clamped into the engine range', () => {
  const config = defaultMarketConfig();
  const { market } = generateEpisodeMarket({ config, rng: createRng(1), regime: 'low', startRawPrice: 1e-50, gasState: initialGasState(config), blocks: 3 });
  assert.equal(market.externalSqrtPriceX96[0], MIN_SQRT_RATIO + 1n);
});
