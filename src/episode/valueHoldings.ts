/**
 * A wallet's holdings marked to USD: positions' principal, their uncollected fees and the idle
 * tokens, each summed exactly in raw units and then marked once at ETH/USD (the external price).
 */
import type { PositionInfo, WalletBalances } from '../exec/ExecutorPort.ts';
import { amountsToUsd } from '../exec/valuation.ts';
import type { PoolSpec } from '../market/types.ts';

export interface HoldingsValue {
  totalUsd: number;
  principalUsd: number;
  feesUsd: number;
  principal0: bigint;
  principal1: bigint;
  fees0: bigint;
  fees1: bigint;
}

export function valueHoldings(p: { positions: readonly PositionInfo[]; balances: WalletBalances; spec: PoolSpec; ethUsd: number }): HoldingsValue {
  let principal0 = 0n;
  let principal1 = 0n;
  let fees0 = 0n;
  let fees1 = 0n;
  for (const v of p.positions) {
    principal0 += v.amount0Raw;
    principal1 += v.amount1Raw;
    fees0 += v.fees0Raw;
    fees1 += v.fees1Raw;
  }
  const marks = { ethUsd: p.ethUsd };
  const principalUsd = amountsToUsd(p.spec, principal0, principal1, marks);
  const feesUsd = amountsToUsd(p.spec, fees0, fees1, marks);
  const idleUsd = amountsToUsd(p.spec, p.balances.amount0Raw, p.balances.amount1Raw, marks);
  return { totalUsd: principalUsd + feesUsd + idleUsd, principalUsd, feesUsd, principal0, principal1, fees0, fees1 };
}
