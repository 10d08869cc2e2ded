import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonSafe, roundSig } from './jsonSafe.ts';

test('rounds floats to 6 significant digits, keeps integers, nulls non-finite, strings bigints', () => {
  assert.equal(roundSig(1.23456789), 1.23457);
  assert.equal(roundSig(3.5246123e-16), 3.52461e-16);
  assert.equal(roundSig(200311), 200311);
  assert.deepEqual(jsonSafe({ a: 0.1 + 0.2, b: NaN, c: Infinity, d: 12n, e: undefined, f: [1.0000001, -0.0000000001], g: new Float64Array([0.5]) }), {
    a: 0.3,
    b: null,
    c: null,
    d: '12',
    f: [1, -1e-10],
    g: [0.5],
  });
});
