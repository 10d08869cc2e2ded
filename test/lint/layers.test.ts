/**
 * The boundary lint rule (eslint.layers.js, wired in eslint.config.js) really fires: a file placed
 * in a layer that imports a layer above it gets an error from `boundaries/dependencies`, and the
 * imports the layout table allows get none. Linted through ESLint's Node API with the project's own
 * config, on virtual file paths (nothing is written into src/).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { LAYERS } from '../../eslint.layers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

/** The boundary errors ESLint reports for `code` as if it were the file `path` (relative to the repo). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  assert.ok(result !== undefined);
  return result.messages.filter((m) => m.ruleId?.startsWith('boundaries/') === true).map((m) => m.message);
}

test('a clmm/ file importing cli/ fails the lint', async () => {
  const errors = await boundaryErrors('src/clmm/layerFixture.ts', "import { main } from '../cli/main.ts';\nexport const x = main;\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /"clmm" to elements of type "cli"/);
});

test('upward or sideways imports the layout table forbids fail the lint', async () => {
  const cases: Array<[string, string]> = [
    ['src/errors/layerFixture.ts', '../clmm/FullMath.ts'],
    ['src/market/layerFixture.ts', '../agent/evGate.ts'],
    ['src/agent/layerFixture.ts', '../store/runPaths.ts'],
    ['src/store/layerFixture.ts', '../intel/registry.ts'],
    ['src/exec/layerFixture.ts', '../store/runPaths.ts'],
    ['src/intel/layerFixture.ts', '../exec/ExecutorPort.ts'],
    ['src/campaign/layerFixture.ts', '../experiment/spec.ts'],
    ['src/clmm/layerFixture.ts', '../../test/dune/fakeDuneServer.ts'],
  ];
  for (const [path, target] of cases) {
    const errors = await boundaryErrors(path, `import * as m from '${target}';\nexport const x = m;\n`);
    assert.equal(errors.length, 1, `${path} → ${target} should be refused`);
  }
});

test('imports that point down, errors/ from anywhere, and test helpers from tests pass the lint', async () => {
  const cases: Array<[string, string]> = [
    ['src/clmm/layerFixture.ts', '../errors/ClmmLabError.ts'],
    ['src/clmm/layerFixture.ts', './FullMath.ts'],
    ['src/market/layerFixture.ts', '../clmm/FullMath.ts'],
    ['src/agent/layerFixture.ts', '../market/types.ts'],
    ['src/store/layerFixture.ts', '../config/settingsTable.ts'],
    ['src/intel/layerFixture.ts', '../store/runPaths.ts'],
    ['src/safety/layerFixture.ts', '../exec/ExecutorPort.ts'],
    ['src/cli/layerFixture.ts', '../campaign/runSpec.ts'],
    ['src/clmm/layerFixture.test.ts', '../../test/dune/fakeDuneServer.ts'],
  ];
  for (const [path, target] of cases) {
    assert.deepEqual(await boundaryErrors(path, `import * as m from '${target}';\nexport const x = m;\n`), [], `${path} → ${target} should be allowed`);
  }
});

test('every folder under src/ is a layer of the table, and a file outside them fails the lint', async () => {
  const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const folder of folders) assert.ok(folder in LAYERS, `src/${folder} is not in eslint.layers.js`);
  const errors = await boundaryErrors('src/elsewhere/layerFixture.ts', 'export const x = 1;\n');
  assert.equal(errors.length, 1);
});

test('every layer may import only layers below it in the table', () => {
  const order = Object.keys(LAYERS);
  for (const [layer, allowed] of Object.entries(LAYERS)) {
    for (const target of allowed) assert.ok(order.indexOf(target) > order.indexOf(layer) || (layer === 'config' && target === 'store'), `${layer} → ${target} points up`);
  }
});
