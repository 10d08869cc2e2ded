/**
 * The replay loaders against the recorded data (data README). Data directory: $CLMM_REAL_DATA, else
 * ../shared/data/real relative to the repo root (resolved from this file, not the working directory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { defaultMarketConfig } from '../market/marketConfig.ts';
import { createRng } from '../market/Rng.ts';
import { REGIMES } from '../market/types.ts';
import { loadEventLog, loadMinuteBars, loadReplaySources, REAL_DATA_ENV, replayEpisodeMarkets, resolveRealDataDir } from './realData.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = resolveRealDataDir({ dir: process.env[REAL_DATA_ENV], baseDir: REPO_ROOT });
const ETH_DAY = 'ethereum-0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640-2024-01-05';
const config = defaultMarketConfig();

test('the Ethereum 0x88e6 minute file and event log load with the README’s counts', () => {
  const files = loadMinuteBars(join(DATA, 'zelos-alpha-demeter-fetch'));
  assert.deepEqual(files.map((f) => f.name), [`${ETH_DAY}.minute.csv`]);
  assert.equal(files[0]!.bars.length, 1440);
  assert.equal(files[0]!.date, '2024-01-05');
  const events = loadEventLog(join(DATA, 'zelos-alpha-demeter-fetch', `${ETH_DAY}.tick.csv`));
  const count = (k: string) => events.filter((e) => e.kind === k).length;
  assert.deepEqual([count('SWAP'), count('MINT'), count('BURN')], [6046, 54, 69]);
  // the minute bars are built from the same swaps (README §2: the two files match exactly)
  const in0 = files[0]!.bars.reduce((s, b) => s + b.inAmount0, 0n);
  const swaps0 = events.reduce((s, e) => (e.kind === 'SWAP' && e.amount0 > 0n ? s + e.amount0 : s), 0n);
  assert.equal(in0, swaps0);
  const polygon = loadMinuteBars(join(DATA, 'zelos-alpha-demeter'));
  assert.equal(polygon.length, 44);
});

test('replay: 180 six-hour windows, the Ethereum day first with its recorded swaps replayed exactly', () => {
  const r = replayEpisodeMarkets({ dataDir: DATA, horizonSeconds: 21_600, blockSeconds: 12, config, rng: createRng(42) });
  // 1 Ethereum day + 44 Polygon days (35 + 5 + 2 + 2 consecutive) = 45 days × 4 windows
  assert.equal(r.windowCount, 180);
  assert.deepEqual(r.windows.slice(0, 5).map((w) => w.flow), ['events', 'events', 'events', 'events', 'bars']);
  assert.equal(r.windows[0]!.chain, 'ethereum');
  assert.equal(r.windows[4]!.chain, 'polygon');
  for (const w of r.windows) assert.ok((REGIMES as readonly string[]).includes(w.regime));
  const labels = new Set(r.windows.map((w) => w.regime));
  assert.ok(labels.size >= 5, `labels seen: ${[...labels].join(', ')}`);

  const sources = loadReplaySources(DATA);
  const events = sources[0]!.events!;
  const start = r.windows[1]!.startTimestamp;
  const recorded = events.filter((e) => e.kind === 'SWAP' && e.timestamp >= start && e.timestamp < start + 21_600);
  const { market } = r.episodeMarket({ index: 1 });
  assert.equal(market.trades.length, recorded.length);
  for (const [i, e] of recorded.entries()) {
    assert.ok(e.kind === 'SWAP');
    const t = market.trades[i]!;
    assert.equal(t.zeroForOne, e.amount0 > 0n);
    assert.equal(t.amountIn, e.amount0 > 0n ? e.amount0 : e.amount1);
    assert.equal(t.block, Math.floor((e.timestamp - start) / 12));
  }
  assert.ok(market.jit.length > 0, 'the recorded JIT pairs of the day are replayed');
  for (const j of market.jit) assert.ok(j.liquidityMultiple > 1);
});

test('replay: every block price lies within its minute’s recorded [low, high] envelope', () => {
  const r = replayEpisodeMarkets({ dataDir: DATA, horizonSeconds: 21_600, blockSeconds: 12, config, rng: createRng(42) });
  const bars = loadMinuteBars(join(DATA, 'zelos-alpha-demeter-fetch'))[0]!.bars;
  for (const index of [0, 3]) {
    const { market } = r.episodeMarket({ index });
    const firstMinute = index * 360;
    for (let b = 0; b < market.blocks; b++) {
      const tick = Math.log(market.externalRawPrice[b]!) / Math.log(1.0001);
      const m = firstMinute + Math.floor(b / 5);
      const lo = Math.min(bars[m]!.lowestTick, bars[Math.max(0, m - 1)]!.lowestTick);
      const hi = Math.max(bars[m]!.highestTick, bars[Math.max(0, m - 1)]!.highestTick);
      assert.ok(tick >= lo - 1e-6 && tick <= hi + 1e-6, `episode ${index} block ${b}: tick ${tick} outside [${lo}, ${hi}]`);
    }
    assert.ok(market.ethUsd[0]! > 2190 && market.ethUsd[0]! < 2290);
  }
});

test('a missing data folder or file is a named REAL_DATA_MISSING error', () => {
  const missing = (fn: () => unknown) =>
    assert.throws(fn, (e: unknown) => e instanceof ClmmLabError && e.code === 'REAL_DATA_MISSING' && /not found/.test(e.message));
  missing(() => resolveRealDataDir({ dir: '/nonexistent/clmm-data', baseDir: REPO_ROOT }));
  missing(() => loadEventLog(join(DATA, 'nope.tick.csv')));
  missing(() => loadMinuteBars('/nonexistent/clmm-data'));
  assert.equal(resolveRealDataDir({ dir: undefined, baseDir: REPO_ROOT }), join(REPO_ROOT, '../shared/data/real'));
});
