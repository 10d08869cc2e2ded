/**
 * The gas price (base fee + tip, gwei) block by block: a two-state Markov chain (calm / spike) on top
 * of a mean-reverting log process, so an action's USD cost varies with both gas and the ETH price.
 *
 * - Calm: log(gwei / median) is an OU process with daily innovation σ (MF §8.1: "a mean-reverting
 *   log-process with daily σ ≈ 0.35 matches the daily series"), exact discretisation per block.
 * - Spike: onsets arrive at `ratePerDay`, last an exponential time with mean `meanDurationHours`, and
 *   multiply the calm price by a factor drawn log-uniformly in [multiplierMin, multiplierMax]
 *   (MF §8.1: "multiply by 3–10× for hours-long spikes").
 * - Optionally the price moves at most ±maxChangePerBlock per block (EIP-1559's 12.5% base-fee rule),
 *   so a spike ramps in over a dozen blocks instead of appearing at once.
 *
 * The state is plain JSON so a lane can carry it from one episode to the next (and a resume can
 * restore it).
 */
import type { GasConfig, MarketConfig } from './marketConfig.ts';
import type { Rng } from './Rng.ts';
import { SECONDS_PER_DAY } from './pricePath.ts';

export interface GasState {
  /** Gas price of the last block, gwei. */
  gwei: number;
  /** Calm-state log deviation from the median. */
  calmLogDeviation: number;
  spike: boolean;
  /** log of the current spike's multiplier (0 when calm). */
  spikeLogMultiplier: number;
}

/** A lane's gas state before its first block: at the median, calm. */
export function initialGasState(config: Pick<MarketConfig, 'gas'>): GasState {
  return { gwei: config.gas.medianGwei, calmLogDeviation: 0, spike: false, spikeLogMultiplier: 0 };
}

export interface SimulateGasParameters {
  config: Pick<MarketConfig, 'gas'>;
  state: GasState;
  blocks: number;
  blockSeconds: number;
  rng: Rng;
}

export interface SimulateGasReturnType {
  /** Gas price per block, gwei. */
  gasGwei: Float64Array;
  endState: GasState;
}

/** Per-block constants of the process, computed once per episode. */
interface GasStepConstants {
  decay: number;
  stepSd: number;
  pEnter: number;
  pExit: number;
  logMedian: number;
  logMultMin: number;
  logMultMax: number;
  maxUp: number;
  maxDown: number;
  minGwei: number;
}

function stepConstants(gas: GasConfig, blockSeconds: number): GasStepConstants {
  const days = blockSeconds / SECONDS_PER_DAY;
  const kappaPerDay = Math.LN2 / (gas.halfLifeHours / 24);
  const decay = Math.exp(-kappaPerDay * days);
  const stepSd = gas.dailyLogSigma * Math.sqrt((1 - decay * decay) / (2 * kappaPerDay));
  const cap = gas.maxChangePerBlock;
  return {
    decay,
    stepSd,
    pEnter: 1 - Math.exp(-gas.spike.ratePerDay * days),
    pExit: 1 - Math.exp(-blockSeconds / (gas.spike.meanDurationHours * 3600)),
    logMedian: Math.log(gas.medianGwei),
    logMultMin: Math.log(gas.spike.multiplierMin),
    logMultMax: Math.log(gas.spike.multiplierMax),
    maxUp: cap === null ? Number.POSITIVE_INFINITY : 1 + cap,
    maxDown: cap === null ? 0 : Math.max(0, 1 - cap),
    minGwei: gas.minGwei,
  };
}

/** Advances a (mutable) state by one block: two draws always, a third when a spike starts. */
function step(state: GasState, k: GasStepConstants, rng: Rng): void {
  state.calmLogDeviation = state.calmLogDeviation * k.decay + k.stepSd * rng.normal();
  const u = rng.nextFloat();
  if (state.spike) {
    if (u < k.pExit) {
      state.spike = false;
      state.spikeLogMultiplier = 0;
    }
  } else if (u < k.pEnter) {
    state.spike = true;
    state.spikeLogMultiplier = k.logMultMin + (k.logMultMax - k.logMultMin) * rng.nextFloat();
  }
  let gwei = Math.exp(k.logMedian + state.calmLogDeviation + state.spikeLogMultiplier);
  const up = state.gwei * k.maxUp;
  const down = state.gwei * k.maxDown;
  if (gwei > up) gwei = up;
  else if (gwei < down) gwei = down;
  state.gwei = gwei < k.minGwei ? k.minGwei : gwei;
}

export function simulateGas(p: SimulateGasParameters): SimulateGasReturnType {
  const k = stepConstants(p.config.gas, p.blockSeconds);
  const state: GasState = { ...p.state };
  const gasGwei = new Float64Array(p.blocks);
  for (let b = 0; b < p.blocks; b++) {
    step(state, k, p.rng);
    gasGwei[b] = state.gwei;
  }
  return { gasGwei, endState: state };
}

export interface ActionGasUsdParameters {
  /** Gas units of the action. */
  units: number;
  /** Gas price, gwei. */
  gwei: number;
  /** ETH price in USD (gas is paid in ETH). */
  ethUsd: number;
}

/** USD cost of an action: units × gwei × 1e-9 ETH/gwei × ETH/USD. */
export function actionGasUsd(p: ActionGasUsdParameters): number {
  return p.units * p.gwei * 1e-9 * p.ethUsd;
}
