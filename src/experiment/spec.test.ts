import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { DEFAULT_CRITERIA, parseSpec } from './spec.ts';

const base = {
  name: 'demo',
  variants: [
    { name: 'A', learning: false },
    { name: 'B', learning: false, settings: { evGate: false } },
  ],
  reference: 'A',
  candidates: ['B'],
};
const withVariant = (extra: Record<string, unknown>) => ({ ...base, variants: [base.variants[0], { name: 'B', learning: false, ...extra }] });

test('the shipped specs parse; the default criteria are the notes\' four', () => {
  for (const f of ['three-way', 'three-way-replay', 'narrowing', 'narrowing-base', 'fee-gate-sweep', 'ev-horizon']) parseSpec(readFileSync(new URL(`../../experiments/${f}.json`, import.meta.url), 'utf8'), f);
  const p = parseSpec(JSON.stringify(base));
  assert.deepEqual(p.criteria, DEFAULT_CRITERIA);
  assert.equal(p.spec.market.regime_mix, 'mean_revert:0.4,jumpy:0.3,trend_up:0.3');
  assert.equal(p.spec.bootstrap_resamples, 2000);
});

test('bad specs are BAD_SPEC errors naming the field', () => {
  const cases: Array<[unknown, RegExp]> = [
    [withVariant({ settings: { regimeMix: 'jumpy:1' } }), /variants\[1\] \(B\)\.settings\.regimeMix: belongs to the shared market block/],
    [withVariant({ seed: 7 }), /variants\[1\] \(B\)\.seed: belongs to the shared market block/],
    [withVariant({ market: { lanes: 2 } }), /variants\[1\] \(B\)\.market: belongs to the shared market block/],
    [{ ...base, variants: [base.variants[0], { name: 'B' }] }, /variants\.1\.learning/],
    [withVariant({ settings: { fooBar: 1 } }), /settings\.fooBar: not a variant setting/],
    [withVariant({ settings: { gasUsd: -1 } }), /settings\.gasUsd: expected a number in \[0, 10000\], got -1/],
    [withVariant({ agent: { widthFloors: { mean_revert: 'x' } } }), /agent\.widthFloors\.mean_revert: expected a finite number/],
    [{ ...base, reference: 'Z' }, /reference: names no variant/],
    [{ ...base, candidates: ['A'] }, /candidates\[0\]: is the reference/],
    [{ ...base, market: { regime_mix: 'low:0.5' } }, /market\.regime_mix/],
    [{ ...base, market: { params: { arbitrage: { gasUnits: -1 } } } }, /market\.params\.arbitrage/],
    [{ ...base, criteria: [{ kind: 'fastest' }] }, /criteria\.0/],
    [{ ...base, bootstrap_resamples: 100 }, /bootstrap_resamples/],
    [{ ...base, surprise: 1 }, /surprise/],
  ];
  for (const [spec, message] of cases) {
    assert.throws(() => parseSpec(JSON.stringify(spec), 'spec.json'), (e: unknown) => e instanceof ClmmLabError && e.code === 'BAD_SPEC' && message.test(e.message), String(message));
  }
  assert.throws(() => parseSpec('{"name":', 'spec.json'), /BAD_SPEC|not JSON/);
});

test('A spec variant with startCapitalUsd: 0 is a BAD_SPEC error naming the field (was a raw ZodError)', () => {
  assert.throws(
    () => parseSpec(JSON.stringify(withVariant({ settings: { startCapitalUsd: 0 } })), 'spec.json'),
    (e: unknown) => e instanceof ClmmLabError && e.code === 'BAD_SPEC' && /spec\.json: variants\[1\] \(B\)\.settings\.startCapitalUsd: expected a number in \[1, 1e12\], got 0/.test(e.message),
  );
});
