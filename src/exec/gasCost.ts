/**
 * Gas in USD: units × gas price × the native token's USD price. Several transactions sent at one gas
 * price are priced once on their summed units, so a total does not depend on how a plan's steps were
 * split into calls (nor, in floats, on their order).
 */
import type { TxReceipt } from './ExecutorPort.ts';

export function gasCostUsd(p: { gasUnits: number; gasPriceGwei: number; nativeUsd: number }): number {
  return (p.gasUnits * p.gasPriceGwei * 1e-9) * p.nativeUsd;
}

/** Gas units and USD of a set of receipts. */
export function totalGas(receipts: readonly TxReceipt[]): { gasUnits: number; gasUsd: number } {
  let gasUnits = 0;
  for (const r of receipts) gasUnits += r.gasUnits;
  const first = receipts[0];
  if (first === undefined) return { gasUnits: 0, gasUsd: 0 };
  const onePrice = receipts.every((r) => r.gasPriceGwei === first.gasPriceGwei && r.nativeUsd === first.nativeUsd);
  if (onePrice) return { gasUnits, gasUsd: gasCostUsd({ gasUnits, gasPriceGwei: first.gasPriceGwei, nativeUsd: first.nativeUsd }) };
  let gasUsd = 0;
  for (const r of receipts) gasUsd += r.gasUsd;
  return { gasUnits, gasUsd };
}
