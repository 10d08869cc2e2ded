/**
 * One lane: the agent and every baseline, each with its own wallet on the lane's venue (behind the
 * execution port), running the lane's episodes in index order on identical market paths (common
 * random numbers). `runEpisode` returns the episode's artifacts as data; writing them is the caller's
 * job, so a resume can re-simulate finished episodes and check their bytes without touching the disk.
 * Nothing here knows which venue is behind the port, nor special-cases a strategy: a strategy whose
 * plan keeps what it has makes no write.
 */
import type { Strategy, StrategyDecision, PreviousEpisode, EpisodeOutcome } from '../agent/types.ts';
import { createAgent } from '../agent/createAgent.ts';
import { createBaselines } from '../agent/baselines/createBaselines.ts';
import type { LearningState } from '../agent/learning.ts';
import type { ExecutorPort, PositionInfo, WalletBalances } from '../exec/ExecutorPort.ts';
import { amountsToUsd } from '../exec/valuation.ts';
import type { LaneMarket } from '../market/LaneMarket.ts';
import type { EpisodeMarket, RegimeName } from '../market/types.ts';
import { attribute, type Attribution } from './attribution.ts';
import { executePlan } from './executePlan.ts';
import type { RunContext } from './RunContext.ts';
import { valueHoldings } from './valueHoldings.ts';

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
  port: ExecutorPort;
  previous: PreviousEpisode | null;
  observed: Float64Array;
  episodesSinceAction: number;
}

const OBSERVED_WINDOWS = 2;

export interface LaneRunnerParams {
  ctx: RunContext;
  lane: number;
  /** The lane's market timeline (the venue behind the ports follows the same one). */
  market: LaneMarket;
  /** The port of one strategy's wallet, by the strategy's name. */
  portFor(strategy: string): ExecutorPort;
}

export class LaneRunner {
  readonly lane: number;
  private readonly ctx: RunContext;
  private readonly market: LaneMarket;
  private readonly agent: ReturnType<typeof createAgent>;
  private readonly slots: StrategySlot[] = [];
  private laneStep = 0;

  constructor(params: LaneRunnerParams) {
    const { ctx } = params;
    this.ctx = ctx;
    this.lane = params.lane;
    this.market = params.market;
    this.agent = createAgent({ config: ctx.agentConfig, learning: ctx.initialLearningState });
    const strategies: Strategy[] = [this.agent, ...createBaselines(ctx.agentConfig)];
    for (const strategy of strategies) {
      this.slots.push({ strategy, port: params.portFor(strategy.name), previous: null, observed: new Float64Array(0), episodesSinceAction: Number.POSITIVE_INFINITY });
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

  async runEpisode(index: number): Promise<EpisodeRun> {
    const ctx = this.ctx;
    const spec = ctx.marketConfig.pool;
    const window = this.market.open(index);
    const { market, regime } = window;
    const endBlock = window.startBlock + market.blocks;
    const ethStart = market.ethUsd[0]!;
    const ethEnd = market.ethUsd[market.blocks - 1]!;

    const outcomes: StrategyEpisode[] = [];
    for (const slot of this.slots) {
      const { port, strategy } = slot;
      const pool = await port.poolInfo();
      const positions = await port.positionsOwned();
      const idle = await port.balances();
      const before = valueHoldings({ positions, balances: idle, spec, ethUsd: ethStart });
      const positionBefore = snapshot(positions, idle, before);
      // HODL of the starting holdings: every token the strategy owns now
      const hold0 = before.principal0 + before.fees0 + idle.amount0Raw;
      const hold1 = before.principal1 + before.fees1 + idle.amount1Raw;

      const decision = strategy.decide({
        episodeIndex: index,
        laneStep: this.laneStep,
        pool: { sqrtPriceX96: pool.sqrtPriceX96, tick: pool.tick, liquidity: pool.liquidity, fee: pool.fee, tickSpacing: pool.tickSpacing, decimals0: pool.decimals0, decimals1: pool.decimals1 },
        holdings: {
          ranges: positions.map((r) => ({ tickLower: r.tickLower, tickUpper: r.tickUpper, liquidity: r.liquidity })),
          idle0: idle.amount0Raw,
          idle1: idle.amount1Raw,
          valueUsd: before.totalUsd,
          uncollectedFeesUsd: before.feesUsd,
        },
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

      const exec = await executePlan({ port, plan: decision.plan, positions, spec, ethUsd: ethStart });
      const held = exec.steps.length === 0 ? positions : await port.positionsOwned();
      const feesAfterAction = sumFees(held);
      const watched = await port.advance({ block: endBlock });
      const endPositions = await port.positionsOwned();
      const endIdle = await port.balances();
      const end = valueHoldings({ positions: endPositions, balances: endIdle, spec, ethUsd: ethEnd });

      const fees0 = clampNonNegative(end.fees0 - feesAfterAction.fees0);
      const fees1 = clampNonNegative(end.fees1 - feesAfterAction.fees1);
      const attribution = attribute({
        startValueUsd: before.totalUsd,
        hodlEndValueUsd: amountsToUsd(spec, hold0, hold1, { ethUsd: ethEnd }),
        endValueUsd: end.totalUsd,
        feesUsd: amountsToUsd(spec, fees0, fees1, { ethUsd: ethEnd }),
        swapCostUsd: exec.swapCostUsd,
        gasUsd: exec.gasUsd,
        lvrUsd: watched.lvrUsd,
      });
      const inRangeFrac = held.length > 0 ? (watched.blocksInRange[0] ?? 0) / market.blocks : 0;
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
        poolSwaps: watched.swaps,
        positionBefore,
        positionAfter: snapshot(endPositions, endIdle, end),
      });

      // what the strategy will have seen next time: the last windows of observed pool ticks
      slot.observed = appendWindow(slot.observed, watched.observedTicks, market.blocks * OBSERVED_WINDOWS);
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

function snapshot(positions: readonly PositionInfo[], idle: WalletBalances, value: { totalUsd: number; feesUsd: number }): PositionSnapshot {
  return {
    position_open: positions.length > 0,
    ranges: positions.map((r) => ({ tick_lower: r.tickLower, tick_upper: r.tickUpper, width_pts: r.tickUpper - r.tickLower, liquidity: r.liquidity.toString() })),
    idle0: idle.amount0Raw.toString(),
    idle1: idle.amount1Raw.toString(),
    value_usd: value.totalUsd,
    uncollected_fees_usd: value.feesUsd,
  };
}

function sumFees(positions: readonly PositionInfo[]): { fees0: bigint; fees1: bigint } {
  let fees0 = 0n;
  let fees1 = 0n;
  for (const p of positions) {
    fees0 += p.fees0Raw;
    fees1 += p.fees1Raw;
  }
  return { fees0, fees1 };
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
