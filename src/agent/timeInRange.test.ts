import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createRng } from '../market/Rng.ts';
import { expectedFractionInRange, normalCdf } from './timeInRange.ts';

test('normalCdf matches known values', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-8);
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalCdf(-Infinity), 0);
});

test('without vol the price stays where it is', () => {
  const base = { sigmaPerSqrtSecond: 0, driftPerSecond: 0, horizonSeconds: 3600 };
  assert.equal(expectedFractionInRange({ ...base, lowerOffset: -0.01, upperOffset: 0.01 }), 1);
  assert.equal(expectedFractionInRange({ ...base, lowerOffset: 0.01, upperOffset: 0.02 }), 0);
  assert.equal(expectedFractionInRange({ ...base, lowerOffset: 0.01, upperOffset: 0.01 }), 0);
});

test('in [0, 1], rises with width, falls with vol', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.double({ min: 1e-6, max: 1e-3, noNaN: true }), (half, sigma) => {
      const f = (h: number, s: number) => expectedFractionInRange({ lowerOffset: -h, upperOffset: h, sigmaPerSqrtSecond: s, driftPerSecond: 0, horizonSeconds: 21_600 });
      const x = f(half, sigma);
      assert.ok(x >= 0 && x <= 1);
      assert.ok(f(half * 1.5, sigma) >= x - 1e-12);
      assert.ok(f(half, sigma * 1.5) <= x + 1e-12);
    }),
    { numRuns: 200 },
  );
});

test('agrees with a Monte Carlo of a driftless walk', () => {
  const rng = createRng(3);
  const sigma = 0.5 / Math.sqrt(365 * 24 * 3600);
  const steps = 360;
  const dt = 21_600 / steps;
  const h = 0.01;
  let inside = 0;
  const paths = 2000;
  for (let p = 0; p < paths; p++) {
    let x = 0;
    for (let i = 0; i < steps; i++) {
      x += sigma * Math.sqrt(dt) * rng.normal();
      if (x > -h && x < h) inside++;
    }
  }
  const mc = inside / (paths * steps);
  const est = expectedFractionInRange({ lowerOffset: -h, upperOffset: h, sigmaPerSqrtSecond: sigma, driftPerSecond: 0, horizonSeconds: 21_600 });
  assert.ok(Math.abs(mc - est) < 0.02, `mc ${mc} est ${est}`);
});

test('drift carries the price out of an off-centre band', () => {
  const base = { lowerOffset: -0.01, upperOffset: 0.01, sigmaPerSqrtSecond: 1e-5, horizonSeconds: 21_600 };
  assert.ok(expectedFractionInRange({ ...base, driftPerSecond: 2e-6 }) < expectedFractionInRange({ ...base, driftPerSecond: 0 }));
});
