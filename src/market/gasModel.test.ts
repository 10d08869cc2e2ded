import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionGasUsd, initialGasState, simulateGas, type GasState } from './gasModel.ts';
import { DEFAULT_MARKET_CONFIG, defaultMarketConfig } from './marketConfig.ts';
import { createRng } from './Rng.ts';

const BLOCKS_PER_DAY = 7200;

test('calm gas centres on the configured median and spikes occupy rate × duration of the time', () => {
  const config = DEFAULT_MARKET_CONFIG;
  const days = 200;
  const { gasGwei } = simulateGas({ config, state: initialGasState(config), blocks: days * BLOCKS_PER_DAY, blockSeconds: 12, rng: createRng(3) });
  const sorted = Float64Array.from(gasGwei).sort();
  const median = sorted[sorted.length >> 1]!;
  // spikes (≈2% of the time) lift the median a little; the OU spread is ≈0.3 in log over 200 days
  assert.ok(median > 10 && median < 15, `median ${median}`);
  const spikeShare = gasGwei.filter((g, i) => i > 0 && g > 2.5 * config.gas.medianGwei).length / gasGwei.length;
  const expected = (config.gas.spike.ratePerDay * config.gas.spike.meanDurationHours) / 24; // ≈ 0.04
  assert.ok(spikeShare > expected * 0.3 && spikeShare < expected * 2, `share of blocks above 2.5× median ${spikeShare} vs spike time ${expected}`);
  const max = sorted[sorted.length - 1]!;
  assert.ok(max > 3 * config.gas.medianGwei, `a spike reaches ≥3× the median (max ${max})`);
});

test('the per-block change is capped at ±12.5% (EIP-1559 base-fee rule)', () => {
  const config = DEFAULT_MARKET_CONFIG;
  const { gasGwei } = simulateGas({ config, state: initialGasState(config), blocks: 20 * BLOCKS_PER_DAY, blockSeconds: 12, rng: createRng(4) });
  let maxUp = 0;
  let maxDown = 0;
  for (let b = 1; b < gasGwei.length; b++) {
    maxUp = Math.max(maxUp, gasGwei[b]! / gasGwei[b - 1]! - 1);
    maxDown = Math.max(maxDown, 1 - gasGwei[b]! / gasGwei[b - 1]!);
  }
  assert.ok(maxUp <= 0.125 + 1e-12 && maxDown <= 0.125 + 1e-12, `max up ${maxUp}, down ${maxDown}`);
  assert.ok(maxUp > 0.1, 'spikes ramp at the cap');

  const uncapped = defaultMarketConfig();
  uncapped.gas.maxChangePerBlock = null;
  const free = simulateGas({ config: uncapped, state: initialGasState(uncapped), blocks: 20 * BLOCKS_PER_DAY, blockSeconds: 12, rng: createRng(4) }).gasGwei;
  let jump = 0;
  for (let b = 1; b < free.length; b++) jump = Math.max(jump, free[b]! / free[b - 1]!);
  assert.ok(jump >= 3, `without the cap a spike starts within one block (×${jump})`);
});

test('the state is plain JSON and continuing from it is deterministic', () => {
  const config = DEFAULT_MARKET_CONFIG;
  const first = simulateGas({ config, state: initialGasState(config), blocks: 1800, blockSeconds: 12, rng: createRng(5).fork('a') });
  const restored = JSON.parse(JSON.stringify(first.endState)) as GasState;
  assert.deepEqual(restored, first.endState);
  const a = simulateGas({ config, state: restored, blocks: 1800, blockSeconds: 12, rng: createRng(5).fork('b') });
  const b = simulateGas({ config, state: first.endState, blocks: 1800, blockSeconds: 12, rng: createRng(5).fork('b') });
  assert.deepEqual(a.gasGwei, b.gasGwei);
  assert.equal(first.endState.gwei, first.gasGwei[1799]);
  assert.ok(Math.abs(a.gasGwei[0]! / first.endState.gwei - 1) <= 0.125 + 1e-12, 'the next episode continues from the last gas price');
  assert.deepEqual(initialGasState(config), { gwei: 12, calmLogDeviation: 0, spike: false, spikeLogMultiplier: 0 });
});

test('actionGasUsd: units × gwei × 1e-9 × ETH/USD (MF §7.2 table: mint 480k at 10 gwei, ETH $2,500 = $12)', () => {
  assert.ok(Math.abs(actionGasUsd({ units: 480_000, gwei: 10, ethUsd: 2500 }) - 12) < 1e-9);
  assert.ok(Math.abs(actionGasUsd({ units: 229_000, gwei: 1, ethUsd: 2500 }) - 0.5725) < 1e-9);
  assert.equal(actionGasUsd({ units: 130_000, gwei: 0, ethUsd: 2500 }), 0);
});
