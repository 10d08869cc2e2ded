import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { appendTrigger, consumeTriggers, triggersPath } from './triggers.ts';

describe('trigger file', () => {
  it('appends, consumes once, keeps lines appended later, recovers a crashed consumer’s file, reports bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clmm-trig-'));
    try {
      const path = triggersPath(dir);
      const t = { timestamp: '2026-03-01T12:00:00Z', reason: 'episode_start', query_key: '*', params: { pool_address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640' }, priority: 'P1' as const };
      assert.deepEqual(consumeTriggers(path), { triggers: [], invalid: [] });
      appendTrigger(path, t);
      appendTrigger(path, { ...t, reason: 'gas_spike', query_key: 'gas_regime', priority: 'P0' });
      writeFileSync(path, '{not json}\n{"timestamp":"x","reason":"r","query_key":"q","priority":"P9"}\n', { flag: 'a' });
      // a file a crashed consumer left behind
      writeFileSync(join(dir, 'intel', 'triggers.jsonl.consuming-1-000000'), `${JSON.stringify({ ...t, reason: 'regime_change' })}\n`);
      const first = consumeTriggers(path);
      assert.deepEqual(first.triggers.map((x) => x.reason).sort(), ['episode_start', 'gas_spike', 'regime_change']);
      assert.equal(first.invalid.length, 2);
      assert.ok(!existsSync(path));
      assert.deepEqual(readdirSync(join(dir, 'intel')), []);
      assert.deepEqual(consumeTriggers(path).triggers, [], 'nothing is read twice');
      appendTrigger(path, t);
      assert.equal(consumeTriggers(path).triggers.length, 1);
      assert.throws(() => appendTrigger(path, { ...t, priority: 'P7' as 'P0' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
