import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { flipTick, nextInitializedTickEncoded, nextInitializedTickWithinOneWord, toggleCompressed, type TickBitmapWords } from './TickBitmap.ts';
import { MAX_TICK } from './TickMath.ts';

test('the sorted mirror finds the same next tick as the bitmap words, in both directions', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1, 10, 60, 200, 16383),
      fc.array(fc.integer({ min: -3000, max: 3000 }), { maxLength: 200 }),
      fc.array(fc.integer({ min: -3000 * 256, max: 3000 * 256 }), { minLength: 1, maxLength: 50 }),
      (spacing, flips, probes) => {
        const maxCompressed = Math.floor(MAX_TICK / spacing);
        const words: TickBitmapWords = new Map();
        const list: number[] = [];
        for (const raw of flips) {
          const c = Math.max(-maxCompressed, Math.min(maxCompressed, raw));
          flipTick(words, c * spacing, spacing);
          toggleCompressed(list, c);
        }
        const probeTicks = [...probes.map((p) => Math.max(-MAX_TICK, Math.min(MAX_TICK, Math.trunc(p / 256) * spacing + (p % spacing)))), ...list.map((c) => c * spacing), ...list.map((c) => c * spacing - 1)];
        for (const tick of probeTicks) {
          for (const lte of [true, false]) {
            const expected = nextInitializedTickWithinOneWord(words, tick, spacing, lte);
            const encoded = nextInitializedTickEncoded(list, tick, spacing, lte);
            assert.deepEqual({ next: encoded >> 1, initialized: (encoded & 1) !== 0 }, expected, `tick ${tick}, spacing ${spacing}, lte ${lte}`);
          }
        }
      },
    ),
    { numRuns: 500 },
  );
});
