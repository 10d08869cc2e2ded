/** Applies an Op to the engine's Pool and to the EVM pool, each giving an Outcome. */
import { Pool } from '../../src/clmm/Pool.ts';
import { PoolRevertError } from '../../src/clmm/PoolRevertError.ts';
import type { EvmPool } from './EvmPool.ts';
import { payerFor, type Outcome, type PoolCallOp } from './ops.ts';

/**
 * The engine side. A PoolRevertError becomes `{ ok: false, code }`; any other exception is reported
 * as an outcome too (code `EXCEPTION: ...`), so it shows up as a mismatch instead of ending the run.
 */
export function applyToEngine(pool: Pool, op: PoolCallOp): Outcome {
  try {
    switch (op.kind) {
      case 'initialize':
        pool.initialize(op.sqrtPriceX96);
        return { ok: true, result: null };
      case 'mint':
        return ok(
          pool.mint({ recipient: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.amount, payer: payerFor(op.pay) }),
        );
      case 'burn':
        return ok(pool.burn({ owner: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.amount }));
      case 'collect':
        return ok(pool.collect(op));
      case 'swap':
        return ok(
          pool.swap({
            zeroForOne: op.zeroForOne,
            amountSpecified: op.amountSpecified,
            sqrtPriceLimitX96: op.sqrtPriceLimitX96,
            payer: payerFor(op.pay),
          }),
        );
      case 'setFeeProtocol':
        pool.setFeeProtocol(op.feeProtocol0, op.feeProtocol1);
        return { ok: true, result: null };
      case 'collectProtocol':
        return ok(pool.collectProtocol(op));
    }
  } catch (err) {
    if (err instanceof PoolRevertError) return { ok: false, code: err.revertCode };
    const e = err as Error;
    return { ok: false, code: `EXCEPTION: ${e.name}: ${e.message}` };
  }
}

function ok(r: { amount0: bigint; amount1: bigint }): Outcome {
  return { ok: true, result: { amount0: r.amount0, amount1: r.amount1 } };
}

/** The EVM side. */
export function applyToEvm(pool: EvmPool, op: PoolCallOp): Promise<Outcome> {
  switch (op.kind) {
    case 'initialize':
      return pool.initialize(op.sqrtPriceX96);
    case 'mint':
      return pool.mint({ recipient: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper, amount: op.amount, pay: op.pay });
    case 'burn':
      return pool.burn(op);
    case 'collect':
      return pool.collect(op);
    case 'swap':
      return pool.swap(op);
    case 'setFeeProtocol':
      return pool.setFeeProtocol(op.feeProtocol0, op.feeProtocol1);
    case 'collectProtocol':
      return pool.collectProtocol(op);
  }
}
