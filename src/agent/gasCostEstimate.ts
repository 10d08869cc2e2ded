/**
 * The agent's own estimate of what an action's gas will cost, in USD:
 *   gasUsd = max(GAS_USD, gasGwei × units(action) × 1e-9 × ethUsd, intel gas_regime USD when fresh)
 * GAS_USD is a floor (the calibrated "typical" cost); the observed gas price now, times the action's
 * gas units (agentConfig.gasUnits), is what the executor will actually charge; a fresh gas_regime
 * intel figure guards against a momentarily cheap block. A hold costs nothing.
 */
import type { AgentConfig } from './agentConfig.ts';
import type { IntelSignals } from './intelSignals.ts';
import type { AgentAction } from './types.ts';

export interface GasCostEstimate {
  gasUsd: number;
  observedUsd: number;
  intelUsd: number | null;
  units: number;
  source: 'none' | 'gas_usd_floor' | 'observed_gas_price' | 'intel_gas_regime';
}

export interface EstimateGasParams {
  /** 'open' is a rebalance with nothing to close. */
  action: AgentAction | 'open';
  gasGwei: number;
  ethUsd: number;
  config: AgentConfig;
  intel: IntelSignals;
}

export function estimateGasCost(p: EstimateGasParams): GasCostEstimate {
  if (p.action === 'hold') return { gasUsd: 0, observedUsd: 0, intelUsd: null, units: 0, source: 'none' };
  const units = p.config.gasUnits[p.action];
  const gwei = Number.isFinite(p.gasGwei) && p.gasGwei > 0 ? p.gasGwei : 0;
  const eth = Number.isFinite(p.ethUsd) && p.ethUsd > 0 ? p.ethUsd : 0;
  const observedUsd = gwei * units * 1e-9 * eth;
  const intelUsd = p.intel.gasUsd !== null && p.intel.gasUsd.quality === 'fresh' ? p.intel.gasUsd.value : null;
  let gasUsd = p.config.gasUsd;
  let source: GasCostEstimate['source'] = 'gas_usd_floor';
  if (observedUsd > gasUsd) {
    gasUsd = observedUsd;
    source = 'observed_gas_price';
  }
  if (intelUsd !== null && intelUsd > gasUsd) {
    gasUsd = intelUsd;
    source = 'intel_gas_regime';
  }
  return { gasUsd, observedUsd, intelUsd, units, source };
}
