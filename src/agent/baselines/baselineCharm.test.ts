import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLiquidityForAmounts, getAmountsForLiquidity } from '../../clmm/LiquidityAmounts.ts';
import { getSqrtRatioAtTick } from '../../clmm/TickMath.ts';
import { DEFAULT_AGENT_CONFIG } from '../agentConfig.ts';
import { atTick, baseObservation, centredOn, START_TICK, withPosition } from '../testSupport/observationFixture.ts';
import type { Observation } from '../types.ts';
import { charmOrders, createBaselineCharm } from './baselineCharm.ts';

const settings = DEFAULT_AGENT_CONFIG.baselines.charm;
const USDC = 1_000_000n;
const ETH = 10n ** 18n;

function withTokens(obs: Observation, usdc: bigint, eth: bigint): Observation {
  return { ...obs, holdings: { ...obs.holdings, ranges: [], idle0: usdc * USDC, idle1: eth * ETH } };
}

/** What the exact mint of the base order leaves, as the executor would fill it. */
function exactLeftover(obs: Observation, base: { tickLower: number; tickUpper: number }) {
  const p = { sqrtPriceX96: obs.pool.sqrtPriceX96, sqrtPriceAX96: getSqrtRatioAtTick(base.tickLower), sqrtPriceBX96: getSqrtRatioAtTick(base.tickUpper) };
  const liquidity = getLiquidityForAmounts({ ...p, amount0: obs.holdings.idle0, amount1: obs.holdings.idle1 });
  const used = getAmountsForLiquidity({ ...p, liquidity });
  return { left0: obs.holdings.idle0 - used.amount0, left1: obs.holdings.idle1 - used.amount1 };
}

test('leftover token0 goes to an ask order above the price, token1 to a bid order below it', () => {
  const usdcHeavy = withTokens(baseObservation(), 8000n, 1n); // ETH ≈ $2000
  const ask = charmOrders(usdcHeavy, settings);
  assert.equal(ask.side, 'ask');
  assert.ok(ask.limit!.tickLower > usdcHeavy.pool.tick, 'a range above the price holds only token0');
  assert.equal(ask.limit!.tickUpper - ask.limit!.tickLower, settings.limitWidthTicks);
  const exact = exactLeftover(usdcHeavy, ask.base);
  assert.ok(exact.left0 > 0n && exact.left1 < ETH / 1000n);

  const ethHeavy = withTokens(baseObservation(), 1000n, 4n);
  const bid = charmOrders(ethHeavy, settings);
  assert.equal(bid.side, 'bid');
  assert.ok(bid.limit!.tickUpper <= ethHeavy.pool.tick, 'a range at or below the price holds only token1');
  assert.ok(exactLeftover(ethHeavy, bid.base).left1 > 0n);
  assert.ok(Math.abs(bid.leftoverUsd - 7000) < 100, `leftover ${bid.leftoverUsd}`);
});

test('the decision places the base then the limit, without a swap', () => {
  const charm = createBaselineCharm(settings);
  const d = charm.decide(withTokens(baseObservation(), 8000n, 1n));
  assert.equal(d.decisionBasis.rule_fired, 'baseline_open');
  assert.equal(d.plan.swapToRatio, false);
  assert.equal(d.plan.ranges.length, 2);
  assert.equal(d.widthTicks, settings.baseWidthTicks);
  const r = d.plan.ranges[0]!;
  assert.ok(r.tickLower <= START_TICK && START_TICK < r.tickUpper);
  assert.equal(d.decisionBasis.limit_side, 'ask');
});

test('rebalances on its schedule or when the price leaves the base; holds otherwise', () => {
  const charm = createBaselineCharm(settings);
  const held = withPosition(baseObservation(), centredOn(START_TICK, settings.baseWidthTicks));
  assert.equal(charm.decide({ ...held, episodesSinceAction: 1 }).action, 'hold');
  const period = charm.decide({ ...held, episodesSinceAction: settings.periodEpisodes });
  assert.equal(period.decisionBasis.rule_fired, 'baseline_charm_rebalance_period');
  const out = charm.decide(atTick({ ...held, episodesSinceAction: 1 }, START_TICK + 2000));
  assert.equal(out.decisionBasis.rule_fired, 'baseline_charm_rebalance_out_of_base');
  assert.equal(out.action, 'rebalance');
  const base = out.plan.ranges[0]!;
  assert.ok(base.tickLower <= START_TICK + 2000 && START_TICK + 2000 < base.tickUpper);
});
