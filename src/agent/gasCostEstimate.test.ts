import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_AGENT_CONFIG } from './agentConfig.ts';
import { estimateGasCost } from './gasCostEstimate.ts';
import { readIntelSignals } from './intelSignals.ts';

const noIntel = readIntelSignals({});
const config = DEFAULT_AGENT_CONFIG;

test('gas = max(GAS_USD, gwei × units × ETH, fresh intel); a hold is free', () => {
  assert.equal(estimateGasCost({ action: 'hold', gasGwei: 50, ethUsd: 2000, config, intel: noIntel }).gasUsd, 0);
  const cheap = estimateGasCost({ action: 'rebalance', gasGwei: 0.5, ethUsd: 2000, config, intel: noIntel });
  assert.deepEqual([cheap.gasUsd, cheap.source], [2, 'gas_usd_floor']);
  const dear = estimateGasCost({ action: 'rebalance', gasGwei: 10, ethUsd: 2000, config, intel: noIntel });
  assert.ok(Math.abs(dear.gasUsd - 10 * 840_000 * 1e-9 * 2000) < 1e-9);
  assert.equal(dear.source, 'observed_gas_price');
  assert.ok(estimateGasCost({ action: 'close', gasGwei: 10, ethUsd: 2000, config, intel: noIntel }).gasUsd < dear.gasUsd);
  const fresh = readIntelSignals({ gas_regime: { quality: 'fresh', ageS: 10, data: { gas_p75_usd: 30 } } });
  assert.equal(estimateGasCost({ action: 'widen', gasGwei: 1, ethUsd: 2000, config, intel: fresh }).source, 'intel_gas_regime');
  const stale = readIntelSignals({ gas_regime: { quality: 'stale', ageS: 800, data: { gas_p75_usd: 30 } } });
  assert.equal(estimateGasCost({ action: 'widen', gasGwei: 1, ethUsd: 2000, config, intel: stale }).gasUsd, 2);
});
