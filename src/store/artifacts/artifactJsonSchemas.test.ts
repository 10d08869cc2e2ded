import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { artifactJsonSchemas } from './artifactJsonSchemas.ts';

const DIR = new URL('../../../docs/schemas/', import.meta.url);

test('docs/schemas/ holds exactly the generated JSON Schema of every artifact (npm run docs:schemas)', () => {
  const generated = artifactJsonSchemas();
  const committed = readdirSync(DIR).filter((f) => f.endsWith('.schema.json')).sort();
  assert.deepEqual(committed, [...generated.keys()].sort(), 'the set of schema files drifted: run npm run docs:schemas');
  for (const [name, text] of generated) assert.equal(readFileSync(new URL(name, DIR), 'utf8'), text, `docs/schemas/${name} drifted: run npm run docs:schemas`);
});
