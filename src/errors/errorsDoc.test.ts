import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES } from './errorCodes.ts';
import { errorsMarkdown } from './errorsDoc.ts';

test('docs/errors.md is the table generated from the error registry (run npm run docs:errors after a change)', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(doc, errorsMarkdown());
  for (const code of Object.keys(ERROR_CODES)) assert.ok(doc.includes(`| \`${code}\` |`), code);
});

test('the generated table gives each code its kind and exit code', () => {
  const doc = errorsMarkdown();
  assert.match(doc, /\| `DUNE_UNAUTHORIZED` \| `bad_input` \| 2 \|/);
  assert.match(doc, /\| `INTEL_CACHE` \| `external` \| 3 \|/);
  assert.match(doc, /\| `POOL_REVERT` \| `failed` \| 1 \|/);
  assert.match(doc, /\| `INTERRUPTED` \| `interrupted` \| 130 \|/);
});
