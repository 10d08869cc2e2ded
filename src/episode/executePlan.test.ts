import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PositionPlan } from '../agent/types.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { ExecutorPort, PositionInfo, TxReceipt } from '../exec/ExecutorPort.ts';
import { gasCostUsd } from '../exec/gasCost.ts';
import { defaultMarketConfig } from '../market/marketConfig.ts';
import { getSqrtRatioAtTick } from '../clmm/TickMath.ts';
import { executePlan } from './executePlan.ts';

const spec = defaultMarketConfig().pool;
const GWEI = 20;
const ETH_USD = 2500;
const receipt = (gasUnits: number): TxReceipt => ({ txHash: null, block: null, gasUnits, gasPriceGwei: GWEI, nativeUsd: ETH_USD, gasUsd: gasCostUsd({ gasUnits, gasPriceGwei: GWEI, nativeUsd: ETH_USD }) });
/** ETH at about $2,500 (raw price 4e8 token1 units per token0 unit). */
const TICK = 198_070;

/** A port that records every call and answers with fixed values; `fail` makes a verb throw a coded error. */
function recordingPort(fail: Partial<Record<keyof ExecutorPort, ClmmLabError>> = {}): { port: ExecutorPort; calls: string[] } {
  const calls: string[] = [];
  const answer = <T>(verb: keyof ExecutorPort, value: T): Promise<T> => {
    calls.push(verb);
    const error = fail[verb];
    return error === undefined ? Promise.resolve(value) : Promise.reject(error);
  };
  const port: ExecutorPort = {
    poolInfo: () => answer('poolInfo', { address: spec.address, fee: spec.fee, tickSpacing: spec.tickSpacing, decimals0: 6, decimals1: 18, sqrtPriceX96: getSqrtRatioAtTick(TICK), tick: TICK, liquidity: 10n ** 18n, block: 0 }),
    positionInfo: () => answer('positionInfo', position('1', TICK - 100, TICK + 100)),
    positionsOwned: () => answer('positionsOwned', []),
    // all of the wallet in token0: a swap toward any range holding token1 is due
    balances: () => answer('balances', { amount0Raw: 10_000n * 10n ** 6n, amount1Raw: 0n }),
    quotePosition: () => answer('quotePosition', { liquidity: 1n, amount0Raw: 1n, amount1Raw: 1n }),
    openPosition: () => answer('openPosition', { positionId: '2', liquidity: 10n ** 12n, amount0Raw: 1n, amount1Raw: 1n, receipt: receipt(480_000) }),
    addLiquidity: () => answer('addLiquidity', { liquidity: 1n, amount0Raw: 1n, amount1Raw: 1n, receipt: receipt(190_000) }),
    removeLiquidity: () => answer('removeLiquidity', { liquidity: 1n, amount0Raw: 1n, amount1Raw: 1n, receipt: receipt(165_000) }),
    collectFees: () => answer('collectFees', { fees0Raw: 0n, fees1Raw: 0n, receipt: receipt(125_000) }),
    closePosition: () => answer('closePosition', { amount0Raw: 5n, amount1Raw: 6n, fees0Raw: 7n, fees1Raw: 8n, receipt: receipt(230_000) }),
    quoteSwap: () => answer('quoteSwap', { amountInRaw: 1n, amountOutRaw: 1n, sqrtPriceAfterX96: 1n, ticksCrossed: 0 }),
    executeSwap: () => answer('executeSwap', { amountInRaw: 5_000n * 10n ** 6n, amountOutRaw: 1_990_000_000_000_000_000n, sqrtPriceAfterX96: 1n, ticksCrossed: 2, receipt: receipt(130_000 + 2 * 31_000) }),
    advance: () => answer('advance', { fromBlock: 0, toBlock: 0, observedTicks: new Float64Array(0), blocksInRange: [], lvrUsd: 0, swaps: 0 }),
  };
  return { port, calls };
}

function position(positionId: string, tickLower: number, tickUpper: number): PositionInfo {
  return { positionId, tickLower, tickUpper, liquidity: 10n ** 12n, amount0Raw: 1n, amount1Raw: 1n, fees0Raw: 0n, fees1Raw: 0n };
}

const open = (swapToRatio: boolean): PositionPlan => ({ keep: false, ranges: [{ tickLower: TICK - 500, tickUpper: TICK + 500 }], swapToRatio });

test('a plan that keeps the positions, or asks for the ranges already held, makes no call', async () => {
  const { port, calls } = recordingPort();
  const held = [position('1', TICK - 500, TICK + 500)];
  const keep = await executePlan({ port, plan: { keep: true, ranges: [], swapToRatio: false }, positions: held, spec, ethUsd: ETH_USD });
  const same = await executePlan({ port, plan: open(true), positions: held, spec, ethUsd: ETH_USD });
  const nothing = await executePlan({ port, plan: { keep: true, ranges: [], swapToRatio: false }, positions: [], spec, ethUsd: ETH_USD });
  assert.deepEqual(calls, []);
  for (const r of [keep, same, nothing]) assert.deepEqual([r.steps, r.gasUnits, r.gasUsd], [[], 0, 0]);
});

test('a plan that opens from tokens only calls openPosition with every idle token', async () => {
  const { port, calls } = recordingPort();
  const r = await executePlan({ port, plan: open(false), positions: [], spec, ethUsd: ETH_USD });
  assert.deepEqual(calls, ['balances', 'openPosition']);
  assert.deepEqual(r.steps, ['mint']);
  assert.equal(r.gasUnits, 480_000);
});

test('a rebalance closes what is held, swaps to the ratio, then opens; gas is priced once on the summed units', async () => {
  const { port, calls } = recordingPort();
  const r = await executePlan({ port, plan: open(true), positions: [position('1', TICK - 100, TICK + 100)], spec, ethUsd: ETH_USD });
  assert.deepEqual(calls, ['closePosition', 'poolInfo', 'balances', 'executeSwap', 'balances', 'openPosition']);
  assert.deepEqual(r.steps, ['close', 'swap', 'mint']);
  const units = 230_000 + 130_000 + 2 * 31_000 + 480_000;
  assert.equal(r.gasUnits, units);
  assert.equal(r.gasUsd, gasCostUsd({ gasUnits: units, gasPriceGwei: GWEI, nativeUsd: ETH_USD }));
  assert.deepEqual([r.collectedFees0, r.collectedFees1], [7n, 8n]);
  // gave $5,000 of token0, got 1.99 ETH at $2,500: $25 of fee and impact
  assert.ok(Math.abs(r.swapCostUsd - 25) < 1e-9, String(r.swapCostUsd));
});

test('a reverted swap or an empty mint is skipped as a reverted transaction would be; other failures propagate', async () => {
  const reverted = recordingPort({ executeSwap: new ClmmLabError('EXEC_REVERTED', 'swap reverted (SPL)'), openPosition: new ClmmLabError('EXEC_ZERO_LIQUIDITY', 'no liquidity') });
  const r = await executePlan({ port: reverted.port, plan: open(true), positions: [], spec, ethUsd: ETH_USD });
  assert.deepEqual(reverted.calls, ['poolInfo', 'balances', 'executeSwap', 'balances', 'openPosition']);
  assert.deepEqual([r.steps, r.gasUnits, r.swapCostUsd], [[], 0, 0]);

  const unknown = recordingPort({ closePosition: new ClmmLabError('EXEC_UNKNOWN_POSITION', 'no such position') });
  await assert.rejects(executePlan({ port: unknown.port, plan: open(false), positions: [position('9', TICK - 100, TICK + 100)], spec, ethUsd: ETH_USD }), (e: unknown) => e instanceof ClmmLabError && e.code === 'EXEC_UNKNOWN_POSITION');
  assert.deepEqual(unknown.calls, ['closePosition'], 'nothing after the failed call');
});
