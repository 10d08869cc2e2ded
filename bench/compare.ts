/** Differences between the engine's and the SDK's results, as readable lines (empty = identical). */
import type { JSBI } from './jsbi.ts';

export interface PoolState {
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  ticks: Map<number, { gross: bigint; net: bigint }>;
}

/** Compares price, tick, in-range liquidity and every initialized tick's liquidityGross / liquidityNet. */
export function compareStates(engine: PoolState, sdk: PoolState, limit = 10): string[] {
  const diffs: string[] = [];
  if (engine.sqrtPriceX96 !== sdk.sqrtPriceX96) diffs.push(`sqrtPriceX96: engine ${engine.sqrtPriceX96}, sdk ${sdk.sqrtPriceX96}`);
  if (engine.tick !== sdk.tick) diffs.push(`tick: engine ${engine.tick}, sdk ${sdk.tick}`);
  if (engine.liquidity !== sdk.liquidity) diffs.push(`liquidity: engine ${engine.liquidity}, sdk ${sdk.liquidity}`);
  const indices = [...new Set([...engine.ticks.keys(), ...sdk.ticks.keys()])].sort((a, b) => a - b);
  for (const index of indices) {
    const e = engine.ticks.get(index);
    const s = sdk.ticks.get(index);
    if (e?.gross !== s?.gross || e?.net !== s?.net) {
      const show = (t: { gross: bigint; net: bigint } | undefined) => (t === undefined ? 'not initialized' : `gross ${t.gross} net ${t.net}`);
      diffs.push(`tick ${index}: engine ${show(e)}, sdk ${show(s)}`);
    }
    if (diffs.length >= limit) break;
  }
  return diffs;
}

/** Compares the amount out of every swap; reports the first few mismatches and the total count. */
export function compareOuts(engine: readonly bigint[], sdk: readonly JSBI[], limit = 5): string[] {
  const diffs: string[] = [];
  if (engine.length !== sdk.length) diffs.push(`swap count: engine ${engine.length}, sdk ${sdk.length}`);
  let mismatches = 0;
  const n = Math.min(engine.length, sdk.length);
  for (let i = 0; i < n; i++) {
    const s = BigInt(sdk[i]!.toString());
    if (engine[i] !== s) {
      if (mismatches < limit) diffs.push(`swap #${i}: amount out engine ${engine[i]}, sdk ${s}`);
      mismatches++;
    }
  }
  if (mismatches > limit) diffs.push(`... ${mismatches} swaps differ in all`);
  return diffs;
}
