import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Pool } from '../../clmm/Pool.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { generateEpisodeMarket } from '../../market/generateEpisodeMarket.ts';
import { LaneMarket } from '../../market/LaneMarket.ts';
import { defaultMarketConfig } from '../../market/marketConfig.ts';
import type { MarketSource } from '../../market/MarketSource.ts';
import { createRng } from '../../market/Rng.ts';
import { gasCostUsd } from '../gasCost.ts';
import type { ExecutorPort } from '../ExecutorPort.ts';
import { SimVenue } from './SimVenue.ts';

const BLOCKS = 60;
const config = defaultMarketConfig();
const spec = config.pool;

function lane(): { market: LaneMarket; venue: SimVenue } {
  const root = createRng(7);
  const source: MarketSource = {
    regime: () => 'jumpy',
    episodeMarket: ({ index, regime, startRawPrice, gasState }) => generateEpisodeMarket({ config, rng: root.fork(`episode:${index}`), regime, startRawPrice, gasState, blocks: BLOCKS }),
  };
  const market = new LaneMarket({ source, config });
  return { market, venue: new SimVenue({ config, windows: market, startRawPrice: market.startRawPrice }) };
}

function wallet(venue: SimVenue, name: string): ExecutorPort {
  // $5,000 in each token at the start price
  return venue.port({ name, amount0Raw: 5_000n * 10n ** 6n, amount1Raw: BigInt(Math.round((5000 / config.startPriceUsd) * 1e18)) });
}

async function codeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ClmmLabError) return error.code;
    throw error;
  }
  return 'no error';
}

/** A range of ±`half` tick spacings around the tick. */
function around(tick: number, half: number): { tickLower: number; tickUpper: number } {
  const c = Math.floor(tick / spec.tickSpacing) * spec.tickSpacing;
  return { tickLower: c - half * spec.tickSpacing, tickUpper: c + half * spec.tickSpacing };
}

const originalClone = Pool.prototype.clone;
afterEach(() => {
  Pool.prototype.clone = originalClone;
});

test('opening a position takes the tokens from the wallet, charges mint gas at the block price, and the position is owned', async () => {
  const { market, venue } = lane();
  const w = market.open(0);
  const lp = wallet(venue, 'lp');
  const before = await lp.balances();
  const pool = await lp.poolInfo();
  assert.equal(pool.block, 0);
  const opened = await lp.openPosition({ ...around(pool.tick, 20), amount0MaxRaw: before.amount0Raw, amount1MaxRaw: before.amount1Raw });
  assert.ok(opened.liquidity > 0n);
  const after = await lp.balances();
  assert.equal(after.amount0Raw, before.amount0Raw - opened.amount0Raw);
  assert.equal(after.amount1Raw, before.amount1Raw - opened.amount1Raw);
  assert.equal(opened.receipt.txHash, null);
  assert.equal(opened.receipt.gasUnits, config.gasUnits.mint);
  assert.equal(opened.receipt.gasUsd, gasCostUsd({ gasUnits: config.gasUnits.mint, gasPriceGwei: w.market.gasGwei[0]!, nativeUsd: w.market.ethUsd[0]! }));
  const owned = await lp.positionsOwned();
  assert.deepEqual(owned.map((p) => [p.positionId, p.liquidity]), [[opened.positionId, opened.liquidity]]);
  assert.deepEqual(await lp.positionInfo(opened.positionId), owned[0]);
});

test('advance runs the window on the wallet\'s pool copy, and closing returns principal and fees to the wallet', async () => {
  const { market, venue } = lane();
  const w = market.open(0);
  const lp = wallet(venue, 'lp');
  const idle = await lp.balances();
  const pool = await lp.poolInfo();
  const opened = await lp.openPosition({ ...around(pool.tick, 50), amount0MaxRaw: idle.amount0Raw, amount1MaxRaw: idle.amount1Raw });
  const report = await lp.advance({ block: w.startBlock + BLOCKS });
  assert.equal(report.observedTicks.length, BLOCKS);
  assert.equal(report.blocksInRange.length, 1);
  assert.ok(report.blocksInRange[0]! > 0 && report.blocksInRange[0]! <= BLOCKS);
  assert.ok(report.swaps > 0, 'the market traded in the copy');
  const [position] = await lp.positionsOwned();
  assert.ok(position!.fees0Raw + position!.fees1Raw > 0n, 'noise traders paid fees');
  const held = await lp.balances();
  const closed = await lp.closePosition(opened.positionId);
  assert.equal(closed.amount0Raw, position!.amount0Raw);
  assert.equal(closed.fees0Raw, position!.fees0Raw);
  assert.equal(closed.fees1Raw, position!.fees1Raw);
  const end = await lp.balances();
  assert.equal(end.amount0Raw, held.amount0Raw + closed.amount0Raw + closed.fees0Raw);
  assert.equal(end.amount1Raw, held.amount1Raw + closed.amount1Raw + closed.fees1Raw);
  assert.deepEqual(await lp.positionsOwned(), []);
});

test('a wallet that never writes gets no pool copy: it observes the external price and runs no block', async () => {
  let clones = 0;
  Pool.prototype.clone = function (this: Pool) {
    clones++;
    return originalClone.call(this);
  };
  const { market, venue } = lane();
  const w = market.open(0);
  const hodl = wallet(venue, 'hodl');
  await hodl.poolInfo();
  assert.deepEqual(await hodl.positionsOwned(), []);
  const report = await hodl.advance({ block: w.startBlock + BLOCKS });
  assert.equal(clones, 0, 'no pool copy was made');
  assert.equal(report.swaps, 0);
  assert.deepEqual(report.blocksInRange, []);
  assert.ok(Math.abs(report.observedTicks[BLOCKS - 1]! - Math.log(w.market.externalRawPrice[BLOCKS - 1]!) / Math.log(1.0001)) < 1e-6);
  // the first write makes the copy
  const idle = await hodl.balances();
  market.open(1);
  await hodl.executeSwap({ zeroForOne: true, amountInRaw: idle.amount0Raw / 10n });
  assert.equal(clones, 1);
  assert.ok((await hodl.advance({ block: BLOCKS * 2 })).swaps > 0, 'from then on the copy runs the blocks');
});

test('quoteSwap changes nothing; executeSwap moves the wallet by the quoted amounts', async () => {
  const { market, venue } = lane();
  market.open(0);
  const trader = wallet(venue, 'trader');
  await trader.openPosition({ ...around((await trader.poolInfo()).tick, 10), amount0MaxRaw: 1000n * 10n ** 6n, amount1MaxRaw: 10n ** 18n });
  const before = await trader.balances();
  const params = { zeroForOne: false, amountInRaw: 10n ** 17n };
  const quote = await trader.quoteSwap(params);
  assert.deepEqual(await trader.balances(), before);
  const done = await trader.executeSwap(params);
  assert.equal(done.amountOutRaw, quote.amountOutRaw);
  assert.equal(done.ticksCrossed, quote.ticksCrossed);
  assert.equal(done.receipt.gasUnits, config.gasUnits.swapBase + config.gasUnits.swapPerTick * done.ticksCrossed);
  const after = await trader.balances();
  assert.equal(after.amount1Raw, before.amount1Raw - done.amountInRaw);
  assert.equal(after.amount0Raw, before.amount0Raw + done.amountOutRaw);
});

test('a new window brings the copy to the external price and recentres the background LPs', async () => {
  const { market, venue } = lane();
  market.open(0);
  const lp = wallet(venue, 'lp');
  const idle = await lp.balances();
  // a large swap pushes the copy's price well away from the market's
  await lp.openPosition({ ...around((await lp.poolInfo()).tick, 5), amount0MaxRaw: idle.amount0Raw / 2n, amount1MaxRaw: idle.amount1Raw / 2n });
  await lp.executeSwap({ zeroForOne: true, amountInRaw: (await lp.balances()).amount0Raw });
  const w1 = market.open(3);
  const pool = await lp.poolInfo();
  const ratio = Number(pool.sqrtPriceX96) / Number(w1.market.externalSqrtPriceX96[0]!);
  const band = Math.sqrt(1 - spec.fee / 1e6);
  assert.ok(ratio >= band * 0.999999 && ratio <= (1 / band) * 1.000001, `copy within the fee band of the external price (ratio ${ratio})`);
  assert.equal(pool.block, 3 * BLOCKS);
});

test('bad calls are coded errors', async () => {
  const { market, venue } = lane();
  const lp = wallet(venue, 'lp');
  assert.equal(await codeOf(() => lp.poolInfo()), 'EXEC_BAD_ADVANCE', 'no window open yet');
  const w = market.open(0);
  const idle = await lp.balances();
  const range = around((await lp.poolInfo()).tick, 10);
  assert.equal(await codeOf(() => lp.closePosition('42')), 'EXEC_UNKNOWN_POSITION');
  assert.equal(await codeOf(() => lp.collectFees('42')), 'EXEC_UNKNOWN_POSITION');
  assert.equal(await codeOf(() => lp.openPosition({ ...range, amount0MaxRaw: idle.amount0Raw + 1n, amount1MaxRaw: 0n })), 'EXEC_INSUFFICIENT_BALANCE');
  assert.equal(await codeOf(() => lp.openPosition({ ...range, amount0MaxRaw: 0n, amount1MaxRaw: 0n })), 'EXEC_ZERO_LIQUIDITY');
  assert.equal(await codeOf(() => lp.executeSwap({ zeroForOne: true, amountInRaw: idle.amount0Raw + 1n })), 'EXEC_INSUFFICIENT_BALANCE');
  assert.equal(await codeOf(() => lp.advance({ block: w.startBlock + BLOCKS + 1 })), 'EXEC_BAD_ADVANCE', 'past the open window');
  await lp.advance({ block: w.startBlock + 10 });
  assert.equal(await codeOf(() => lp.advance({ block: w.startBlock + 5 })), 'EXEC_BAD_ADVANCE', 'backwards');
  assert.deepEqual(await lp.balances(), idle, 'failed calls changed nothing');
});

test('quotePosition tells what openPosition takes; add, collect and remove move exactly what they report', async () => {
  const { market, venue } = lane();
  const w = market.open(0);
  const lp = wallet(venue, 'lp');
  const range = around((await lp.poolInfo()).tick, 30);
  const max = { amount0MaxRaw: 2_000n * 10n ** 6n, amount1MaxRaw: 10n ** 18n };
  const quote = await lp.quotePosition({ ...range, ...max });
  const opened = await lp.openPosition({ ...range, ...max });
  assert.deepEqual([quote.liquidity, quote.amount0Raw, quote.amount1Raw], [opened.liquidity, opened.amount0Raw, opened.amount1Raw]);

  const added = await lp.addLiquidity({ positionId: opened.positionId, ...max });
  assert.equal(added.receipt.gasUnits, config.gasUnits.increase);
  assert.equal((await lp.positionInfo(opened.positionId)).liquidity, opened.liquidity + added.liquidity);

  await lp.advance({ block: w.startBlock + BLOCKS });
  const owed = await lp.positionInfo(opened.positionId);
  const idle = await lp.balances();
  const fees = await lp.collectFees(opened.positionId);
  assert.deepEqual([fees.fees0Raw, fees.fees1Raw], [owed.fees0Raw, owed.fees1Raw]);
  const afterFees = await lp.balances();
  assert.deepEqual([afterFees.amount0Raw, afterFees.amount1Raw], [idle.amount0Raw + fees.fees0Raw, idle.amount1Raw + fees.fees1Raw]);
  assert.deepEqual([(await lp.positionInfo(opened.positionId)).fees0Raw, (await lp.positionInfo(opened.positionId)).fees1Raw], [0n, 0n]);

  const half = owed.liquidity / 2n;
  const removed = await lp.removeLiquidity({ positionId: opened.positionId, liquidity: half });
  const left = await lp.positionInfo(opened.positionId);
  assert.equal(left.liquidity, owed.liquidity - half);
  assert.deepEqual((await lp.balances()).amount0Raw, afterFees.amount0Raw + removed.amount0Raw);
  assert.equal(await codeOf(() => lp.removeLiquidity({ positionId: opened.positionId, liquidity: left.liquidity + 1n })), 'EXEC_INSUFFICIENT_BALANCE');
});
