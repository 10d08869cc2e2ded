import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { settingsMarkdown } from './settingsDoc.ts';
import { SETTINGS } from './settingsTable.ts';

test('docs/settings.md is the table generated from the settings (run npm run docs:settings after a change)', () => {
  const doc = readFileSync(new URL('../../docs/settings.md', import.meta.url), 'utf8');
  assert.equal(doc, settingsMarkdown());
  for (const s of SETTINGS) for (const env of s.env) assert.ok(doc.includes(`\`${env}\``), env);
});
