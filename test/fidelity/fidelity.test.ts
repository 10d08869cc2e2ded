/**
 * The engine against v3-core's bytecode on generated op sequences, and proof that those sequences
 * reach every corner case named in the fidelity brief on the EVM side with the expected revert code.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Pool, type SwapParams } from '../../src/clmm/Pool.ts';
import type { TokenAmounts } from '../../src/clmm/types.ts';
import { EvmDeployment } from './EvmPool.ts';
import { describeMismatch, runFidelity } from './runner.ts';

const SEEDS = [1, 2];
const OPS_PER_SEED = 1200;

let deployment: EvmDeployment;
const coverage: Record<string, number> = {};

before(async () => {
  deployment = await EvmDeployment.deploy();
});

test(`the engine matches v3-core on ${SEEDS.length} × ${OPS_PER_SEED} generated ops`, async () => {
  for (const seed of SEEDS) {
    const result = await runFidelity({ ops: OPS_PER_SEED, seed, deployment });
    assert.equal(result.ops, OPS_PER_SEED);
    assert.equal(result.mismatches, 0, result.firstMismatch === null ? '' : describeMismatch(result.firstMismatch));
    for (const [tag, n] of Object.entries(result.coverage)) coverage[tag] = (coverage[tag] ?? 0) + n;
  }
});

describe('the generated ops reach each corner case on the EVM', () => {
  /** [corner, tags any of which shows it, or all of which must occur when `every` is set] */
  const corners: [name: string, tags: string[], every?: 'every'][] = [
    ['LOK: every op before initialize', ['revert:mint:LOK', 'revert:burn:LOK', 'revert:collect:LOK', 'revert:swap:LOK', 'revert:setFeeProtocol:LOK']],
    ['AI: double initialize', ['revert:initialize:AI']],
    ['initialize near MIN_TICK', ['initialize:near-min-tick']],
    ['initialize near MAX_TICK', ['initialize:near-max-tick']],
    ['full-range mint', ['mint:full-range']],
    ['single-spacing mint', ['mint:single-spacing']],
    ['mint above the price', ['mint:above-price']],
    ['mint below the price', ['mint:below-price']],
    ['M0: mint underpaying token0', ['revert:mint:M0']],
    ['M1: mint underpaying token1', ['revert:mint:M1']],
    ['NO_REASON: mint of 0 liquidity', ['revert:mint:NO_REASON:amount-0']],
    ['NO_REASON: tick not a multiple of the spacing', ['revert:mint:NO_REASON:tick-off-spacing']],
    ['LO: mint above maxLiquidityPerTick', ['revert:mint:LO']],
    ['TLU: tickLower >= tickUpper', ['revert:mint:TLU']],
    ['TLM: tickLower < MIN_TICK', ['revert:mint:TLM']],
    ['TUM: tickUpper > MAX_TICK', ['revert:mint:TUM']],
    ['partial burn', ['burn:partial']],
    ['full burn', ['burn:full']],
    ['burn of 0 (poke)', ['burn:poke']],
    ['LS: burn of more than held', ['revert:burn:LS']],
    ['NP: poke of an empty position', ['revert:burn:NP']],
    ['partial collect', ['collect:partial']],
    ['exact-input swap, both directions', ['swap:exact-input:zeroForOne', 'swap:exact-input:oneForZero'], 'every'],
    ['exact-output swap, both directions', ['swap:exact-output:zeroForOne', 'swap:exact-output:oneForZero'], 'every'],
    ['swap stopped by its price limit', ['swap:stopped-at-limit']],
    ['SPL: invalid price limit', ['revert:swap:SPL']],
    ['AS: amountSpecified 0', ['revert:swap:AS']],
    ['IIA: swap underpaying', ['revert:swap:IIA']],
    ['swap crossing many initialized ticks', ['swap:crossed-many-ticks']],
    ['swap draining liquidity and going on through an empty gap', ['swap:drain-through-gap']],
    ['swap returning (0, 0) yet moving the price', ['swap:zero-amounts-price-moved']],
    ['protocol fee switched on', ['setFeeProtocol:on']],
    ['invalid protocol fee', ['revert:setFeeProtocol:NO_REASON']],
    ['collectProtocol of everything leaves 1 wei', ['collectProtocol:leaves-1-wei']],
    ['tokensOwed wrapping modulo 2^128', ['tokensOwed-wrap']],
  ];
  for (const [name, tags, every] of corners) {
    test(name, () => {
      const seen = tags.filter((t) => (coverage[t] ?? 0) > 0);
      if (every === 'every') assert.deepEqual(seen, tags, `not all of ${tags.join(', ')} occurred; coverage: ${JSON.stringify(coverage)}`);
      else assert.ok(seen.length > 0, `none of ${tags.join(', ')} occurred; coverage: ${JSON.stringify(coverage)}`);
    });
  }
});

/** An engine with a planted bug: every zeroForOne swap credits one extra unit of fee growth. */
class SkewedPool extends Pool {
  override swap(params: SwapParams): TokenAmounts {
    const result = super.swap(params);
    if (params.zeroForOne) this.feeGrowthGlobal0X128 += 1n;
    return result;
  }
}

test('a planted engine bug is reported with the op and both values', async () => {
  const result = await runFidelity({ ops: 300, seed: 3, deployment, createEngine: (fee) => new SkewedPool({ fee }) });
  assert.ok(result.mismatches > 0);
  const m = result.firstMismatch;
  assert.ok(m !== null);
  assert.equal(m.op.kind, 'swap');
  assert.equal(m.field, 'feeGrowthGlobal0X128');
  assert.equal((m.engine as bigint) - (m.evm as bigint), 1n);
  assert.match(describeMismatch(m), /feeGrowthGlobal0X128/);
});
