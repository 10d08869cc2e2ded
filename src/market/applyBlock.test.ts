import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from '../clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../clmm/price.ts';
import { MIN_SQRT_RATIO } from '../clmm/TickMath.ts';
import { applyBlock, JIT_OWNER } from './applyBlock.ts';
import { seedBackgroundLiquidity } from './backgroundLiquidity.ts';
import { initialGasState } from './gasModel.ts';
import { generateEpisodeMarket } from './generateEpisodeMarket.ts';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig } from './marketConfig.ts';
import { createRng } from './Rng.ts';
import type { EpisodeMarket, NoiseTrade } from './types.ts';

const START = 1e12 / 2300;
const config = DEFAULT_MARKET_CONFIG;

function seededPool(): Pool {
  const pool = new Pool({ fee: 500, tickSpacing: 10 });
  pool.initialize(rawPriceToSqrtPriceX96(START));
  seedBackgroundLiquidity({ pool, config, centerTick: pool.slot0.tick });
  return pool;
}

function flatMarket(trades: NoiseTrade[], blocks: number, jit: EpisodeMarket['jit'] = []): EpisodeMarket {
  const raw = new Float64Array(blocks).fill(START);
  return {
    regime: 'mid',
    blocks,
    blockSeconds: 12,
    externalRawPrice: raw,
    externalSqrtPriceX96: Array.from({ length: blocks }, () => rawPriceToSqrtPriceX96(START)),
    gasGwei: new Float64Array(blocks).fill(12),
    ethUsd: new Float64Array(blocks).fill(2300),
    trades,
    jit,
  };
}

test('the cursor walks the trades block by block, and the market is not modified', () => {
  const { market } = generateEpisodeMarket({ config, rng: createRng(2), regime: 'mid', startRawPrice: START, gasState: initialGasState(config), blocks: 300 });
  const snapshot = structuredClone(market);
  const pool = seededPool();
  let cursor = 0;
  for (let b = 0; b < market.blocks; b++) {
    cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config });
    const expected = market.trades.findIndex((t) => t.block > b);
    assert.equal(cursor, expected === -1 ? market.trades.length : expected);
  }
  assert.deepEqual(market, snapshot);
  // a caller that skips ahead does not replay earlier blocks' trades late
  const other = seededPool();
  const late = applyBlock({ pool: other, market, block: 200, tradeCursor: 0, config });
  assert.equal(late, market.trades.findIndex((t) => t.block > 200));
});

test('every pool copy replays the same flow: identical copies end identical', () => {
  const { market } = generateEpisodeMarket({ config, rng: createRng(8), regime: 'jumpy', startRawPrice: START, gasState: initialGasState(config), blocks: 600 });
  const a = seededPool();
  const b = a.clone();
  let ca = 0;
  let cb = 0;
  for (let i = 0; i < market.blocks; i++) {
    ca = applyBlock({ pool: a, market, block: i, tradeCursor: ca, config });
    cb = applyBlock({ pool: b, market, block: i, tradeCursor: cb, config });
  }
  assert.equal(a.slot0.sqrtPriceX96, b.slot0.sqrtPriceX96);
  assert.equal(a.feeGrowthGlobal0X128, b.feeGrowthGlobal0X128);
  assert.equal(a.feeGrowthGlobal1X128, b.feeGrowthGlobal1X128);
});

test('a trade the engine rejects (SPL at the price limit) is skipped, and the next block goes on', () => {
  // only a narrow position: a huge sell drains it and parks the price at MIN + 1
  const pool = new Pool({ fee: 500, tickSpacing: 10 });
  pool.initialize(rawPriceToSqrtPriceX96(START));
  const t = Math.floor(pool.slot0.tick / 10) * 10;
  pool.mint({ recipient: 'lp', tickLower: t - 10, tickUpper: t + 10, amount: 10n ** 15n });
  const huge = 10n ** 30n;
  const trades: NoiseTrade[] = [
    { block: 0, zeroForOne: true, amountIn: huge, usd: 1 },
    { block: 0, zeroForOne: true, amountIn: huge, usd: 1 },
    { block: 1, zeroForOne: false, amountIn: 10n ** 6n, usd: 1 },
  ];
  const noArb = defaultMarketConfig();
  noArb.arbitrage.enabled = false;
  const market = flatMarket(trades, 2);
  assert.equal(applyBlock({ pool, market, block: 0, tradeCursor: 0, config: noArb }), 2);
  assert.equal(pool.slot0.sqrtPriceX96, MIN_SQRT_RATIO + 1n);
  assert.equal(applyBlock({ pool, market, block: 1, tradeCursor: 2, config: noArb }), 3);
  assert.ok(pool.slot0.sqrtPriceX96 > MIN_SQRT_RATIO + 1n);
});

test('JIT liquidity is minted around the swap and gone after it, diluting the background LPs’ fees', () => {
  // a $2M sell (MF §9: JIT fires on swaps of $1M or more) with 30× the active liquidity in its spacing
  const trade: NoiseTrade = { block: 0, zeroForOne: true, amountIn: 2_000_000n * 10n ** 6n, usd: 2_000_000 };
  const noArb = defaultMarketConfig();
  noArb.arbitrage.enabled = false;
  const feePerUnitL = (jit: EpisodeMarket['jit']) => {
    const pool = seededPool();
    const tick = Math.floor(pool.slot0.tick / 10) * 10;
    const before = pool.feeGrowthGlobal0X128;
    applyBlock({ pool, market: flatMarket([trade], 1, jit), block: 0, tradeCursor: 0, config: noArb });
    const info = pool.getPosition(JIT_OWNER, tick, tick + 10);
    assert.equal(info.liquidity, 0n);
    assert.equal(info.tokensOwed0 + info.tokensOwed1, 0n);
    return Number(pool.feeGrowthGlobal0X128 - before);
  };
  const without = feePerUnitL([]);
  const withJit = feePerUnitL([{ block: 0, tradeIndex: 0, liquidityMultiple: 30 }]);
  assert.ok(without > 0);
  // fee growth per unit of in-range liquidity falls by about 1/(1 + 30)
  assert.ok(withJit < without * 0.1, `fee growth with JIT ${withJit} vs without ${without}`);
});

