/**
 * Typed artifacts on a real campaign: every file of a run folder parses with its schema, the EV
 * gate's verdict reaches `ev_gate_passed` and `by_rule.*.ev_gate_blocked`, `events.jsonl` holds
 * the run's events in order, and `metrics` names the file and line of a garbage row.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import type { z } from 'zod';
import { readArtifact, readArtifactLines } from '../../src/store/artifacts/artifactIo.ts';
import { evGatePassed } from '../../src/store/artifacts/decisionBasis.ts';
import { failureSchema, metadataSchema, proposalSchema, resultSchema, rewardSchema, timingsSchema } from '../../src/store/artifacts/episodeFiles.ts';
import { intelSnapshotSchema } from '../../src/store/artifacts/intelSnapshot.ts';
import { episodeMetricsRowSchema, metricsSummarySchema } from '../../src/store/artifacts/metricsFiles.ts';
import { runEventSchema } from '../../src/store/artifacts/runEvents.ts';
import { learningStateFileSchema, runConfigSchema } from '../../src/store/artifacts/runFiles.ts';
import { runInProcess, tempDirs } from './campaignHarness.ts';

const dir = tempDirs();
const RUN = 'run_20250601_120000';
const EPISODES = 8;
const FAILED = 7;

/** JSON files by name, and JSONL files (one schema per line). */
const JSON_SCHEMAS: Record<string, z.ZodType> = {
  'proposal.json': proposalSchema,
  'metadata.json': metadataSchema,
  'result.json': resultSchema,
  'reward.json': rewardSchema,
  'timings.json': timingsSchema,
  'failure.json': failureSchema,
  'metrics_summary.json': metricsSummarySchema,
  'run_config.json': runConfigSchema,
  'learning_state.json': learningStateFileSchema,
  'intel_snapshot.json': intelSnapshotSchema,
};
const JSONL_SCHEMAS: Record<string, z.ZodType> = { 'episode_metrics.jsonl': episodeMetricsRowSchema, 'events.jsonl': runEventSchema };
/** Files that are logs or pictures, not typed artifacts. */
const UNTYPED = new Set(['campaign.log', 'logs.jsonl', 'run_env.json', 'report.html']);

function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

describe('typed artifacts of a real campaign', () => {
  const data = dir('artifacts');
  const root = join(data, 'runs', RUN);
  const rows = () => readArtifactLines(episodeMetricsRowSchema, readFileSync(join(root, 'episode_metrics.jsonl'), 'utf8'), 'episode_metrics.jsonl');

  before(async () => {
    // one lane of six-hour episodes in jumpy and trending markets: the EV gate decides some of them
    const r = await runInProcess(['campaign', '--data-dir', data, '--run-id', RUN, '--episodes', String(EPISODES), '--lanes', '1', '--workers', '1', '--regime-mix', 'jumpy:0.5,trend_up:0.5'], { CLMM_FAIL_EPISODES: String(FAILED) });
    assert.equal(r.code, 0, r.err);
  });

  test('every file of the run folder parses with its schema (none is untyped by accident)', () => {
    const seen = new Set<string>();
    for (const path of filesOf(root)) {
      const name = path.split('/').pop()!;
      const text = readFileSync(path, 'utf8');
      const where = relative(root, path);
      if (JSON_SCHEMAS[name] !== undefined) readArtifact(JSON_SCHEMAS[name], text, where);
      else if (JSONL_SCHEMAS[name] !== undefined) assert.ok(readArtifactLines(JSONL_SCHEMAS[name], text, where).length > 0, where);
      else assert.ok(UNTYPED.has(name), `${where} has no schema`);
      seen.add(name);
    }
    for (const name of [...Object.keys(JSON_SCHEMAS), ...Object.keys(JSONL_SCHEMAS)]) assert.ok(seen.has(name), `the run wrote no ${name}`);
  });

  test('every gated decision has a boolean ev_gate_passed, and by_rule.ev_gate_blocked counts the rows', () => {
    const blockedByRule = new Map<string, number>();
    let gated = 0;
    for (const row of rows()) {
      if (row.status !== 'success') {
        assert.equal(row.ev_gate_passed, null);
        continue;
      }
      const proposal = readArtifact(proposalSchema, readFileSync(join(root, 'episodes', row.episode_id, 'proposal.json'), 'utf8'), row.episode_id);
      const gate = proposal.params.decision_basis.ev_gate;
      if (gate.kind === 'skipped') assert.equal(row.ev_gate_passed, null, row.episode_id);
      else {
        gated++;
        assert.equal(typeof row.ev_gate_passed, 'boolean', row.episode_id);
        assert.equal(row.ev_gate_passed, gate.kind === 'pass', row.episode_id);
      }
      assert.equal(row.ev_gate_passed, evGatePassed(gate));
      if (row.ev_gate_passed === false) blockedByRule.set(row.rule_fired!, (blockedByRule.get(row.rule_fired!) ?? 0) + 1);
    }
    assert.ok(gated > 0, 'the campaign made no gated decision: the test would prove nothing');
    const summary = readArtifact(metricsSummarySchema, readFileSync(join(root, 'metrics_summary.json'), 'utf8'), 'metrics_summary.json');
    for (const [rule, r] of Object.entries(summary.by_rule)) assert.equal(r.ev_gate_blocked, blockedByRule.get(rule) ?? 0, rule);
    assert.ok([...blockedByRule.values()].reduce((a, b) => a + b, 0) > 0, 'no decision was blocked');
  });

  test('events.jsonl: run_started, each episode started then finished or failed in index order, run_finished; seq and simulated time in order', () => {
    const events = readArtifactLines(runEventSchema, readFileSync(join(root, 'events.jsonl'), 'utf8'), 'events.jsonl');
    assert.equal(events.length, 2 + 2 * EPISODES);
    events.forEach((e, i) => {
      assert.equal(e.seq, i);
      assert.equal(e.run_id, RUN);
    });
    assert.equal(events[0]!.type, 'run_started');
    assert.equal(events[0]!.at, '2025-06-01T12:00:00Z');
    assert.equal(events.at(-1)!.type, 'run_finished');
    for (let i = 0; i < EPISODES; i++) {
      const started = events[1 + 2 * i]!;
      const outcome = events[2 + 2 * i]!;
      assert.equal(started.type, 'episode_started');
      assert.equal(outcome.type, i === FAILED ? 'episode_failed' : 'episode_finished');
      for (const e of [started, outcome]) assert.ok('index' in e && e.index === i && e.episode_id === `ep_${RUN}_${i}`);
      const metadata = readArtifact(metadataSchema, readFileSync(join(root, 'episodes', `ep_${RUN}_${i}`, 'metadata.json'), 'utf8'), 'metadata.json');
      assert.equal(started.at, metadata.timestamp);
    }
    for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at >= events[i - 1]!.at, `event ${i} goes back in time`);
    const finished = events.at(-1)!;
    assert.ok(finished.type === 'run_finished' && finished.total_episodes === EPISODES && finished.failed === 1);
  });

  test('metrics with one garbage line in episode_metrics.jsonl names the file and line (exit 2)', async () => {
    const copy = dir('garbage');
    cpSync(root, join(copy, 'runs', RUN), { recursive: true });
    const path = join(copy, 'runs', RUN, 'episode_metrics.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = '{"episode_id": "ep_x", garbage';
    writeFileSync(path, lines.join('\n'));
    const r = await runInProcess(['metrics', RUN, '--data-dir', copy]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /ARTIFACT_INVALID/);
    assert.match(r.err, /episode_metrics\.jsonl line 3: not JSON/);
    // a row that is JSON but not a row names the field
    lines[2] = JSON.stringify({ ...JSON.parse(lines[1]!), pnl_usd: 'a lot' });
    writeFileSync(path, lines.join('\n'));
    const typed = await runInProcess(['metrics', RUN, '--data-dir', copy]);
    assert.equal(typed.code, 2, typed.err);
    assert.match(typed.err, /episode_metrics\.jsonl line 3: pnl_usd: /);
  });
});
