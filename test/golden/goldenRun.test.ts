import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDirs } from '../campaign/campaignHarness.ts';
import { ALLOWED_CHANGES, compareTrees, GOLDEN_CASES, readGolden, runGoldenCase } from './goldenTree.ts';

const temp = tempDirs();
const golden = readGolden();

for (const c of GOLDEN_CASES) {
  test(`golden run (${c.name}): every deterministic file matches, beyond the fields listed as allowed changes`, async () => {
    const fresh = await runGoldenCase(c, temp(`golden-${c.name}`));
    const d = compareTrees(golden.cases[c.name]!, fresh);
    assert.deepEqual(d.normalized, [], `outputs changed beyond ${ALLOWED_CHANGES.join(', ')}: regenerate with npm run golden:update only when the change is on purpose`);
    assert.deepEqual(d.bytes, [], 'only allowed fields changed: regenerate the golden run (npm run golden:update) and say why in the commit');
  });
}
