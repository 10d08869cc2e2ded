import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { artifactLine, artifactText, readArtifact, readArtifactLines } from './artifactIo.ts';
import { rewardSchema, timingsSchema } from './episodeFiles.ts';
import { runEventSchema } from './runEvents.ts';

const reward = { schema_version: 1 as const, total: 1.5, components: { alpha: 1, pnl: 0.5, rebalance_penalty: 0, oor_penalty: 0 } };

function codeOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ClmmLabError, String(e));
    return { code: e.code, message: e.message };
  }
  assert.fail('expected an error');
}

test('the writer serialises its own value: key order is the writer’s, not the schema’s', () => {
  const reordered = { components: { oor_penalty: 0, rebalance_penalty: 0, pnl: 0.5, alpha: 1 }, total: 1.5, schema_version: 1 as const };
  assert.equal(artifactText(rewardSchema, reordered, 'reward.json'), `${JSON.stringify(reordered, null, 2)}\n`);
  assert.equal(artifactLine(timingsSchema, { wall_ms: 3, episode_id: 'e', schema_version: 1 }, 'timings'), '{"wall_ms":3,"episode_id":"e","schema_version":1}\n');
});

test('strict schemas: an unknown key is an error on write (nothing written) and on read (file and field named)', () => {
  const extra = { ...reward, bonus: 1 };
  const w = codeOf(() => artifactText(rewardSchema, extra as typeof reward, 'ep_1 reward.json'));
  assert.equal(w.code, 'ARTIFACT_WRITE_INVALID');
  assert.match(w.message, /ep_1 reward\.json/);
  const r = codeOf(() => readArtifact(rewardSchema, JSON.stringify({ ...reward, components: { ...reward.components, latency: 0 } }), 'runs/x/reward.json'));
  assert.equal(r.code, 'ARTIFACT_INVALID');
  assert.match(r.message, /runs\/x\/reward\.json: components: .*latency/);
});

test('another schema_version, or none, is ARTIFACT_VERSION naming the file', () => {
  const v2 = codeOf(() => readArtifact(rewardSchema, JSON.stringify({ ...reward, schema_version: 2 }), 'reward.json'));
  assert.equal(v2.code, 'ARTIFACT_VERSION');
  assert.match(v2.message, /reward\.json: schema_version 2; this clmm-lab reads schema_version 1/);
  const { schema_version: _v, ...old } = reward;
  const none = codeOf(() => readArtifact(rewardSchema, JSON.stringify(old), 'reward.json'));
  assert.equal(none.code, 'ARTIFACT_VERSION');
  assert.match(none.message, /no schema_version/);
  const line = codeOf(() => readArtifactLines(runEventSchema, `${JSON.stringify({ schema_version: 3, seq: 0, at: 'x', run_id: 'r', type: 'halt', code: 'c', message: 'm', episode_id: null })}\n`, 'events.jsonl'));
  assert.equal(line.code, 'ARTIFACT_VERSION');
  assert.match(line.message, /events\.jsonl line 1/);
});

test('JSONL: a trailing partial line (a write cut by SIGKILL) is ignored; a bad line is named by number', () => {
  const good = artifactLine(timingsSchema, { schema_version: 1, episode_id: 'a', wall_ms: 1 }, 't');
  assert.equal(readArtifactLines(timingsSchema, `${good}${good}{"schema_ver`, 't.jsonl').length, 2);
  const bad = codeOf(() => readArtifactLines(timingsSchema, `${good}\n${good}{"schema_version":1,"x":1}\n`, 't.jsonl'));
  assert.equal(bad.code, 'ARTIFACT_INVALID');
  assert.match(bad.message, /t\.jsonl line 4: /);
});
