/**
 * Minting the most liquidity a wallet's amounts buy in a range, as an LP's open-position does. The
 * liquidity comes from LiquidityAmounts at the current price; rounding up in the pool can ask for a
 * wei more than that assumed, so the mint is shaved and retried, as an LP's slippage margin would.
 */
import { getLiquidityForAmounts } from '../../clmm/LiquidityAmounts.ts';
import type { Pool } from '../../clmm/Pool.ts';
import { PoolRevertError } from '../../clmm/PoolRevertError.ts';
import { getSqrtRatioAtTick } from '../../clmm/TickMath.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { QuotePositionParams } from '../ExecutorPort.ts';

/** The most liquidity the amounts buy in the range at the pool's price. */
export function liquidityFor(pool: Pool, p: QuotePositionParams): bigint {
  return getLiquidityForAmounts({
    sqrtPriceX96: pool.slot0.sqrtPriceX96,
    sqrtPriceAX96: getSqrtRatioAtTick(p.tickLower),
    sqrtPriceBX96: getSqrtRatioAtTick(p.tickUpper),
    amount0: p.amount0MaxRaw,
    amount1: p.amount1MaxRaw,
  });
}

export interface MintMaxParams extends QuotePositionParams {
  pool: Pool;
  owner: string;
}

/** Mints and returns the liquidity and what it took; EXEC_ZERO_LIQUIDITY or EXEC_REVERTED when nothing could be minted. */
export function mintMax(p: MintMaxParams): { liquidity: bigint; amount0Raw: bigint; amount1Raw: bigint } {
  const { pool } = p;
  let liquidity = liquidityFor(pool, p);
  let code = 'M0';
  for (let attempt = 0; attempt < 4 && liquidity > 0n; attempt++) {
    try {
      const paid = pool.mint({
        recipient: p.owner,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
        amount: liquidity,
        payer: (owed0, owed1) => {
          if (owed0 > p.amount0MaxRaw || owed1 > p.amount1MaxRaw) throw new PoolRevertError('M0', 'wallet cannot pay');
          return { paid0: owed0, paid1: owed1 };
        },
      });
      return { liquidity, amount0Raw: paid.amount0, amount1Raw: paid.amount1 };
    } catch (error) {
      if (!(error instanceof PoolRevertError)) throw error;
      code = error.code;
      liquidity -= liquidity / 1000n + 1n;
    }
  }
  if (liquidity <= 0n) throw new ClmmLabError('EXEC_ZERO_LIQUIDITY', `the amounts buy no liquidity in [${p.tickLower}, ${p.tickUpper}) at the current price`, { details: { tickLower: p.tickLower, tickUpper: p.tickUpper } });
  throw new ClmmLabError('EXEC_REVERTED', `mint in [${p.tickLower}, ${p.tickUpper}) reverted (${code})`, { details: { code } });
}
