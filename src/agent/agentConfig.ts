/**
 * The agent's settings and their defaults. `config/` resolves precedence (flag > env > config file >
 * calibration > default) and hands the agent one finished `AgentConfig`; nothing here reads the
 * environment. Names follow the original system's constants (GAS_USD, FEE_GATE, FEE_GATE_MULT,
 * PREEMPT_MARGIN, REGIME_MIN_WIDTH, OOR_CRITICAL_BY_REGIME, LOSS_BREAKER).
 */
import type { RegimeName } from '../market/types.ts';

/** A value per regime plus the original's fallback for anything else. */
export type PerRegime<T> = Record<RegimeName | 'default', T>;

export interface RegimeEstimatorSettings {
  /** Blocks per fine return sample, for jumps (5 × 12 s = one-minute returns, the scale of the market facts' jump counts). */
  sampleBlocks: number;
  /** Blocks per coarse sample, for vol, drift and reversion (25 = five minutes, past the fee-band stickiness). */
  coarseSampleBlocks: number;
  /** How much of `observedTicks` to use, in episode horizons counted back from the newest block. */
  windowHorizons: number;
  /** Fewer coarse return samples than this = no history: the estimate falls back to 'mid' at `fallbackAnnualVol`. */
  minSamples: number;
  fallbackAnnualVol: number;
  /** Continuous (jump-robust) annualised vol below this is 'low', above `highVolMin` is 'high'. */
  lowVolMax: number;
  highVolMin: number;
  /** A return is a jump when |r| > jumpSigmas × the bipower (jump-robust) sigma. */
  jumpSigmas: number;
  /** 'jumpy' needs at least this many jumps carrying at least this share of the realised variance. */
  jumpMinCount: number;
  jumpMinShare: number;
  /** 'trend_*' needs |net move| / sqrt(realised variance) at least this (a z-score; 2.5 ≈ 1% false alarms on a random walk). */
  trendMinZ: number;
  /** Jumps must also exceed this many ticks (a quiet pool moves in fee-band-sized steps that are not jumps). */
  jumpMinTicks: number;
  /** Lag (in samples) of the reported variance ratio. */
  varianceRatioLag: number;
  /** Dickey–Fuller t ≤ this is 'mean_revert' (1% critical value −3.43; a random walk averages about −1.5). */
  meanRevertMaxT: number;
}

export interface LearningKnobs {
  /** Use the learned adjustments in decisions (statistics are kept either way when the caller feeds outcomes). */
  useAdjustments: boolean;
  /** Shrinkage: an adjustment moves by n / (n + priorEpisodes) of its raw value after n episodes. */
  priorEpisodes: number;
  /** Out-of-range share the width multiplier steers to. */
  targetOorPct: number;
  /** Raw width multiplier = 1 + widthSensitivity × (mean OOR − target) / 100. */
  widthSensitivity: number;
  widthMultiplierMin: number;
  widthMultiplierMax: number;
  /** Raw gate margin = 1 − 0.5·tanh(mean(fees − gas) of gas-paying episodes / gateScaleUsd). */
  gateScaleUsd: number;
  gateMarginMin: number;
  gateMarginMax: number;
}

export interface FixedBaselineSettings {
  widthTicks: number;
  /** The original's `rebalance_threshold_pct`: recentre only when out of range and |tick − centre| ≥ ln(1 + pct) / ln(1.0001). */
  thresholdPct: number;
  /** false = the original's `hold_forever` mode (baseline_hold). */
  rebalances: boolean;
}

export interface BaselineSettings {
  hold: FixedBaselineSettings;
  wide: FixedBaselineSettings;
  medium: FixedBaselineSettings;
  tight: FixedBaselineSettings;
  charm: {
    /** Total width of the base order (Charm's 2 × baseThreshold). */
    baseWidthTicks: number;
    /** Width of the single-sided limit order (Charm's limitThreshold). */
    limitWidthTicks: number;
    /** Rebalance every this many episodes, or earlier when the price leaves the base order. */
    periodEpisodes: number;
    /** Skip the limit order when the predicted leftover is below this share of the holdings (it would mint ~0 liquidity). */
    minLimitFraction: number;
  };
  volScaled: {
    /** Half-width = sigmasPerSide × realised sigma over one horizon (in ticks). */
    sigmasPerSide: number;
    minWidthTicks: number;
    maxWidthTicks: number;
  };
}

export interface AgentConfig {
  /** GAS_USD: nominal USD per gas-paying action; the gas estimate never goes below it. */
  gasUsd: number;
  /** FEE_GATE: USD of expected extra fees an action must bring at nominal gas (FEE_GATE_USD or FEE_GATE_MULT × GAS_USD). */
  feeGateUsd: number;
  /** FEE_GATE_MULT, recorded in the decision basis (config/ derives feeGateUsd from it when FEE_GATE_USD is unset). */
  feeGateMult: number;
  /** PREEMPT_MARGIN: trend preemption fires within this many OOR points below the critical threshold. */
  preemptMargin: number;
  /** false = the 'width floors only' variant: gated rules act without the EV check. */
  evGateEnabled: boolean;
  /** Expected fees are counted over this many episode horizons (1 = HB_EPISODE_HORIZON_S). */
  evHorizonEpisodes: number;
  /** Compare expected fees minus expected LVR instead of fees alone (LVR is always reported). */
  evNetOfLvr: boolean;
  /** REGIME_MIN_WIDTH: total width in ticks; never undercut by any proposed range. */
  widthFloors: PerRegime<number>;
  /** OOR_CRITICAL_BY_REGIME, percent of the previous episode out of range. */
  oorCritical: PerRegime<number>;
  /** LOSS_BREAKER as a fraction of lane capital: fires when the previous alpha ≤ fraction × capital. */
  lossBreakerFraction: number;
  /** Width the agent opens at before floors, learning and vol (the original's default floor). */
  baseWidthTicks: number;
  /** The opening width is at least 2 × volWidthSigmas × sigma over the horizon (ticks). */
  volWidthSigmas: number;
  /** Widen multiplies the current width by this (the original's 1.5). */
  widenFactor: number;
  /** Cap on any proposed width (repeated widens grow 1.5× each); never below a floor. */
  maxWidthTicks: number;
  cooldown: {
    afterWiden: boolean;
    afterRebalanceLowFees: boolean;
    /** Cooldowns apply only while episodesSinceAction ≤ this. */
    episodes: number;
  };
  tightening: {
    /** amortized_tightening_* needs the previous episode's OOR below this. */
    maxPrevOorPct: number;
    /** Candidate total widths; the floor is always a candidate and nothing below it is. */
    ladder: number[];
  };
  /** Add a widen when holding a range narrower than the current floor (hold_blocked_width_too_narrow). */
  enforceFloorOnHold: boolean;
  /**
   * Only when the previous episode's estimate was the same regime: a single noisy estimate (mid one
   * episode, high the next) must not buy a paid widen, then a paid narrow, then another widen.
   */
  floorOnHoldNeedsConfirmation: boolean;
  riskClose: {
    enabled: boolean;
    /** Close when fresh mev_risk or toxic_flow_index intel reports a score ≥ this (scores in [0, 1]). */
    minScore: number;
  };
  feeRate: {
    /** Evidence weights in hours of in-range observation: own previous episode counts its in-range hours. */
    carriedWeightHours: number;
    intelFreshWeightHours: number;
    intelStaleWeightHours: number;
    /** The price-path lower bound (see feeRateEstimator.ts). */
    pathWeightHours: number;
    /** Own observations with fewer in-range hours than this are ignored (too noisy). */
    ownMinInRangeHours: number;
  };
  /** Gas units per action for the agent's own USD estimate (market-facts: mint ≈ 480k, decrease+collect+burn ≈ 229k, swap ≈ 130k). */
  gasUnits: { open: number; rebalance: number; widen: number; narrow: number; close: number };
  learning: LearningKnobs;
  regimeEstimator: RegimeEstimatorSettings;
  /**
   * The agent's prior over regimes (a calibrated regime mix; never the market's), used when it has no
   * history to estimate from; null = none (the estimate falls back to 'mid').
   */
  regimePrior: Partial<Record<RegimeName, number>> | null;
  /** Where the prior came from, for `decision_basis.regime_mix_source` (e.g. 'calibration_json'). */
  regimePriorSource: string;
  baselines: BaselineSettings;
}

export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  gasUsd: 2,
  feeGateUsd: 4,
  feeGateMult: 2,
  preemptMargin: 3,
  evGateEnabled: true,
  evHorizonEpisodes: 1,
  evNetOfLvr: false,
  widthFloors: { trend_up: 1600, trend_down: 1600, jumpy: 1400, high: 1400, mean_revert: 1200, mid: 1000, low: 800, default: 1200 },
  oorCritical: { trend_up: 92, trend_down: 92, jumpy: 90, mean_revert: 92, low: 90, mid: 90, high: 90, default: 92 },
  lossBreakerFraction: -0.1,
  baseWidthTicks: 1200,
  volWidthSigmas: 2,
  widenFactor: 1.5,
  maxWidthTicks: 40_000,
  cooldown: { afterWiden: true, afterRebalanceLowFees: true, episodes: 1 },
  tightening: { maxPrevOorPct: 10, ladder: [800, 1000, 1200, 1400, 1600, 2000, 2400, 3200] },
  enforceFloorOnHold: true,
  floorOnHoldNeedsConfirmation: true,
  riskClose: { enabled: true, minScore: 0.9 },
  feeRate: { carriedWeightHours: 6, intelFreshWeightHours: 6, intelStaleWeightHours: 2, pathWeightHours: 2, ownMinInRangeHours: 0.25 },
  gasUnits: { open: 610_000, rebalance: 840_000, widen: 840_000, narrow: 840_000, close: 230_000 },
  learning: {
    useAdjustments: true,
    priorEpisodes: 5,
    targetOorPct: 20,
    widthSensitivity: 1,
    widthMultiplierMin: 0.75,
    widthMultiplierMax: 1.5,
    gateScaleUsd: 4,
    gateMarginMin: 0.75,
    gateMarginMax: 1.5,
  },
  regimeEstimator: {
    sampleBlocks: 5,
    coarseSampleBlocks: 25,
    windowHorizons: 1,
    minSamples: 24,
    fallbackAnnualVol: 0.5,
    lowVolMax: 0.28,
    highVolMin: 0.75,
    jumpSigmas: 4,
    jumpMinCount: 1,
    jumpMinShare: 0.15,
    trendMinZ: 2.5,
    jumpMinTicks: 20,
    varianceRatioLag: 10,
    meanRevertMaxT: -3.0,
  },
  regimePrior: null,
  regimePriorSource: 'none',
  baselines: {
    hold: { widthTicks: 1000, thresholdPct: 1.0, rebalances: false },
    wide: { widthTicks: 1000, thresholdPct: 0.5, rebalances: true },
    medium: { widthTicks: 500, thresholdPct: 0.1, rebalances: true },
    tight: { widthTicks: 100, thresholdPct: 0.05, rebalances: true },
    charm: { baseWidthTicks: 2400, limitWidthTicks: 1200, periodEpisodes: 2, minLimitFraction: 0.001 },
    volScaled: { sigmasPerSide: 2, minWidthTicks: 100, maxWidthTicks: 20_000 },
  },
};

/** Deep patch for tests and variants: objects merge, arrays and scalars replace. */
export type AgentConfigPatch = { [K in keyof AgentConfig]?: AgentConfig[K] extends unknown[] ? AgentConfig[K] : AgentConfig[K] extends object ? DeepPartial<AgentConfig[K]> : AgentConfig[K] };
type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function mergeAgentConfig(base: AgentConfig, patch: AgentConfigPatch): AgentConfig {
  return deepMerge(base, patch) as AgentConfig;
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
