/**
 * The campaign contract end to end: determinism across worker counts and data dirs, the artifact
 * tree and its schemas, attribution adding up, failed episodes, metrics --write, resume after
 * SIGKILL and SIGINT, the run lock, and resume conflicts.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BASELINE_KEYS } from '../../src/agent/baselines/createBaselines.ts';
import { deterministicTree, exited, finishedCount, runChild, runInProcess, SMALL, startChild, tempDirs, treeDifference, waitFor } from './campaignHarness.ts';

const dir = tempDirs();

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('campaign determinism and artifacts', () => {
  const a = dir('a');
  const b = dir('b');
  // an id without a time starts at its creation time unless --sim-start fixes it; two runs compared byte for byte fix it
  const args = ['campaign', '--episodes', '12', '--seed', '7', '--run-id', 'det', '--sim-start', '1735689600', ...SMALL];
  let tree: Map<string, string>;

  test('the same seed, settings and run id give identical bytes at 1 and 3 workers in two data dirs', async () => {
    const one = await runInProcess([...args, '--data-dir', a, '--workers', '1']);
    assert.equal(one.code, 0, one.err);
    const three = await runInProcess([...args, '--data-dir', b, '--workers', '3']);
    assert.equal(three.code, 0, three.err);
    tree = deterministicTree(join(a, 'runs', 'det'));
    assert.equal(treeDifference(tree, deterministicTree(join(b, 'runs', 'det'))), null);
    for (const [name, text] of tree) {
      assert.ok(!text.includes(a) && !text.includes(b), `${name} holds an absolute data path`);
    }
  });

  test('the artifact tree has every file DESIGN.md lists, with the original field names', () => {
    const root = join(a, 'runs', 'det');
    for (const f of ['campaign.log', 'episode_metrics.jsonl', 'events.jsonl', 'metrics_summary.json', 'report.html', 'run_config.json', 'run_env.json', 'intel_snapshot.json', 'learning_state.json']) assert.ok(existsSync(join(root, f)), f);
    for (let lane = 0; lane < 4; lane++) assert.ok(existsSync(join(root, 'lanes', String(lane), 'learning_state.json')));
    assert.equal(existsSync(join(root, '.lock')), false, 'the lock is released');
    const episodes = readdirSync(join(root, 'episodes')).sort();
    assert.equal(episodes.length, 12);
    for (let i = 0; i < 12; i++) {
      const ep = join(root, 'episodes', `ep_det_${i}`);
      for (const f of ['proposal.json', 'metadata.json', 'result.json', 'reward.json', 'timings.json', 'logs.jsonl']) assert.ok(existsSync(join(ep, f)), `${ep}/${f}`);
      const proposal = readJson(join(ep, 'proposal.json')) as { params: { action: string; width_pts: number; decision_basis: Record<string, unknown> } };
      assert.ok(['hold', 'rebalance', 'widen', 'narrow', 'close'].includes(proposal.params.action));
      assert.equal(typeof proposal.params.decision_basis.rule_fired, 'string');
      for (const k of ['fee_gate', 'gas_usd', 'ev_gate', 'expected_fees_usd', 'regime_min_width', 'width_after_floor']) assert.ok(k in proposal.params.decision_basis, k);
      const metadata = readJson(join(ep, 'metadata.json')) as { extra: Record<string, unknown>; episode_id: string; timestamp: string };
      assert.equal(metadata.episode_id, `ep_det_${i}`);
      assert.ok('intel_snapshot' in metadata.extra && 'intel_hygiene' in metadata.extra);
      assert.match(metadata.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const result = readJson(join(ep, 'result.json')) as Record<string, unknown> & { baselines: Record<string, unknown>; attribution: Record<string, number> };
      for (const k of ['pnl_usd', 'fees_usd', 'gas_cost_usd', 'out_of_range_pct', 'alpha_usd', 'best_baseline_name', 'position_before', 'position_after']) assert.ok(k in result, k);
      assert.deepEqual(Object.keys(result.baselines).sort(), [...BASELINE_KEYS].sort());
      // attribution adds up: net = market + fees − IL − swap cost − gas
      const t = result.attribution;
      const parts = t.market_pnl_usd! + t.fees_usd! - t.il_usd! - t.swap_cost_usd! - t.gas_usd!;
      assert.ok(Math.abs(parts - (result.pnl_usd as number)) < 1e-6 * Math.max(1, Math.abs(result.pnl_usd as number)), `episode ${i}: parts ${parts} vs net ${result.pnl_usd}`);
      assert.equal(t.gas_usd, result.gas_cost_usd);
      const reward = readJson(join(ep, 'reward.json'));
      assert.ok('total' in reward && 'components' in reward);
    }
    const lines = readFileSync(join(root, 'episode_metrics.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { index: number; pnl_usd: number });
    assert.deepEqual(lines.map((l) => l.index), [...Array(12).keys()], 'episode_metrics.jsonl is in index order');
    const summary = readJson(join(root, 'metrics_summary.json')) as Record<string, number> & { by_action: Record<string, unknown>; baselines: Record<string, unknown> };
    assert.equal(summary.total_episodes, 12);
    assert.equal(summary.total_episodes, summary.successful! + summary.failed! + summary.skipped!);
    assert.ok('widen_pct' in summary.by_action);
    for (const k of ['by_regime', 'by_rule', 'total_pnl_usd', 'total_fees_usd', 'total_gas_usd']) assert.ok(k in summary, k);
    assert.deepEqual(Object.keys(summary.baselines).sort(), [...BASELINE_KEYS].sort());
    const sum = lines.reduce((s, l) => s + l.pnl_usd, 0);
    assert.ok(Math.abs(sum - summary.total_pnl_usd!) < 1e-9 * Math.max(1, Math.abs(sum)));
  });

  test('metrics --write rewrites metrics_summary.json byte for byte; --csv exports every episode', async () => {
    const root = join(a, 'runs', 'det');
    const before = readFileSync(join(root, 'metrics_summary.json'), 'utf8');
    const reportBefore = readFileSync(join(root, 'report.html'), 'utf8');
    rmSync(join(root, 'metrics_summary.json'));
    rmSync(join(root, 'report.html'));
    const csv = join(a, 'episodes.csv');
    const r = await runInProcess(['metrics', 'det', '--data-dir', a, '--write', '--csv', csv]);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(root, 'metrics_summary.json'), 'utf8'), before);
    assert.equal(readFileSync(join(root, 'report.html'), 'utf8'), reportBefore);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    assert.equal(rows.length, 13);
    assert.match(rows[0]!, /^episode_id,index,lane,status,regime/);
    const listed = await runInProcess(['runs', '--data-dir', a]);
    assert.match(listed.out, /det\s+complete\s+12\/12/);
  });

  test('an existing run id without --resume is an error, and so is a conflicting flag with --resume', async () => {
    const again = await runInProcess([...args, '--data-dir', a]);
    assert.equal(again.code, 2);
    assert.match(again.err, /RUN_EXISTS/);
    const conflict = await runInProcess(['campaign', '--resume', 'det', '--data-dir', a, '--seed', '8']);
    assert.equal(conflict.code, 2);
    assert.match(conflict.err, /RESUME_CONFLICT.*--seed/);
    const missing = await runInProcess(['campaign', '--resume', 'nope', '--data-dir', a]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /RUN_NOT_FOUND/);
  });

  test('a run whose lock is held by a live process cannot be resumed by another', async () => {
    const root = join(a, 'runs', 'det');
    writeFileSync(join(root, '.lock'), `${process.ppid}\n`);
    try {
      const r = await runInProcess(['campaign', '--resume', 'det', '--data-dir', a]);
      assert.equal(r.code, 2);
      assert.match(r.err, /RUN_LOCKED/);
    } finally {
      rmSync(join(root, '.lock'));
    }
  });

  test('resuming a complete run re-simulates every episode and verifies its bytes', async () => {
    const r = await runInProcess(['campaign', '--resume', 'det', '--data-dir', a, '--workers', '2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /12 episodes verified byte for byte, 0 written/);
    assert.equal(treeDifference(tree, deterministicTree(join(a, 'runs', 'det'))), null);
  });

  test('a tampered episode makes the resume fail with RESUME_MISMATCH', async () => {
    const c = dir('tamper');
    assert.equal((await runInProcess(['campaign', '--episodes', '4', '--run-id', 'tam', '--data-dir', c, ...SMALL])).code, 0);
    const result = join(c, 'runs', 'tam', 'episodes', 'ep_tam_2', 'result.json');
    writeFileSync(result, readFileSync(result, 'utf8').replace('"status": "success"', '"status": "succes"'));
    const r = await runInProcess(['campaign', '--resume', 'tam', '--data-dir', c]);
    assert.equal(r.code, 1);
    assert.match(r.err, /RESUME_MISMATCH.*ep_tam_2/);
  });
});

describe('learning', () => {
  test('nothing is learned in mock mode by default; LEARN_FROM_MOCK=true learns, and --learning-state loads it into a later run', async () => {
    const d = dir('learn');
    const off = await runInProcess(['campaign', '--episodes', '8', '--run-id', 'off', '--data-dir', d, ...SMALL]);
    assert.equal(off.code, 0, off.err);
    assert.equal((readJson(join(d, 'runs', 'off', 'learning_state.json')) as { episodes: number }).episodes, 0);
    assert.equal(readJson(join(d, 'runs', 'off', 'episodes', 'ep_off_5', 'metadata.json')).learning_update_applied, false);
    const on = await runInProcess(['campaign', '--episodes', '8', '--run-id', 'on', '--data-dir', d, ...SMALL], { LEARN_FROM_MOCK: 'true' });
    assert.equal(on.code, 0, on.err);
    const learned = join(d, 'runs', 'on', 'learning_state.json');
    assert.equal((readJson(learned) as { episodes: number }).episodes, 8);
    assert.equal(readJson(join(d, 'runs', 'on', 'episodes', 'ep_on_5', 'metadata.json')).learning_update_applied, true);
    const later = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'later', '--learning-state', learned, '--data-dir', d, ...SMALL]);
    assert.equal(later.code, 0, later.err);
    // the first decision of the later run already sees the loaded statistics of its estimated regime
    const basis = (readJson(join(d, 'runs', 'later', 'episodes', 'ep_later_0', 'proposal.json')) as { params: { decision_basis: { regime_estimate: string; learned: { regime_episodes: number } } } }).params.decision_basis;
    const loaded = readJson(learned) as { regimes: Record<string, { count: number }> };
    assert.equal(basis.learned.regime_episodes, loaded.regimes[basis.regime_estimate]!.count);
    assert.ok(Object.values(loaded.regimes).some((r) => r.count > 0));
    assert.equal(readFileSync(join(d, 'runs', 'later', 'learning_state.initial.json'), 'utf8'), readFileSync(learned, 'utf8'));
    assert.equal((readJson(join(d, 'runs', 'later', 'learning_state.json')) as { episodes: number }).episodes, 8, 'the loaded state is the base of the merge');
  });
});

describe('failed episodes', () => {
  test('a failing episode writes failure.json and a failed result.json; the campaign goes on', async () => {
    const d = dir('fail');
    const r = await runInProcess(['campaign', '--episodes', '6', '--run-id', 'f', '--data-dir', d, ...SMALL], { CLMM_FAIL_EPISODES: '2' });
    assert.equal(r.code, 0, r.err);
    const ep = join(d, 'runs', 'f', 'episodes', 'ep_f_2');
    const failure = readJson(join(ep, 'failure.json')) as { error: string; context: { stage: string } };
    assert.match(failure.error, /on purpose/);
    assert.equal(readJson(join(ep, 'result.json')).status, 'failed');
    const summary = readJson(join(d, 'runs', 'f', 'metrics_summary.json'));
    assert.equal(summary.failed, 1);
    assert.equal(summary.successful, 5);
    assert.equal(readJson(join(d, 'runs', 'f', 'episodes', 'ep_f_5', 'result.json')).status, 'success');
    // the failure is part of the run's saved settings: a resume fails it again and verifies every byte
    const resumed = await runInProcess(['campaign', '--resume', 'f', '--data-dir', d]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.out, /6 episodes verified byte for byte/);
  });
});

describe('kill and resume', () => {
  const args = ['campaign', '--episodes', '24', '--seed', '11', '--run-id', 'kr', '--sim-start', '1735689600', ...SMALL, '--workers', '2'];

  test('after SIGKILL mid-campaign, --resume finishes with the bytes of an uninterrupted run', async () => {
    const ref = dir('ref');
    assert.equal((await runInProcess([...args, '--data-dir', ref])).code, 0);
    const killed = dir('killed');
    const child = startChild([...args, '--data-dir', killed]);
    const root = join(killed, 'runs', 'kr');
    await waitFor(() => finishedCount(root), 6, child);
    child.kill('SIGKILL');
    const ended = await exited(child);
    assert.equal(ended.signal, 'SIGKILL');
    assert.ok(finishedCount(root) < 24, 'killed before the end');
    const resumed = runChild(['campaign', '--resume', 'kr', '--data-dir', killed]);
    assert.equal(resumed.code, 0, resumed.err + resumed.out);
    const resumedTree = deterministicTree(root);
    assert.ok(resumedTree.has('events.jsonl') && resumedTree.has('episode_metrics.jsonl'), 'the rebuilt JSONL files are compared too');
    assert.equal(treeDifference(deterministicTree(join(ref, 'runs', 'kr')), resumedTree), null);
  });

  test('SIGINT stops after the episodes in flight with exit 130 and a resumable run', async () => {
    const d = dir('int');
    const child = startChild([...args, '--data-dir', d]);
    const root = join(d, 'runs', 'kr');
    await waitFor(() => finishedCount(root), 4, child);
    child.kill('SIGINT');
    const ended = await exited(child);
    assert.equal(ended.code, 130, child.output());
    assert.match(child.output(), /--resume kr/);
    assert.equal(existsSync(join(root, '.lock')), false);
    assert.equal(existsSync(join(root, 'metrics_summary.json')), false);
    const resumed = runChild(['campaign', '--resume', 'kr', '--data-dir', d]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.ok(existsSync(join(root, 'metrics_summary.json')));
  });
});
