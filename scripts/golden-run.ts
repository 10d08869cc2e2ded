/**
 * Regenerates test/golden/golden-run.json from the current code (`npm run golden:update`). Run it
 * only when a change of outputs is on purpose, and say in the commit why the bytes changed. It
 * prints, against the committed golden, which files changed only in the allowed fields and which
 * changed beyond them.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTrees, GOLDEN_CASES, GOLDEN_PATH, readGolden, runGoldenCase, type GoldenRecord } from '../test/golden/goldenTree.ts';

const previous = existsSync(GOLDEN_PATH) ? readGolden() : null;
const record: GoldenRecord = { cases: {} };
for (const c of GOLDEN_CASES) {
  const dir = mkdtempSync(join(tmpdir(), `clmm-golden-${c.name}-`));
  try {
    record.cases[c.name] = await runGoldenCase(c, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const old = previous?.cases[c.name];
  if (old !== undefined) {
    const d = compareTrees(old, record.cases[c.name]!);
    console.log(`${c.name}: ${Object.keys(record.cases[c.name]!).length} files; ${d.bytes.length} changed in allowed fields only; ${d.normalized.length} changed beyond them`);
    for (const line of d.normalized) console.log(`  ${line}`);
  }
}
writeFileSync(GOLDEN_PATH, `${JSON.stringify(record, null, 1)}\n`);
console.log(`wrote ${GOLDEN_PATH}`);
