/**
 * One lane: the agent and every baseline, each with its own pool copy and book, running the lane's
 * episodes in index order on identical market paths (common random numbers). `runEpisode` returns the
 * episode's artifacts as data; writing them is the caller's job, so a resume can re-simulate finished
 * episodes and check their bytes without touching the disk.
 */
import type { Strategy, StrategyDecision, PreviousEpisode, EpisodeOutcome } from '../agent/types.ts';
import { createAgent } from '../agent/createAgent.ts';
import { createBaselines } from '../agent/baselines/createBaselines.ts';
import type { LearningState } from '../agent/learning.ts';
import { Pool } from '../clmm/Pool.ts';
import { getTickAtSqrtRatio } from '../clmm/TickMath.ts';
import { rawPriceToSqrtPriceX96 } from '../clmm/price.ts';
import { applyBlock } from '../market/applyBlock.ts';
import { seedBackgroundLiquidity, recenterBackgroundLiquidity } from '../market/backgroundLiquidity.ts';
import type { GasState } from '../market/gasModel.ts';
import { initialGasState } from '../market/gasModel.ts';
import type { EpisodeMarket, RegimeName } from '../market/types.ts';
import { SimExecutor, type Book } from '../exec/sim/SimExecutor.ts';
import { amountsToUsd } from '../exec/sim/valuation.ts';
import { syncPoolToExternal } from '../exec/sim/syncPoolToExternal.ts';
import { attribute, type Attribution } from './attribution.ts';
import type { RunContext } from './RunContext.ts';

/** Where a lane's episodes get their market: the regime model, or recorded windows. */
export interface MarketSource {
  /** The market of global episode `index`, continuing from the lane's last external price and gas state. */
  episodeMarket(params: { index: number; regime: RegimeName; startRawPrice: number; gasState: GasState }): { market: EpisodeMarket; endRawPrice: number; endGasState: GasState };
  /** The regime of episode `index` (drawn from the mix, or labelled from the recorded window). */
  regime(index: number): RegimeName;
}

/** The outcome of one strategy in one episode. */
export interface StrategyEpisode {
  name: string;
  decision: StrategyDecision;
  actionApplied: string;
  steps: string[];
  attribution: Attribution;
  fees0: bigint;
  fees1: bigint;
  outOfRangePct: number;
  inRangeFrac: number;
  rebalanceCount: number;
  /** Engine swaps in the strategy's pool copy over the window. */
  poolSwaps: number;
  positionBefore: PositionSnapshot;
  positionAfter: PositionSnapshot;
}

export interface PositionSnapshot {
  position_open: boolean;
  ranges: Array<{ tick_lower: number; tick_upper: number; width_pts: number; liquidity: string }>;
  idle0: string;
  idle1: string;
  value_usd: number;
  uncollected_fees_usd: number;
}

export interface EpisodeRun {
  index: number;
  lane: number;
  laneStep: number;
  regime: RegimeName;
  market: EpisodeMarket;
  startTimestamp: number;
  agent: StrategyEpisode;
  baselines: StrategyEpisode[];
  volumeUsd: number;
  learningApplied: boolean;
  learningReason: string;
}

interface StrategySlot {
  strategy: Strategy;
  book: Book;
  previous: PreviousEpisode | null;
  observed: Float64Array;
  episodesSinceAction: number;
}

const OBSERVED_WINDOWS = 2;

export class LaneRunner {
  readonly lane: number;
  private readonly ctx: RunContext;
  private readonly source: MarketSource;
  private readonly executor: SimExecutor;
  private readonly agent: ReturnType<typeof createAgent>;
  private readonly slots: StrategySlot[] = [];
  private rawPrice: number;
  private gasState: GasState;
  private laneStep = 0;

  constructor(params: { ctx: RunContext; lane: number; source: MarketSource }) {
    const { ctx, lane } = params;
    this.ctx = ctx;
    this.lane = lane;
    this.source = params.source;
    const config = ctx.marketConfig;
    const spec = config.pool;
    this.rawPrice = 10 ** (spec.decimals1 - spec.decimals0) / config.startPriceUsd;
    this.gasState = initialGasState(config);
    this.executor = new SimExecutor({
      spec,
      gasUnits: { exit: config.gasUnits.exit, mint: config.gasUnits.mint, swapBase: config.gasUnits.swapBase, swapPerTick: config.gasUnits.swapPerTick },
      stepBlock: (pool, market, block, cursor, stats) => applyBlock({ pool, market, block, tradeCursor: cursor, config, stats }),
    });

    // One template pool with the background LPs; every strategy gets its own copy of it.
    const template = new Pool({ fee: spec.fee, tickSpacing: spec.tickSpacing });
    const sqrtPriceX96 = rawPriceToSqrtPriceX96(this.rawPrice);
    template.initialize(sqrtPriceX96);
    seedBackgroundLiquidity({ pool: template, config, centerTick: getTickAtSqrtRatio(sqrtPriceX96) });

    this.agent = createAgent({ config: ctx.agentConfig, learning: ctx.initialLearningState });
    const strategies: Strategy[] = [this.agent, ...createBaselines(ctx.agentConfig)];
    const ethUsd = config.startPriceUsd;
    const half = ctx.startCapitalUsd / 2;
    for (const strategy of strategies) {
      const book: Book = {
        name: strategy.name,
        pool: strategy.name === 'baseline_hodl' ? null : template.clone(),
        ranges: [],
        idle0: BigInt(Math.round(half * 10 ** spec.decimals0)),
        idle1: BigInt(Math.round((half / ethUsd) * 10 ** spec.decimals1)),
      };
      this.executor.addBook(book);
      this.slots.push({ strategy, book, previous: null, observed: new Float64Array(0), episodesSinceAction: Number.POSITIVE_INFINITY });
    }
  }

  /** How many episodes this lane has run (its next episode's lane step). */
  get step(): number {
    return this.laneStep;
  }

  /** A failed episode still takes its place in the lane's order. */
  skipEpisode(): void {
    this.laneStep++;
  }

  learningState(): LearningState {
    return this.agent.learningState();
  }

  runEpisode(index: number): EpisodeRun {
    const ctx = this.ctx;
    const spec = ctx.marketConfig.pool;
    const regime = this.source.regime(index);
    const { market, endRawPrice, endGasState } = this.source.episodeMarket({ index, regime, startRawPrice: this.rawPrice, gasState: this.gasState });
    const last = market.blocks - 1;
    const ethStart = market.ethUsd[0]!;
    const ethEnd = market.ethUsd[last]!;
    const centerTick = getTickAtSqrtRatio(market.externalSqrtPriceX96[0]!);

    const outcomes: StrategyEpisode[] = [];
    for (const slot of this.slots) {
      const { book, strategy } = slot;
      if (book.pool !== null) {
        syncPoolToExternal({ pool: book.pool, market });
        recenterBackgroundLiquidity({ pool: book.pool, centerTick, config: ctx.marketConfig });
        book.pool.pruneEmptyPositions(); // JIT and recentred background positions would otherwise pile up
      }
      const before = this.executor.value(book, ethStart);
      const positionBefore = snapshot(book, before.totalUsd, before.feesUsd);
      // HODL of the starting holdings: every token the strategy owns now
      const hold0 = before.principal0 + before.fees0 + book.idle0;
      const hold1 = before.principal1 + before.fees1 + book.idle1;

      const pool = book.pool;
      const decision = strategy.decide({
        episodeIndex: index,
        laneStep: this.laneStep,
        pool: {
          sqrtPriceX96: pool?.slot0.sqrtPriceX96 ?? market.externalSqrtPriceX96[0]!,
          tick: pool?.slot0.tick ?? centerTick,
          liquidity: pool?.liquidity ?? 0n,
          fee: spec.fee,
          tickSpacing: spec.tickSpacing,
          decimals0: spec.decimals0,
          decimals1: spec.decimals1,
        },
        holdings: this.executor.holdings(book.name, { externalRawPrice: market.externalRawPrice[0]!, ethUsd: ethStart }),
        observedTicks: slot.observed,
        blockSeconds: ctx.blockSeconds,
        gasGwei: market.gasGwei[0]!,
        ethUsd: ethStart,
        horizonSeconds: ctx.horizonSeconds,
        capitalUsd: ctx.startCapitalUsd,
        previous: slot.previous,
        episodesSinceAction: slot.episodesSinceAction,
        intel: ctx.intel.forAgent,
      });

      const exec = this.executor.applyPlan(book.name, decision.plan, market);
      const afterAction = this.executor.value(book, ethStart);
      const window = this.executor.runWindow(book.name, market);
      const end = this.executor.value(book, ethEnd);

      const fees0 = clampNonNegative(end.fees0 - afterAction.fees0);
      const fees1 = clampNonNegative(end.fees1 - afterAction.fees1);
      const attribution = attribute({
        startValueUsd: before.totalUsd,
        hodlEndValueUsd: amountsToUsd(spec, hold0, hold1, { ethUsd: ethEnd }),
        endValueUsd: end.totalUsd,
        feesUsd: amountsToUsd(spec, fees0, fees1, { ethUsd: ethEnd }),
        swapCostUsd: exec.swapCostUsd,
        gasUsd: exec.gasUsd,
        lvrUsd: window.lvrUsd,
      });
      const hasRange = book.ranges.length > 0;
      const inRangeFrac = hasRange ? window.blocksInRange / market.blocks : 0;
      outcomes.push({
        name: strategy.name,
        decision,
        actionApplied: exec.steps.length === 0 ? 'hold' : decision.action,
        steps: exec.steps,
        attribution,
        fees0,
        fees1,
        outOfRangePct: 100 * (1 - inRangeFrac),
        inRangeFrac,
        rebalanceCount: exec.steps.length > 0 ? 1 : 0,
        poolSwaps: window.swaps,
        positionBefore,
        positionAfter: snapshot(book, end.totalUsd, end.feesUsd),
      });

      // what the strategy will have seen next time: the last windows of observed pool ticks
      slot.observed = appendWindow(slot.observed, window.observedTicks, market.blocks * OBSERVED_WINDOWS);
      slot.episodesSinceAction = exec.steps.length > 0 ? 1 : slot.episodesSinceAction + 1;
    }

    const [agent, ...baselines] = outcomes as [StrategyEpisode, ...StrategyEpisode[]];
    const best = bestBaseline(baselines);
    const alpha = agent.attribution.net_pnl_usd - best.attribution.net_pnl_usd;
    for (const [i, slot] of this.slots.entries()) {
      const o = outcomes[i]!;
      slot.previous = {
        action: o.decision.action,
        ruleFired: o.decision.decisionBasis.rule_fired,
        widthTicks: o.decision.widthTicks,
        pnlUsd: o.attribution.net_pnl_usd,
        feesUsd: o.attribution.fees_usd,
        gasUsd: o.attribution.gas_usd,
        outOfRangePct: o.outOfRangePct,
        alphaUsd: i === 0 ? alpha : 0,
        regimeEstimate: regimeEstimateOf(o.decision),
        decisionBasis: o.decision.decisionBasis,
      };
    }

    let learningApplied = false;
    let learningReason = 'mock_mode_learning_disabled';
    if (ctx.learn) {
      // the agent learns from the same summary its next decision sees (slot 0 is the agent)
      const { decisionBasis: _basis, ...summary } = this.slots[0]!.previous!;
      const outcome: EpisodeOutcome = { ...summary, episodeIndex: index };
      this.agent.learn(outcome);
      learningApplied = true;
      learningReason = 'updated_from_episode';
    }

    this.rawPrice = endRawPrice;
    this.gasState = endGasState;
    const run: EpisodeRun = {
      index,
      lane: this.lane,
      laneStep: this.laneStep,
      regime,
      market,
      startTimestamp: ctx.epochSeconds + index * ctx.horizonSeconds,
      agent,
      baselines,
      volumeUsd: market.trades.reduce((sum, t) => sum + t.usd, 0),
      learningApplied,
      learningReason,
    };
    this.laneStep++;
    return run;
  }
}

export function bestBaseline(baselines: StrategyEpisode[]): StrategyEpisode {
  let best = baselines[0]!;
  for (const b of baselines) if (b.attribution.net_pnl_usd > best.attribution.net_pnl_usd) best = b;
  return best;
}

/** The regime the decision estimated (`decision_basis.regime_estimate`); 'mid' for baselines, which do not estimate. */
function regimeEstimateOf(decision: StrategyDecision): RegimeName {
  const estimate = decision.decisionBasis.regime_estimate;
  return typeof estimate === 'string' ? (estimate as RegimeName) : 'mid';
}

function snapshot(book: Book, valueUsd: number, feesUsd: number): PositionSnapshot {
  return {
    position_open: book.ranges.length > 0,
    ranges: book.ranges.map((r) => ({ tick_lower: r.tickLower, tick_upper: r.tickUpper, width_pts: r.tickUpper - r.tickLower, liquidity: r.liquidity.toString() })),
    idle0: book.idle0.toString(),
    idle1: book.idle1.toString(),
    value_usd: valueUsd,
    uncollected_fees_usd: feesUsd,
  };
}

function appendWindow(previous: Float64Array, next: Float64Array, keep: number): Float64Array {
  const total = Math.min(previous.length + next.length, keep);
  const out = new Float64Array(total);
  const fromPrevious = total - next.length;
  if (fromPrevious > 0) out.set(previous.subarray(previous.length - fromPrevious), 0);
  out.set(next.subarray(Math.max(0, next.length - total)), Math.max(0, fromPrevious));
  return out;
}

function clampNonNegative(x: bigint): bigint {
  return x < 0n ? 0n : x;
}
