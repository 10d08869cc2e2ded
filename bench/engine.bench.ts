/**
 * Engine vs @uniswap/v3-sdk on the same pre-generated workload (see workload.ts): alternating timed
 * rounds after one untimed warm-up of each side (median of 5 by default), per-swap amounts-out check, and an end-state comparison. The last two output lines are
 * the verdict (`end state: identical` / `end state: DIFFERENT`, exit 1 when different) and
 * `engine/sdk speed ratio: X` (median swaps/s ÷ median swaps/s).
 *
 * Usage: npm run bench:engine -- [--swaps N] [--rounds N] [--seed N] [--verify-steps]
 */
import { parseArgs } from 'node:util';
import { compareOuts, compareStates } from './compare.ts';
import { engineState, prepareEngine, runEngine, type EngineRun } from './engineSide.ts';
import { countSdkSteps, prepareSdk, runSdk, sdkState, type SdkRun } from './sdkSide.ts';
import { DEFAULT_CONFIG, generateWorkload } from './workload.ts';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const usd = (x: number): string => `$${fmt(x)}`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { swaps: { type: 'string' }, rounds: { type: 'string' }, seed: { type: 'string' }, 'verify-steps': { type: 'boolean' } },
  });
  const swaps = positiveInt('swaps', values.swaps, DEFAULT_CONFIG.swaps);
  const rounds = positiveInt('rounds', values.rounds, 5);
  const seed = positiveInt('seed', values.seed, DEFAULT_CONFIG.seed);

  const genStart = performance.now();
  const w = generateWorkload({ ...DEFAULT_CONFIG, swaps, seed });
  const genSeconds = (performance.now() - genStart) / 1000;
  const s = w.stats;
  const c = w.config;
  console.log(`engine vs @uniswap/v3-sdk: fee ${w.fee}, tick spacing ${w.tickSpacing}, seed ${c.seed}`);
  console.log(`workload: ${fmt(s.swaps)} exact-input swaps without price limit, ${s.mints} mints and ${s.burns} burns interleaved (one each per ${c.churnEvery} swaps), ${w.setup.length} positions minted before timing (generated in ${genSeconds.toFixed(1)} s)`);
  console.log(`  swap size (log-normal, median ${usd(c.swapMedianUsd)}, sigma ${c.swapSigma}, cap ${c.swapCapMultiple}x median): p10 ${usd(s.swapUsdQuantiles.p10)}, p50 ${usd(s.swapUsdQuantiles.p50)}, p90 ${usd(s.swapUsdQuantiles.p90)}, p99 ${usd(s.swapUsdQuantiles.p99)}, mean ${usd(s.swapUsdQuantiles.mean)}`);
  console.log(`  per swap: ${s.meanSteps.toFixed(3)} swap steps, ${s.meanCrossings.toFixed(3)} initialized-tick crossings (${(100 * s.crossingShare).toFixed(1)}% of swaps cross; max ${s.maxSteps} steps), mean |tick move| ${s.meanTickMove.toFixed(2)}`);
  console.log(`  price: tick ${s.tickRange.start} -> ${s.tickRange.end}, range [${s.tickRange.min}, ${s.tickRange.max}]; ${s.initializedTicksEnd} initialized ticks at the end`);

  const engineReady = prepareEngine(w);
  const sdkReady = prepareSdk(w);

  if (values['verify-steps'] === true) {
    const counted = await countSdkSteps(sdkReady, w.ops);
    console.log(`  check (SDK tick-provider call counts): ${(counted.steps / swaps).toFixed(3)} steps, ${(counted.crossings / swaps).toFixed(3)} crossings per swap`);
  }

  const engineRates: number[] = [];
  const sdkRates: number[] = [];
  let engineRun: EngineRun | undefined;
  let sdkRun: SdkRun | undefined;
  let sdkError: unknown;
  // settle the heap before each timed section (npm run bench:engine passes --expose-gc), so neither
  // side pays for the other's garbage; both get the same treatment
  const settle = (): void => (globalThis as { gc?: () => void }).gc?.();
  // one untimed warm-up run of each side, so both are measured with their code optimised
  runEngine(engineReady, w.ops);
  await runSdk(sdkReady, w.ops).catch(() => undefined);
  for (let r = 1; r <= rounds; r++) {
    settle();
    engineRun = runEngine(engineReady, w.ops);
    engineRates.push(swaps / engineRun.seconds);
    console.log(`round ${r}: engine ${fmt(swaps / engineRun.seconds).padStart(9)} swaps/s (${engineRun.seconds.toFixed(3)} s, of which mint/burn ${engineRun.mintBurnSeconds.toFixed(3)} s)`);
    try {
      settle();
      sdkRun = await runSdk(sdkReady, w.ops);
    } catch (err) {
      sdkError = err;
      console.log(`round ${r}: sdk threw: ${err instanceof Error ? err.message : String(err)}`);
      break;
    }
    sdkRates.push(swaps / sdkRun.seconds);
    console.log(`round ${r}: sdk    ${fmt(swaps / sdkRun.seconds).padStart(9)} swaps/s (${sdkRun.seconds.toFixed(3)} s, of which mint/burn rebuilds ${sdkRun.rebuildSeconds.toFixed(3)} s)`);
  }
  const engineMedian = median(engineRates);
  const sdkMedian = sdkRates.length > 0 ? median(sdkRates) : NaN;
  console.log(`median: engine ${fmt(engineMedian)} swaps/s, sdk ${fmt(sdkMedian)} swaps/s (time includes the interleaved mints/burns; for the SDK, its tick-list and Pool rebuilds)`);

  const diffs: string[] = [];
  if (sdkError !== undefined || sdkRun === undefined || engineRun === undefined) {
    diffs.push('the SDK run did not complete');
  } else {
    if (engineRun.partialFills > 0) diffs.push(`${engineRun.partialFills} engine swaps did not consume their whole input`);
    const outDiffs = compareOuts(engineRun.outs, sdkRun.outs);
    console.log(outDiffs.length === 0 ? `amounts out: all ${fmt(swaps)} swaps identical` : `amounts out differ:\n  ${outDiffs.join('\n  ')}`);
    diffs.push(...outDiffs);
    const stateDiffs = compareStates(engineState(engineRun.pool), sdkState(sdkRun));
    if (stateDiffs.length > 0) console.log(`end state differs:\n  ${stateDiffs.join('\n  ')}`);
    diffs.push(...stateDiffs);
  }
  console.log(diffs.length === 0 ? 'end state: identical' : 'end state: DIFFERENT');
  console.log(`engine/sdk speed ratio: ${(engineMedian / sdkMedian).toFixed(2)}`);
  return diffs.length === 0 ? 0 : 1;
}

process.exitCode = await main();
