/** Marking token amounts to USD: token0 is the dollar stablecoin, token1 the volatile asset priced at the external ETH/USD. */
import type { PoolSpec } from '../market/types.ts';

export interface Marks {
  /** USD per whole token1 (ETH/USD from the external price). */
  ethUsd: number;
}

export function amountsToUsd(spec: PoolSpec, amount0: bigint, amount1: bigint, marks: Marks): number {
  return Number(amount0) / 10 ** spec.decimals0 + (Number(amount1) / 10 ** spec.decimals1) * marks.ethUsd;
}
