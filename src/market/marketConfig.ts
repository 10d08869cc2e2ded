/**
 * The market model's parameters, with defaults taken from `shared/refs/market-facts.md` (cited below
 * as MF §n; the data keys E1, E2, B22 … and references R1 … are that file's). Every default says
 * which figure it comes from, so a reader can check it and a calibration can replace it.
 *
 * `parseMarketConfig` merges a partial JSON override onto the defaults and validates the result;
 * every error names the field path and the expected form (MarketConfigError, code BAD_CONFIG).
 */
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { REGIMES, type PoolSpec, type RegimeName } from './types.ts';
import { LN_TICK } from '../clmm/price.ts';

/** Parameters of one regime's external price process (log price of token1 in token0). */
export interface RegimeParams {
  /** Diffusion volatility, annualised (σ of log price per √year). */
  volAnnual: number;
  /** Drift of the log token1 price (ETH in USD) per day: +0.03 = the median path rises 3%/day. */
  driftPerDay: number;
  /** Half-life of an Ornstein–Uhlenbeck pull of the log price toward its (drifting) anchor; null = none. */
  meanReversionHalfLifeHours: number | null;
  /** Compound-Poisson jump arrivals per day. */
  jumpRatePerDay: number;
  /** Standard deviation of one jump's log size (jumps are symmetric, N(0, s²)). */
  jumpSigmaLog: number;
}

/** One lognormal component of the noise-trade size mixture. */
export interface SizeComponent {
  weight: number;
  /** Median size in USD (= exp(μ) of ln USD). */
  medianUsd: number;
  /** σ of ln USD. */
  sigmaLog: number;
}

export interface NoiseFlowConfig {
  /** Mean noise swaps per block (Poisson). */
  swapsPerBlock: number;
  /** σ of the log of a slowly varying rate multiplier (an OU process; mean multiplier 1). 0 = constant rate. */
  rateLogSd: number;
  /** Half-life of that rate multiplier, hours. */
  rateHalfLifeHours: number;
  /** Share of noise swaps that pay token0 in (buy token1). */
  token0InShare: number;
  /** Size mixture; weights sum to 1. */
  sizes: SizeComponent[];
  /** Sizes are clamped into [minUsd, maxUsd]. */
  minUsd: number;
  maxUsd: number;
}

export interface ArbitrageConfig {
  enabled: boolean;
  /** Gas units an arbitrage swap costs (the arbitrageur's hurdle with the block's gas price). */
  gasUnits: number;
}

export interface JitConfig {
  enabled: boolean;
  /** Swaps of at least this size (USD) attract a JIT LP. */
  minSwapUsd: number;
  /** Probability that such a swap is wrapped by JIT liquidity. */
  probability: number;
  /** JIT liquidity as a multiple of the active liquidity, drawn uniformly in [min, max]. */
  liquidityMultipleMin: number;
  liquidityMultipleMax: number;
}

/** A band of background LP positions centred on the price, sharing `share` of the active liquidity. */
export interface LiquidityBand {
  name: string;
  /** Share of the target active liquidity at the centre held by this band (split evenly across its positions). */
  share: number;
  /** Total width of each position in ticks (rounded up to the tick spacing when minted). */
  widthsTicks: number[];
}

export interface BackgroundLiquidityConfig {
  /** Target active liquidity at the price (raw uint128 units, as a float). */
  activeLiquidity: number;
  /** Share of it held by one full-range position that never moves. */
  fullRangeShare: number;
  /** Bands around the price; shares plus fullRangeShare sum to 1. */
  bands: LiquidityBand[];
}

export interface GasSpikeConfig {
  /** Spike onsets per day. */
  ratePerDay: number;
  /** Mean spike duration, hours (exponential). */
  meanDurationHours: number;
  /** A spike multiplies the gas price by a factor drawn log-uniformly in [min, max]. */
  multiplierMin: number;
  multiplierMax: number;
}

export interface GasConfig {
  /** Median gas price (base + tip) in calm state, gwei. */
  medianGwei: number;
  /** σ of the calm log gas price's daily innovation (OU). */
  dailyLogSigma: number;
  /** Half-life of the calm log gas price's pull toward the median, hours. */
  halfLifeHours: number;
  spike: GasSpikeConfig;
  /** Largest relative change of the gas price per block (EIP-1559 base fee: 0.125); null = no cap. */
  maxChangePerBlock: number | null;
  /** Floor, gwei. */
  minGwei: number;
}

/** Gas units per LP action (NonfungiblePositionManager transactions, receipt gasUsed). */
export interface GasUnitsConfig {
  mint: number;
  increase: number;
  decrease: number;
  collect: number;
  burn: number;
  /** multicall(decreaseLiquidity + collect + burn). */
  exit: number;
  /** exactInputSingle without crossings, and the extra cost per initialized tick crossed. */
  swapBase: number;
  swapPerTick: number;
}

export interface ReplayConfig {
  /** Share of a minute bar's recorded volume replayed as noise when the window has no event log (the rest is arbitrage, which the model generates itself). */
  noiseVolumeShare: number;
  /** Scale bar volume by (target active L / the bars' median L), so volume per unit of liquidity matches the recorded pool. */
  scaleVolumeToLiquidity: boolean;
}

export interface MarketConfig {
  pool: PoolSpec;
  /** token1 price in token0 (ETH in USD) where a lane starts. */
  startPriceUsd: number;
  blockSeconds: number;
  regimes: Record<RegimeName, RegimeParams>;
  noise: NoiseFlowConfig;
  arbitrage: ArbitrageConfig;
  jit: JitConfig;
  backgroundLiquidity: BackgroundLiquidityConfig;
  gas: GasConfig;
  gasUnits: GasUnitsConfig;
  replay: ReplayConfig;
}

/** Total width in ticks of a range ±pct around the price, i.e. [P/(1+w), P·(1+w)] (MF units note). */
export function plusMinusPctToWidthTicks(pct: number): number {
  return 2 * Math.round(Math.log(1 + pct / 100) / LN_TICK);
}

/** A fresh, mutable copy of the defaults. */
export function defaultMarketConfig(): MarketConfig {
  return {
    // Ethereum USDC/WETH 0.05% (data README §1; DESIGN "Defaults").
    pool: {
      chain: 'ethereum',
      network: 'mainnet',
      address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640',
      fee: 500,
      tickSpacing: 10,
      decimals0: 6,
      decimals1: 18,
      symbol0: 'USDC',
      symbol1: 'WETH',
    },
    // MF §1.1: E2 (2024-01-05) traded 2,195–2,285; 2,300 is a round figure at that level.
    startPriceUsd: 2300,
    // MF §0: 12-s slots.
    blockSeconds: 12,
    regimes: {
      // MF §4.2 quiet days B23: 1-min σ 13% ± 5% (9–20%); §4.3 "quiet 15%".
      low: { volAnnual: 0.15, driftPerDay: 0, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 },
      // MF §4.1 E1/E2: 1-min σ 44–51%, 12-s 38–42%; §4.3 "normal 45%".
      mid: { volAnnual: 0.45, driftPerDay: 0, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 },
      // MF §4.2: crash day 97% (60-min 148%), B22 up to 131%; §0 "trending 65–100%, stress 100–150%".
      high: { volAnnual: 0.9, driftPerDay: 0, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 },
      // MF §4.1: on E1/E2 the 60-min σ (40–42%) is below the 1-min σ (44–51%), a variance ratio of
      // 0.68–0.83 at one hour; an OU with a 2-h half-life gives (1−e^{−2κh})/(2κh) = 0.72.
      mean_revert: { volAnnual: 0.45, driftPerDay: 0, meanReversionHalfLifeHours: 2, jumpRatePerDay: 0, jumpSigmaLog: 0 },
      // MF §4.1/§4.3: ≈10 one-minute moves beyond 4σ per day (4–19), largest 0.16–2.7% per day;
      // σ_J = 0.8% makes |J| median 0.54%, p90 1.3%. Total σ = √(0.45² + 10·365·0.008²) ≈ 66%.
      jumpy: { volAnnual: 0.45, driftPerDay: 0, meanReversionHalfLifeHours: null, jumpRatePerDay: 10, jumpSigmaLog: 0.008 },
      // MF §4.2 trending B22: 1-min σ 77% ± 22%; its legs ran 1,358 → 2,026 in 19 days (+2.1%/day)
      // and 2,026 → 1,531 in 6 days (−4.7%/day); daily returns −13.6% … +12.0%. ±3%/day between them.
      trend_up: { volAnnual: 0.7, driftPerDay: 0.03, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 },
      trend_down: { volAnnual: 0.7, driftPerDay: -0.03, meanReversionHalfLifeHours: null, jumpRatePerDay: 0, jumpSigmaLog: 0 },
    },
    noise: {
      // MF §2 "Simulator reading": all flow 0.82–0.84/slot, of which 0.12–0.15 arbitrage → λ_noise ≈ 0.67–0.72.
      swapsPerBlock: 0.7,
      // MF §2: per-minute var/mean 1.36–1.44 from slow rate changes, "modulated by ±30–50% over hours".
      rateLogSd: 0.35,
      rateHalfLifeHours: 2,
      // MF §2 Direction: 39–51% of swaps pay USDC in; 50/50 keeps noise driftless.
      token0InShare: 0.5,
      // MF §3 two-component mixture of *all* swaps (E1 / E2): 0.79–0.88 at median $1.9k–4.0k,
      // σ 2.03–2.30, and 0.12–0.21 at median $117k–175k, σ 0.42–0.49. The large component is mostly
      // the CEX-DEX searchers (MF §6.1: 14.7–18.3% of swaps, median $116k–177k), whom the model's
      // arbitrageur replaces, so noise keeps a 0.10 large weight (the other large contracts) and E2's
      // medians: small $2,000 (routers' median $1.2–3.0k, σ 1.94–2.04), large $120k. Mean ≈ $29.6k a
      // swap; with λ 0.7 ≈ $150 M/day, the non-arbitrage 44% (MF §6.1) of $247–412 M/day (MF §0).
      sizes: [
        { weight: 0.9, medianUsd: 2000, sigmaLog: 2.1 },
        { weight: 0.1, medianUsd: 120_000, sigmaLog: 0.45 },
      ],
      // MF §3: largest recorded swaps $3.90 M (E1) and $3.99 M (E2).
      minUsd: 1,
      maxUsd: 4_000_000,
    },
    arbitrage: {
      enabled: true,
      // MF §7.2: exactInputSingle ≈130,000 gas; arbitrageurs are first in the block (MF §6.1: 88–98%).
      gasUnits: 130_000,
    },
    jit: {
      enabled: true,
      // MF §9: "Add a JIT agent that fires on swaps of $1 M or more"; §5.3: 29–41 JIT pairs/day, each
      // 17–36× the active L (medians on E1/E2), one tick spacing wide (§9).
      minSwapUsd: 1_000_000,
      probability: 1,
      liquidityMultipleMin: 17,
      liquidityMultipleMax: 36,
    },
    backgroundLiquidity: {
      // MF §5.1: median active L 1.16e19 (E2, 2024-01-05; ex-JIT p10–p90 1.09–1.24e19) … 2.02e19 (E1).
      activeLiquidity: 1.2e19,
      // MF §9's suggested population counts LPs (≈35% at 10–20 ticks, ≈45% at ±3–8%, ≈20% at ±15–50%).
      // Their share of *liquidity at the price* must keep the profile flat within ±1.5% of the price
      // to ±25% (MF §5.1, E1/E2), so the 10–20-tick band holds 10% of L, not 35%. The full-range base
      // is 5% (≈$57 M full-range value at 2,300).
      fullRangeShare: 0.05,
      bands: [
        { name: 'narrow', share: 0.1, widthsTicks: [10, 20] },
        { name: 'medium', share: 0.6, widthsTicks: [3, 4, 5, 6, 7, 8].map(plusMinusPctToWidthTicks) },
        { name: 'wide', share: 0.25, widthsTicks: [15, 25, 35, 50].map(plusMinusPctToWidthTicks) },
      ],
    },
    gas: {
      // MF §8.1: 2024 after Dencun, daily average base + tip median 12 gwei (p10 4.8, p90 29, max 65).
      medianGwei: 12,
      // MF §8.1: "a mean-reverting log-process with daily σ ≈ 0.35 matches the daily series";
      // the 1-day half-life is our choice [derived].
      dailyLogSigma: 0.35,
      halfLifeHours: 24,
      // MF §8.1: "Multiply by 3–10× for hours-long spikes". Onset rate and duration are assumptions
      // [derived]: one 2-hour spike every two days.
      spike: { ratePerDay: 0.5, meanDurationHours: 2, multiplierMin: 3, multiplierMax: 10 },
      // MF §8.1: the base fee moves at most ±12.5% per block (EIP-1559, R28).
      maxChangePerBlock: 0.125,
      minGwei: 0.01,
    },
    // MF §7.2 suggested mainnet defaults (from R1 v3-periphery gas snapshots + 10–30k for real tokens):
    gasUnits: {
      mint: 480_000, // R1 451,862 (new ticks); G median 503,960
      increase: 190_000, // R1 176,626
      decrease: 165_000, // R1 148,666–161,366
      collect: 125_000, // R1 111,897–118,970
      burn: 66_000, // R1 66,076
      exit: 230_000, // R1 multicall(decrease + collect + burn) 228,718
      swapBase: 130_000, // R1 exactInputSingle 105,504–126,993
      swapPerTick: 31_000, // R4 smart-order-router: 31,000 per initialized tick crossed
    },
    replay: {
      // MF §6.1: searcher (CEX-DEX arbitrage) share of 0.05% volume 55.5–56.7% → 44% is not arbitrage.
      noiseVolumeShare: 0.44,
      scaleVolumeToLiquidity: true,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The defaults, frozen; `defaultMarketConfig()` gives a mutable copy. */
export const DEFAULT_MARKET_CONFIG: Readonly<MarketConfig> = deepFreeze(defaultMarketConfig());

/** A market config that fails validation: names the field path and the expected form. */
export class MarketConfigError extends ClmmLabError {
  declare readonly code: 'BAD_CONFIG';
  declare readonly details: Record<string, unknown>;
  readonly field: string;
  readonly expected: string;

  constructor(field: string, expected: string, got?: unknown) {
    const shown = got === undefined ? '' : `, got ${safeJson(got)}`;
    super('BAD_CONFIG', `market config: ${field}: expected ${expected}${shown}`, { details: { field, expected, got } });
    this.name = 'MarketConfigError';
    this.field = field;
    this.expected = expected;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const share = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();

const regimeSchema = z.strictObject({
  volAnnual: nonNegative.max(10),
  driftPerDay: z.number().min(-1).max(1),
  meanReversionHalfLifeHours: positive.nullable(),
  jumpRatePerDay: nonNegative.max(10_000),
  jumpSigmaLog: nonNegative.max(1),
});

const schema = z.strictObject({
  pool: z.strictObject({
    chain: z.string().min(1),
    network: z.string().min(1),
    address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte hex address'),
    fee: z.number().int().min(1).max(999_999),
    tickSpacing: z.number().int().min(1).max(16_383),
    decimals0: z.number().int().min(0).max(36),
    decimals1: z.number().int().min(0).max(36),
    symbol0: z.string().min(1),
    symbol1: z.string().min(1),
  }),
  startPriceUsd: positive,
  blockSeconds: positive,
  regimes: z.strictObject(Object.fromEntries(REGIMES.map((r) => [r, regimeSchema])) as Record<RegimeName, typeof regimeSchema>),
  noise: z.strictObject({
    swapsPerBlock: nonNegative.max(100),
    rateLogSd: nonNegative.max(3),
    rateHalfLifeHours: positive,
    token0InShare: share,
    sizes: z.array(z.strictObject({ weight: share, medianUsd: positive, sigmaLog: nonNegative.max(10) })).min(1),
    minUsd: positive,
    maxUsd: positive,
  }),
  arbitrage: z.strictObject({ enabled: z.boolean(), gasUnits: z.number().int().nonnegative() }),
  jit: z.strictObject({
    enabled: z.boolean(),
    minSwapUsd: positive,
    probability: share,
    liquidityMultipleMin: positive,
    liquidityMultipleMax: positive,
  }),
  backgroundLiquidity: z.strictObject({
    activeLiquidity: positive.max(2 ** 127),
    fullRangeShare: share,
    bands: z.array(z.strictObject({ name: z.string().regex(/^[a-z0-9_-]+$/i, 'letters, digits, _ or -'), share, widthsTicks: z.array(positiveInt).min(1) })),
  }),
  gas: z.strictObject({
    medianGwei: positive,
    dailyLogSigma: nonNegative.max(10),
    halfLifeHours: positive,
    spike: z.strictObject({ ratePerDay: nonNegative, meanDurationHours: positive, multiplierMin: z.number().min(1), multiplierMax: z.number().min(1) }),
    maxChangePerBlock: positive.nullable(),
    minGwei: nonNegative,
  }),
  gasUnits: z.strictObject({
    mint: positiveInt,
    increase: positiveInt,
    decrease: positiveInt,
    collect: positiveInt,
    burn: positiveInt,
    exit: positiveInt,
    swapBase: positiveInt,
    swapPerTick: z.number().int().nonnegative(),
  }),
  replay: z.strictObject({ noiseVolumeShare: share, scaleVolumeToLiquidity: z.boolean() }),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in the override replace the default. */
function mergeOnto(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = key in base ? mergeOnto(base[key], value) : value;
  return out;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/**
 * Validates a (partial) market config in JSON form and merges it onto the defaults. Unknown fields are
 * errors, so a typo never silently falls back to a default.
 */
export function parseMarketConfig(json: unknown): MarketConfig {
  if (json === undefined || json === null) return defaultMarketConfig();
  if (!isPlainObject(json)) throw new MarketConfigError('(root)', 'a JSON object with market config fields', json);
  const merged = mergeOnto(defaultMarketConfig(), json);
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const field = pathText([...issue.path, issue.keys[0] ?? '?']);
      throw new MarketConfigError(field, `no such field (known fields under ${pathText(issue.path)}: ${Object.keys(valueAt(defaultMarketConfig(), issue.path) ?? {}).join(', ')})`);
    }
    const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '').replace(/^Too (small|big): /, '');
    throw new MarketConfigError(pathText(issue.path), expected, valueAt(merged, issue.path));
  }
  const config = result.data as MarketConfig;
  checkConsistency(config);
  return config;
}

/** Cross-field rules zod's per-field schema cannot express. */
function checkConsistency(config: MarketConfig): void {
  const weights = config.noise.sizes.reduce((sum, c) => sum + c.weight, 0);
  if (Math.abs(weights - 1) > 1e-6) throw new MarketConfigError('noise.sizes', `component weights summing to 1 (they sum to ${weights})`);
  if (config.noise.minUsd > config.noise.maxUsd) throw new MarketConfigError('noise.maxUsd', `a size >= noise.minUsd (${config.noise.minUsd})`, config.noise.maxUsd);
  if (config.jit.liquidityMultipleMin > config.jit.liquidityMultipleMax) {
    throw new MarketConfigError('jit.liquidityMultipleMax', `a multiple >= jit.liquidityMultipleMin (${config.jit.liquidityMultipleMin})`, config.jit.liquidityMultipleMax);
  }
  if (config.gas.spike.multiplierMin > config.gas.spike.multiplierMax) {
    throw new MarketConfigError('gas.spike.multiplierMax', `a multiplier >= gas.spike.multiplierMin (${config.gas.spike.multiplierMin})`, config.gas.spike.multiplierMax);
  }
  const bg = config.backgroundLiquidity;
  const shares = bg.fullRangeShare + bg.bands.reduce((sum, b) => sum + b.share, 0);
  if (Math.abs(shares - 1) > 1e-6) throw new MarketConfigError('backgroundLiquidity', `fullRangeShare plus the bands' shares summing to 1 (they sum to ${shares})`);
  const names = new Set<string>();
  for (const [i, band] of bg.bands.entries()) {
    if (names.has(band.name)) throw new MarketConfigError(`backgroundLiquidity.bands[${i}].name`, 'a band name not used by another band', band.name);
    names.add(band.name);
  }
}
