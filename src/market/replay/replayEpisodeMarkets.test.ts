/** The replay market on small synthetic recordings, where every expected number can be written down. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMarketConfig } from '../marketConfig.ts';
import { createRng } from '../Rng.ts';
import type { RecordedEvent } from './eventLog.ts';
import type { MinuteBar } from './minuteBars.ts';
import { replayEpisodeMarkets, type ReplaySource } from './replayEpisodeMarkets.ts';

const DAY = 86_400;
const DAY0 = 19_727 * DAY; // 2024-01-05
const POOL = '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640';

function bar(minute: number, day: number, close: number, extra: Partial<MinuteBar> = {}): MinuteBar {
  return {
    timestamp: day + minute * 60,
    netAmount0: 0n,
    netAmount1: 0n,
    closeTick: close,
    openTick: close,
    lowestTick: close,
    highestTick: close,
    inAmount0: 0n,
    inAmount1: 0n,
    currentLiquidity: 10n ** 19n,
    ...extra,
  };
}

/** A day whose close walks up one tick a minute from `from`, with minute 0 missing. */
function day(dayStart: number, from: number, events: RecordedEvent[] | null = null): ReplaySource {
  const bars: MinuteBar[] = [];
  for (let m = 1; m < 1440; m++) bars.push(bar(m, dayStart, from + m, m % 7 === 0 ? { inAmount0: 7_000_000_000n, inAmount1: 10n ** 18n } : {}));
  return { name: `day-${dayStart}`, chain: 'ethereum', pool: POOL, dayStart, bars, events };
}

const config = (() => {
  const c = defaultMarketConfig();
  c.replay.scaleVolumeToLiquidity = false;
  c.replay.noiseVolumeShare = 0.5;
  return c;
})();

test('consecutive days join into one segment cut into consecutive windows; a short tail is dropped', () => {
  const r = replayEpisodeMarkets({ sources: [day(DAY0, 200_000), day(DAY0 + DAY, 201_440)], horizonSeconds: 3600, blockSeconds: 12, config, rng: createRng(1) });
  assert.equal(r.windowCount, 48);
  assert.equal(r.windows[0]!.startTimestamp, DAY0);
  assert.equal(r.windows[47]!.startTimestamp, DAY0 + DAY + 23 * 3600);
  assert.deepEqual(r.windows[24]!.sources, [`day-${DAY0 + DAY}`]);
  const r7h = replayEpisodeMarkets({ sources: [day(DAY0, 200_000)], horizonSeconds: 7 * 3600, blockSeconds: 12, config, rng: createRng(1) });
  assert.equal(r7h.windowCount, 3);
  // a gap of a day starts a new segment
  const gap = replayEpisodeMarkets({ sources: [day(DAY0, 200_000), day(DAY0 + 2 * DAY, 200_000)], horizonSeconds: 7 * 3600, blockSeconds: 12, config, rng: createRng(1) });
  assert.equal(gap.windowCount, 6);
  // episode i replays window i mod windowCount
  assert.deepEqual(r.episodeMarket({ index: 49 }).market.externalRawPrice, r.episodeMarket({ index: 1 }).market.externalRawPrice);
});

test('the external price interpolates the clamped minute closes in tick, block by block', () => {
  const source = day(DAY0, 200_000);
  // a stale close outside its own [low, high] (README §2 quirk 1) is clamped
  source.bars[9] = { ...source.bars[9]!, closeTick: 250_000, lowestTick: 200_005, highestTick: 200_012 };
  const r = replayEpisodeMarkets({ sources: [source], horizonSeconds: 3600, blockSeconds: 12, config, rng: createRng(1) });
  const { market, endRawPrice } = r.episodeMarket({ index: 0 });
  const tick = (b: number) => Math.log(market.externalRawPrice[b]!) / Math.log(1.0001);
  assert.equal(market.blocks, 300);
  // minute 0 is missing: padded with the first bar's open (minute 1's, 200_001), so it is flat
  assert.ok(Math.abs(tick(4) - 200_001) < 1e-6);
  assert.ok(Math.abs(tick(14) - 200_002) < 1e-6, 'end of minute 2: its close');
  assert.ok(Math.abs(tick(12) - (200_001 + 0.6)) < 1e-6, 'three fifths into minute 2');
  assert.ok(Math.abs(tick(54) - 200_012) < 1e-6, 'minute 10 clamped to its highestTick');
  assert.ok(Math.abs(tick(59) - 200_011) < 1e-6, 'and back to the recorded path after it');
  assert.equal(endRawPrice, market.externalRawPrice[299]);
  assert.ok(Math.abs(market.ethUsd[0]! * market.externalRawPrice[0]! - 1e12) < 1e-3);
});

test('bar flow: each minute’s in-amounts become one trade per direction, scaled, in a block of that minute', () => {
  const r = replayEpisodeMarkets({ sources: [day(DAY0, 200_000)], horizonSeconds: 3600, blockSeconds: 12, config, rng: createRng(3) });
  const { market } = r.episodeMarket({ index: 0 });
  assert.equal(r.windows[0]!.flow, 'bars');
  const minutes = [7, 14, 21, 28, 35, 42, 49, 56];
  assert.equal(market.trades.length, 2 * minutes.length);
  for (const t of market.trades) {
    const minute = Math.floor(t.block / 5);
    assert.ok(minutes.includes(minute), `trade in block ${t.block}`);
    assert.equal(t.amountIn, t.zeroForOne ? 3_500_000_000n : 5n * 10n ** 17n);
  }
  assert.deepEqual(market.jit, []);
  // same rng, same trades; the flow stream is keyed by window, the gas stream by episode index
  const again = replayEpisodeMarkets({ sources: [day(DAY0, 200_000)], horizonSeconds: 3600, blockSeconds: 12, config, rng: createRng(3) });
  assert.deepEqual(again.episodeMarket({ index: 0 }).market, market);
  assert.deepEqual(again.episodeMarket({ index: 24 }).market.trades, market.trades);
  assert.notDeepEqual(again.episodeMarket({ index: 24 }).market.gasGwei, market.gasGwei);
});

test('event flow: recorded swaps replay exactly, and a JIT pair wraps the swaps between its mint and burn', () => {
  const t0 = DAY0;
  const swap = (s: number, log: number, amount0: bigint, amount1: bigint, block: number): RecordedEvent => ({ kind: 'SWAP', line: 0, blockNumber: block, timestamp: t0 + s, logIndex: log, amount0, amount1, sqrtPriceX96: 1n, tick: 0, liquidity: 10n ** 19n });
  const events: RecordedEvent[] = [
    swap(23, 1, -5_000_000n, 2n * 10n ** 15n, 100),
    { kind: 'MINT', line: 0, blockNumber: 102, timestamp: t0 + 47, logIndex: 3, tickLower: 200_040, tickUpper: 200_050, liquidity: 3n * 10n ** 20n },
    swap(47, 5, 2_000_000_000_000n, -(10n ** 21n), 102),
    { kind: 'BURN', line: 0, blockNumber: 102, timestamp: t0 + 47, logIndex: 7, tickLower: 200_040, tickUpper: 200_050, liquidity: 3n * 10n ** 20n },
    swap(3599, 9, 1_000_000n, -1n, 400),
    swap(3600, 1, 1_000_000n, -1n, 401),
  ];
  const r = replayEpisodeMarkets({ sources: [day(DAY0, 200_000, events)], horizonSeconds: 3600, blockSeconds: 12, config, rng: createRng(3) });
  assert.equal(r.windows[0]!.flow, 'events');
  const { market } = r.episodeMarket({ index: 0 });
  assert.deepEqual(
    market.trades.map((t) => [t.block, t.zeroForOne, t.amountIn]),
    [
      [1, false, 2n * 10n ** 15n],
      [3, true, 2_000_000_000_000n],
      [299, true, 1_000_000n],
    ],
  );
  assert.equal(market.trades[1]!.usd, 2_000_000);
  assert.deepEqual(market.jit, [{ block: 3, tradeIndex: 1, liquidityMultiple: 30 }]);
  // the next window starts with the swap at 3600 s
  assert.equal(r.episodeMarket({ index: 1 }).market.trades.length, 1);
});
