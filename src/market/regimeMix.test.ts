import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawRegime, formatRegimeMix, parseRegimeMix, RegimeMixError } from './regimeMix.ts';
import { createRng } from './Rng.ts';
import { REGIMES } from './types.ts';

test('a mix summing to 1 parses as given, with every regime present', () => {
  const { mix, normalised } = parseRegimeMix('mean_revert:0.4,jumpy:0.3,trend_up:0.3');
  assert.equal(normalised, false);
  assert.deepEqual(Object.keys(mix).sort(), [...REGIMES].sort());
  assert.equal(mix.mean_revert, 0.4);
  assert.equal(mix.low, 0);
});

test('the original calibrated mix (sum 0.99) is accepted and renormalised', () => {
  const { mix, normalised } = parseRegimeMix('mean_revert:0.49,trend_up:0.36,jumpy:0.14');
  assert.equal(normalised, true);
  assert.ok(Math.abs(REGIMES.reduce((s, r) => s + mix[r], 0) - 1) < 1e-12);
  assert.ok(Math.abs(mix.mean_revert - 0.49 / 0.99) < 1e-12);
  assert.equal(formatRegimeMix(mix), 'mean_revert:0.494949,jumpy:0.141414,trend_up:0.363636');
});

test('spaces around entries and weights are tolerated; sums of 1.01 renormalise', () => {
  const { mix, normalised } = parseRegimeMix(' low : 0.51 , mid:0.5 ');
  assert.equal(normalised, true);
  assert.ok(Math.abs(mix.low + mix.mid - 1) < 1e-12);
});

const bad: Array<[string, RegExp, string]> = [
  ['', /empty/, ''],
  ['   ', /empty/, ''],
  ['calm:1', /unknown regime "calm"/, 'calm:1'],
  ['low:0.5,low:0.5', /appears twice/, 'low:0.5'],
  ['low:abc,mid:1', /"abc".*not a number/, 'low:abc'],
  ['low:1e', /not a number/, 'low:1e'],
  ['low:-0.2,mid:1.2', /negative weight/, 'low:-0.2'],
  ['low:0.5,,mid:0.5', /empty entry/, ''],
  ['low0.5', /not name:weight/, 'low0.5'],
  ['low:0.5:1', /not name:weight/, 'low:0.5:1'],
  ['low:0.5,mid:0.4', /sum to 0.9, not 1/, 'low:0.5,mid:0.4'],
  ['low:0.7,mid:0.4', /sum to 1.1, not 1/, 'low:0.7,mid:0.4'],
  ['low:0,mid:0', /sum to 0/, 'low:0,mid:0'],
  ['low:Infinity', /not a number/, 'low:Infinity'],
];
for (const [text, message, part] of bad) {
  test(`rejects ${JSON.stringify(text)} naming the offending part`, () => {
    assert.throws(
      () => parseRegimeMix(text),
      (error: unknown) => {
        assert.ok(error instanceof RegimeMixError);
        assert.equal(error.code, 'BAD_REGIME_MIX');
        assert.match(error.message, message);
        assert.equal(error.part.trim(), part);
        return true;
      },
    );
  });
}

test('drawRegime follows the weights and is deterministic by seed', () => {
  const { mix } = parseRegimeMix('mean_revert:0.4,jumpy:0.3,trend_up:0.3');
  const rng = createRng(7);
  const counts: Record<string, number> = {};
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const r = drawRegime(mix, rng);
    counts[r] = (counts[r] ?? 0) + 1;
  }
  assert.deepEqual(Object.keys(counts).sort(), ['jumpy', 'mean_revert', 'trend_up']);
  for (const r of ['mean_revert', 'jumpy', 'trend_up'] as const) {
    const se = Math.sqrt((mix[r] * (1 - mix[r])) / n);
    assert.ok(Math.abs(counts[r]! / n - mix[r]) < 4 * se, `${r}: ${counts[r]! / n} vs ${mix[r]}`);
  }
  assert.equal(drawRegime(mix, createRng(99).fork('x')), drawRegime(mix, createRng(99).fork('x')));
});

test('formatRegimeMix round-trips through parseRegimeMix', () => {
  const { mix } = parseRegimeMix('high:0.25,low:0.25,trend_down:0.5');
  assert.equal(formatRegimeMix(mix), 'low:0.25,high:0.25,trend_down:0.5');
  assert.deepEqual(parseRegimeMix(formatRegimeMix(mix)).mix, mix);
});
