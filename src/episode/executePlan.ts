/**
 * Carries out a strategy's plan through the execution port, as an LP would on chain: close every
 * position that changes (principal and fees back to the wallet), swap toward the first range's token
 * ratio through the pool (paying its fee and price impact), then open the ranges in order, each with
 * the most liquidity the remaining tokens buy. A plan that keeps the positions, or asks for the ranges
 * already held, makes no call at all. A swap or mint the venue rejects as reverted or empty is skipped,
 * as a reverted transaction would be; any other failure propagates.
 */
import type { PositionPlan, RangeSpec } from '../agent/types.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { ExecutorPort, PositionInfo, TxReceipt } from '../exec/ExecutorPort.ts';
import { totalGas } from '../exec/gasCost.ts';
import { amountsToUsd } from '../exec/valuation.ts';
import type { PoolSpec } from '../market/types.ts';
import { swapToRatio } from './swapToRatio.ts';

/** What carrying out a plan cost and did. */
export interface ExecutionReport {
  /** Steps performed, in order: 'close', 'swap', 'mint'. Empty when the plan kept the positions. */
  steps: string[];
  gasUnits: number;
  gasUsd: number;
  /** Value given minus value received by the strategy's own swaps, at the mark (fees + impact). */
  swapCostUsd: number;
  /** Fees collected when positions were closed, raw units. */
  collectedFees0: bigint;
  collectedFees1: bigint;
  receipts: TxReceipt[];
}

export interface ExecutePlanParams {
  port: ExecutorPort;
  plan: PositionPlan;
  /** The wallet's open positions now, as read for the decision. */
  positions: readonly PositionInfo[];
  spec: PoolSpec;
  /** USD per whole token1 now: the mark of the swap's cost and size. */
  ethUsd: number;
}

/** Venue answers that skip a step rather than fail the episode. */
const SKIPPABLE = new Set(['EXEC_REVERTED', 'EXEC_ZERO_LIQUIDITY']);

export async function executePlan(p: ExecutePlanParams): Promise<ExecutionReport> {
  const { port, plan, spec, ethUsd } = p;
  const report: ExecutionReport = { steps: [], gasUnits: 0, gasUsd: 0, swapCostUsd: 0, collectedFees0: 0n, collectedFees1: 0n, receipts: [] };
  if (plan.keep || sameRanges(p.positions, plan.ranges)) return report;

  for (const position of p.positions) {
    const closed = await port.closePosition(position.positionId);
    report.collectedFees0 += closed.fees0Raw;
    report.collectedFees1 += closed.fees1Raw;
    report.steps.push('close');
    report.receipts.push(closed.receipt);
  }

  const first = plan.ranges[0];
  if (first !== undefined && plan.swapToRatio) {
    const pool = await port.poolInfo();
    const idle = await port.balances();
    const swap = swapToRatio({ sqrtPriceX96: pool.sqrtPriceX96, range: first, idle0: idle.amount0Raw, idle1: idle.amount1Raw, decimals0: spec.decimals0, decimals1: spec.decimals1, ethUsd });
    if (swap !== null) {
      const done = await skippable(() => port.executeSwap(swap));
      if (done !== null) {
        const gaveUsd = swap.zeroForOne ? amountsToUsd(spec, done.amountInRaw, 0n, { ethUsd }) : amountsToUsd(spec, 0n, done.amountInRaw, { ethUsd });
        const gotUsd = swap.zeroForOne ? amountsToUsd(spec, 0n, done.amountOutRaw, { ethUsd }) : amountsToUsd(spec, done.amountOutRaw, 0n, { ethUsd });
        report.swapCostUsd += gaveUsd - gotUsd;
        report.steps.push('swap');
        report.receipts.push(done.receipt);
      }
    }
  }

  for (const range of plan.ranges) {
    const idle = await port.balances();
    const opened = await skippable(() => port.openPosition({ tickLower: range.tickLower, tickUpper: range.tickUpper, amount0MaxRaw: idle.amount0Raw, amount1MaxRaw: idle.amount1Raw }));
    if (opened !== null) {
      report.steps.push('mint');
      report.receipts.push(opened.receipt);
    }
  }
  const gas = totalGas(report.receipts);
  report.gasUnits = gas.gasUnits;
  report.gasUsd = gas.gasUsd;
  return report;
}

async function skippable<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClmmLabError && SKIPPABLE.has(error.code)) return null;
    throw error;
  }
}

function sameRanges(current: readonly RangeSpec[], next: readonly RangeSpec[]): boolean {
  return current.length === next.length && current.every((r, i) => r.tickLower === next[i]!.tickLower && r.tickUpper === next[i]!.tickUpper);
}
