import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentConfigError, parseAgentConfigPatch } from './parseAgentConfigPatch.ts';

test('a patch of known fields with the right types is accepted', () => {
  const patch = parseAgentConfigPatch({ widthFloors: { mean_revert: 800 }, evGateEnabled: false, tightening: { ladder: [800, 1200] }, regimePrior: { jumpy: 0.5, low: 0.5 } });
  assert.deepEqual(patch.widthFloors, { mean_revert: 800 });
});

test('unknown fields and wrong types are named errors', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ widthFloor: 1 }, /widthFloor: expected a known field/],
    [{ widthFloors: { mean_revert: 'narrow' } }, /widthFloors\.mean_revert: expected a finite number/],
    [{ evGateEnabled: 'no' }, /evGateEnabled: expected a boolean/],
    [{ tightening: { ladder: [1, 'x'] } }, /tightening\.ladder: expected an array of numbers/],
    [{ regimePrior: { calm: 1 } }, /regimePrior\.calm/],
    [[1], /expected an object/],
  ];
  for (const [input, message] of cases) assert.throws(() => parseAgentConfigPatch(input), (e: unknown) => e instanceof AgentConfigError && message.test(e.message));
});
