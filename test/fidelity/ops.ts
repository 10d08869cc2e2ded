/**
 * The operations of a fidelity run: a serialisable description of one pool call, applied alike to
 * the EVM pool and to the engine. Pools are addressed by fee tier; `create` replaces a tier's pool
 * by a fresh, uninitialized one (new tokens on the EVM side) and is not itself a pool call.
 */
import type { Payer } from '../../src/clmm/types.ts';

export const FEE_TIERS = [100, 500, 3000, 10000] as const;
export type FeeTier = (typeof FEE_TIERS)[number];
export const TICK_SPACING: Record<FeeTier, number> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

/**
 * How a mint or swap callback deviates from paying exactly what it owes, per token:
 * paid = max(0, max(owed, 0) + adjust). Negative adjust = shortfall (M0, M1, IIA), positive = a gift.
 */
export interface PayAdjust {
  adjust0: bigint;
  adjust1: bigint;
}

export type Op =
  | { kind: 'create'; fee: FeeTier }
  | { kind: 'initialize'; fee: FeeTier; sqrtPriceX96: bigint }
  | { kind: 'mint'; fee: FeeTier; owner: string; tickLower: number; tickUpper: number; amount: bigint; pay?: PayAdjust }
  | { kind: 'burn'; fee: FeeTier; owner: string; tickLower: number; tickUpper: number; amount: bigint }
  | {
      kind: 'collect';
      fee: FeeTier;
      owner: string;
      tickLower: number;
      tickUpper: number;
      amount0Requested: bigint;
      amount1Requested: bigint;
    }
  | { kind: 'swap'; fee: FeeTier; zeroForOne: boolean; amountSpecified: bigint; sqrtPriceLimitX96: bigint; pay?: PayAdjust }
  | { kind: 'setFeeProtocol'; fee: FeeTier; feeProtocol0: number; feeProtocol1: number }
  | { kind: 'collectProtocol'; fee: FeeTier; amount0Requested: bigint; amount1Requested: bigint };

export type PoolCallOp = Exclude<Op, { kind: 'create' }>;

/** The result of one pool call on either side. `result` is null for calls that return nothing. */
export type Outcome = { ok: true; result: { amount0: bigint; amount1: bigint } | null } | { ok: false; code: string };

/** What a PayAdjust pays against signed owed amounts; shared by the EVM callee and the engine payer. */
export function payment(owed: bigint, adjust: bigint): bigint {
  const due = owed > 0n ? owed : 0n;
  const paid = due + adjust;
  return paid > 0n ? paid : 0n;
}

/** The engine-side Payer equivalent to PoolCallee's callback with this adjustment. */
export function payerFor(pay: PayAdjust | undefined): Payer {
  const adjust0 = pay?.adjust0 ?? 0n;
  const adjust1 = pay?.adjust1 ?? 0n;
  return (amount0Delta, amount1Delta) => ({ paid0: payment(amount0Delta, adjust0), paid1: payment(amount1Delta, adjust1) });
}

/** JSON with bigints written as decimal strings suffixed by `n` (readable and reversible). */
export function opToJson(op: Op): string {
  return JSON.stringify(op, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function opFromJson(text: string): Op {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v)) as Op;
}

/** Formats any value (bigints included) for a mismatch report. */
export function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
}
