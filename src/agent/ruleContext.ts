/**
 * Everything the agent's rules read, computed once per decision from the observation, the config and
 * the learning state: the regime estimate, floor and thresholds, the position held now, the width to
 * open at, the fee-rate estimate, intel signals, and helpers that build a centred range and run the
 * EV gate for a candidate action. Rules are pure functions of this context.
 */
import type { RegimeName } from '../market/types.ts';
import type { AgentConfig } from './agentConfig.ts';
import { centeredRange, isInRange, rangeWidth } from './centeredRange.ts';
import { evaluateEvGate, type EvGateDecision } from './evGate.ts';
import { estimateFeeRate, type FeeRateEstimate } from './feeRateEstimator.ts';
import { estimateGasCost, type GasCostEstimate } from './gasCostEstimate.ts';
import { readIntelSignals, type IntelSignals } from './intelSignals.ts';
import type { LearningState } from './learning.ts';
import { rangeEconomics, type RangeEconomics } from './rangeEconomics.ts';
import { liquidityForValueUsd, sqrtPriceOfX96 } from './rangeValue.ts';
import { estimateRegime, type RegimeEstimate } from './regimeEstimator.ts';
import type { AgentAction, Observation, PreviousEpisode, RangeSpec } from './types.ts';
import { oorCriticalPct, snappedWidthFloor, snapWidthUp } from './widthFloors.ts';
import { LN_TICK } from '../clmm/price.ts';

export interface CurrentPosition {
  range: RangeSpec;
  liquidity: bigint;
  widthTicks: number;
}

export interface LearnedUse {
  widthMultiplier: number;
  gateMarginMultiplier: number;
  regimeEpisodes: number;
  used: boolean;
}

/** A candidate action evaluated: its range, gas estimate and EV gate decision. */
export interface Candidate {
  action: AgentAction;
  range: RangeSpec;
  widthTicks: number;
  gas: GasCostEstimate;
  economics: RangeEconomics;
  evGate: EvGateDecision;
}

export interface RuleContext {
  obs: Observation;
  config: AgentConfig;
  regime: RegimeEstimate;
  /** Floor of the estimated regime, snapped up to the spacing. */
  floor: number;
  oorCritical: number;
  lossBreakerUsd: number;
  prev: PreviousEpisode | null;
  /** The first range holding liquidity, if any. */
  current: CurrentPosition | null;
  inRangeNow: boolean;
  /** Width to open or recentre at: before and after the floor. */
  widthBeforeFloor: number;
  widthAfterFloor: number;
  learned: LearnedUse;
  feeRate: FeeRateEstimate;
  intel: IntelSignals;
  sqrtPrice: number;
  /** Expected economics of the ranges held now (summed); null when holding none. */
  currentEconomics: RangeEconomics | null;
  /** Target of any widen: max(opening width, floor, widenFactor × current width), capped. */
  widenTarget: number;
  /** A range of the width centred on the pool tick. */
  centred(widthTicks: number): RangeSpec;
  /** Evaluates an action to a centred range of the width; `gated: false` records the gate as skipped ('not_gated'). */
  candidate(action: AgentAction, widthTicks: number, opts?: { gated?: boolean }): Candidate;
}

export interface BuildRuleContextParams {
  obs: Observation;
  config: AgentConfig;
  learning: LearningState;
}

export function buildRuleContext({ obs, config, learning }: BuildRuleContextParams): RuleContext {
  const spacing = Math.max(1, obs.pool.tickSpacing);
  const regime = estimateRegime({ observedTicks: obs.observedTicks, blockSeconds: obs.blockSeconds, horizonSeconds: obs.horizonSeconds, settings: config.regimeEstimator, prior: config.regimePrior });
  const name: RegimeName = regime.regime;
  const floor = snappedWidthFloor(name, config, spacing);
  const intel = readIntelSignals(obs.intel);
  const windowBlocks = Math.round((config.regimeEstimator.windowHorizons * obs.horizonSeconds) / Math.max(1, obs.blockSeconds)) + 1;
  const feeRate = estimateFeeRate({ obs, config, intel, windowBlocks });
  const sqrtPrice = sqrtPriceOfX96(obs.pool.sqrtPriceX96);
  const horizonSeconds = obs.horizonSeconds * Math.max(0, config.evHorizonEpisodes);

  const adj = learning.adjustments[name];
  const useLearning = config.learning.useAdjustments;
  const learned: LearnedUse = {
    widthMultiplier: useLearning ? adj.width_multiplier : 1,
    gateMarginMultiplier: useLearning ? adj.gate_margin_multiplier : 1,
    regimeEpisodes: learning.regimes[name].count,
    used: useLearning,
  };

  const held = obs.holdings.ranges.filter((r) => r.liquidity > 0n);
  const first = held[0];
  const current: CurrentPosition | null = first
    ? { range: { tickLower: first.tickLower, tickUpper: first.tickUpper }, liquidity: first.liquidity, widthTicks: rangeWidth(first) }
    : null;
  const inRangeNow = current !== null && isInRange(current.range, obs.pool.tick);

  const economicsOf = (range: RangeSpec, liquidity: number): RangeEconomics =>
    rangeEconomics({
      range,
      liquidity,
      sqrtPrice,
      feeRateUsdPerLiquidityHour: feeRate.usdPerLiquidityHour,
      sigmaPerSqrtSecond: regime.sigmaPerSqrtSecond,
      driftPerSecond: regime.driftPerSecond,
      horizonSeconds,
      decimals0: obs.pool.decimals0,
    });
  let currentEconomics: RangeEconomics | null = null;
  for (const r of held) {
    const e = economicsOf(r, Number(r.liquidity));
    currentEconomics =
      currentEconomics === null
        ? e
        : {
            fractionInRange: Math.max(currentEconomics.fractionInRange, e.fractionInRange),
            expectedFeesUsd: currentEconomics.expectedFeesUsd === null || e.expectedFeesUsd === null ? null : currentEconomics.expectedFeesUsd + e.expectedFeesUsd,
            expectedLvrUsd: currentEconomics.expectedLvrUsd + e.expectedLvrUsd,
            liquidity: currentEconomics.liquidity + e.liquidity,
          };
  }

  // Opening width: the base width, or wider when the horizon's sigma needs it, scaled by learning; then the floor.
  const sigmaHorizonTicks = (regime.sigmaPerSqrtSecond * Math.sqrt(obs.horizonSeconds)) / LN_TICK;
  const volWidth = 2 * config.volWidthSigmas * sigmaHorizonTicks;
  const cap = Math.max(config.maxWidthTicks, floor);
  const widthBeforeFloor = Math.min(cap, snapWidthUp(Math.max(config.baseWidthTicks, volWidth) * learned.widthMultiplier, spacing));
  const widthAfterFloor = Math.max(widthBeforeFloor, floor);
  const previousWidth = current?.widthTicks ?? obs.previous?.widthTicks ?? 0;
  const widenTarget = Math.max(floor, Math.min(cap, snapWidthUp(Math.max(widthAfterFloor, config.widenFactor * previousWidth), spacing)));

  const centred = (widthTicks: number): RangeSpec => centeredRange({ tick: obs.pool.tick, widthTicks, tickSpacing: spacing });

  const candidate = (action: AgentAction, widthTicks: number, opts: { gated?: boolean } = {}): Candidate => {
    const range = centred(Math.max(widthTicks, floor));
    const gas = estimateGasCost({ action: action === 'rebalance' && current === null ? 'open' : action, gasGwei: obs.gasGwei, ethUsd: obs.ethUsd, config, intel });
    const value = Math.max(0, obs.holdings.valueUsd - gas.gasUsd);
    const economics = economicsOf(range, liquidityForValueUsd(value, { range, sqrtPrice, decimals0: obs.pool.decimals0 }));
    const evGate = evaluateEvGate({
      enabled: config.evGateEnabled,
      action,
      candidate: economics,
      current: currentEconomics,
      gasUsd: gas.gasUsd,
      nominalGasUsd: config.gasUsd,
      feeGateUsd: config.feeGateUsd,
      marginMultiplier: learned.gateMarginMultiplier,
      netOfLvr: config.evNetOfLvr,
      ...(opts.gated === false ? { skip: 'not_gated' as const } : {}),
    });
    return { action, range, widthTicks: rangeWidth(range), gas, economics, evGate };
  };

  return {
    obs,
    config,
    regime,
    floor,
    oorCritical: oorCriticalPct(name, config),
    lossBreakerUsd: config.lossBreakerFraction * Math.max(0, obs.capitalUsd),
    prev: obs.previous,
    current,
    inRangeNow,
    widthBeforeFloor,
    widthAfterFloor,
    learned,
    feeRate,
    intel,
    sqrtPrice,
    currentEconomics,
    widenTarget,
    centred,
    candidate,
  };
}
