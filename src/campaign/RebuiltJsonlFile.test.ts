import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { RebuiltJsonlFile } from './RebuiltJsonlFile.ts';

const d = mkdtempSync(join(tmpdir(), 'clmm-metrics-'));
after(() => rmSync(d, { recursive: true, force: true }));
const lines = ['{"i":0}\n', '{"i":1}\n', '{"i":2}\n'];

test('a fresh run writes every line', () => {
  const path = join(d, 'fresh.jsonl');
  const f = new RebuiltJsonlFile(path);
  for (const l of lines) f.append(l, true);
  f.complete();
  f.close();
  assert.equal(readFileSync(path, 'utf8'), lines.join(''));
});

test('verified lines equal to the disk leave the file untouched, even when the run then fails', () => {
  const path = join(d, 'same.jsonl');
  writeFileSync(path, lines.join(''));
  const mtime = statSync(path).mtimeMs;
  const f = new RebuiltJsonlFile(path);
  f.append(lines[0]!, false);
  f.append(lines[1]!, false);
  f.close(); // a RESUME_MISMATCH on episode 2
  assert.equal(readFileSync(path, 'utf8'), lines.join(''));
  assert.equal(statSync(path).mtimeMs, mtime);
});

test('a differing verified line is held until a new episode or the end, so a failed verification changes nothing', () => {
  const path = join(d, 'damaged.jsonl');
  writeFileSync(path, `${lines[0]}{"i":1, "cut`);
  const f = new RebuiltJsonlFile(path);
  f.append(lines[0]!, false);
  f.append(lines[1]!, false);
  f.close();
  assert.equal(readFileSync(path, 'utf8'), `${lines[0]}{"i":1, "cut`);
  const g = new RebuiltJsonlFile(path);
  g.append(lines[0]!, false);
  g.append(lines[1]!, false);
  g.append(lines[2]!, true); // a new episode: the cut line is replaced
  g.close();
  assert.equal(readFileSync(path, 'utf8'), lines.join(''));
});

test('a complete run ends with exactly its lines (a longer leftover tail is dropped); no file is made for nothing', () => {
  const path = join(d, 'tail.jsonl');
  writeFileSync(path, `${lines.join('')}{"i":3}\n`);
  const f = new RebuiltJsonlFile(path);
  for (const l of lines) f.append(l, false);
  f.complete();
  f.close();
  assert.equal(readFileSync(path, 'utf8'), lines.join(''));
  const none = new RebuiltJsonlFile(join(d, 'none.jsonl'));
  none.close();
  assert.equal(existsSync(join(d, 'none.jsonl')), false);
});
