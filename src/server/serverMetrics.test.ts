/**
 * `/metrics` parsed strictly (test/server/prometheusText.ts): a finished run's per-run series and
 * the totals equal its metrics_summary.json; per-run series are capped to the running runs and the
 * N most recent finished ones while the totals cover every run; intel quality per query; a cache
 * that is down leaves the runs exported.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { parsePrometheusText, sampleValue, type MetricFamily } from '../../test/server/prometheusText.ts';
import { finishedDataDir, memoryIntel, RUN, RUN_EPISODES, tempDir, testApp } from '../../test/server/serverFixture.ts';

let data: string;
let summary: MetricsSummary;

async function scrape(dataDir: string, deps: Parameters<typeof testApp>[1] = {}): Promise<Map<string, MetricFamily>> {
  const { app } = await testApp(dataDir, deps);
  const r = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(r.body);
}

before(async () => {
  data = await finishedDataDir();
  summary = JSON.parse(readFileSync(join(data, 'runs', RUN, 'metrics_summary.json'), 'utf8')) as MetricsSummary;
});

/** The agent's mean out-of-range % over the run's successful episodes, from the summary's regimes. */
function summaryOutOfRange(s: MetricsSummary): number {
  let sum = 0;
  for (const r of Object.values(s.by_regime)) sum += (r!.strategies.agent!.mean_out_of_range_pct ?? 0) * r!.strategies.agent!.episodes;
  return sum / s.successful;
}

describe('/metrics', () => {
  test("for a finished run, its series and the totals equal its metrics_summary.json", async () => {
    const m = await scrape(data);
    const run = { run_id: RUN };
    assert.ok(summary.failed >= 1, 'the fixture has a failed episode');
    const expected: Array<[string, number]> = [
      ['episodes_done', summary.total_episodes],
      ['episodes_failed', summary.failed],
      ['net_pnl_usd', summary.total_pnl_usd],
      ['fees_usd', summary.total_fees_usd],
      ['gas_spent_usd', summary.total_gas_usd],
      ['alpha_usd', summary.total_alpha_usd],
      ['widen_pct', summary.widen_pct],
    ];
    for (const [name, value] of expected) {
      assert.equal(sampleValue(m, `clmm_run_${name}`, run), value, `clmm_run_${name}`);
      assert.equal(sampleValue(m, `clmm_all_runs_${name}`), value, `clmm_all_runs_${name}`);
    }
    assert.equal(sampleValue(m, 'clmm_run_episodes', run), RUN_EPISODES);
    assert.equal(sampleValue(m, 'clmm_run_info', { run_id: RUN, status: 'complete', market: 'sim' }), 1);
    assert.ok(Math.abs(sampleValue(m, 'clmm_run_out_of_range_pct', run)! - summaryOutOfRange(summary)) < 1e-9);
    assert.equal(sampleValue(m, 'clmm_all_runs_out_of_range_pct'), sampleValue(m, 'clmm_run_out_of_range_pct', run));
    const actions = Object.entries(summary.by_action).filter(([k]) => k !== 'widen_pct');
    assert.ok(actions.length >= 2);
    for (const [action, stats] of actions) {
      const count = (stats as { count: number }).count;
      assert.equal(sampleValue(m, 'clmm_run_actions', { run_id: RUN, action }), count, action);
      assert.equal(sampleValue(m, 'clmm_all_runs_actions', { action }), count, action);
    }
    assert.equal(m.get('clmm_run_actions')!.samples.length, actions.length);
    for (const [rule, r] of Object.entries(summary.by_rule)) {
      assert.equal(sampleValue(m, 'clmm_run_rule_fired', { run_id: RUN, rule }), r.count, rule);
      assert.equal(sampleValue(m, 'clmm_all_runs_rule_fired', { rule }), r.count, rule);
    }
    assert.equal(sampleValue(m, 'clmm_runs', { status: 'complete' }), 1);
    assert.equal(sampleValue(m, 'clmm_runs_without_series'), 0);
    for (const f of m.values()) assert.equal(f.type, 'gauge', f.name);
  });

  test('intel quality per query: one series per quality, 1 for the current one; credits; the age', async () => {
    const m = await scrape(data);
    const gas = { query: 'gas_regime', priority: 'P0', scope: 'global' };
    assert.equal(sampleValue(m, 'clmm_intel_quality', { ...gas, quality: 'fresh' }), 1);
    assert.equal(sampleValue(m, 'clmm_intel_quality', { ...gas, quality: 'missing' }), 0);
    assert.equal(sampleValue(m, 'clmm_intel_age_seconds', gas), 60);
    assert.equal(sampleValue(m, 'clmm_intel_status_up'), 1);
    assert.equal(sampleValue(m, 'clmm_intel_daily_credit_budget'), 80);
    const missing = m.get('clmm_intel_quality')!.samples.filter((s) => s.labels.quality === 'missing' && s.value === 1);
    assert.ok(missing.length > 0, 'queries never fetched read as missing');
  });

  test('per-run series only for running runs and the N most recent finished ones; totals for all', async () => {
    const copy = tempDir('cap');
    // three finished runs (copies with their own ids) and one running one
    for (const id of ['old', 'mid', 'new', 'live']) {
      cpSync(join(data, 'runs', RUN), join(copy, 'runs', id), { recursive: true });
      for (const file of ['run_config.json', 'metrics_summary.json']) {
        const path = join(copy, 'runs', id, file);
        writeFileSync(path, readFileSync(path, 'utf8').replace(`"run_id": "${RUN}"`, `"run_id": "${id}"`));
      }
    }
    const t = Date.now() / 1000;
    ['old', 'mid', 'new'].forEach((id, i) => {
      for (const file of ['metrics_summary.json', 'events.jsonl', 'episode_metrics.jsonl', 'run_config.json']) utimesSync(join(copy, 'runs', id, file), t - 3000 + i * 1000, t - 3000 + i * 1000);
    });
    const live = join(copy, 'runs', 'live');
    const rows = readFileSync(join(live, 'episode_metrics.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(live, 'episode_metrics.jsonl'), `${rows.slice(0, 3).join('\n')}\n`);
    writeFileSync(join(live, '.lock'), `${process.pid}\n`);
    utimesSync(join(live, 'episode_metrics.jsonl'), t - 9000, t - 9000);

    const m = await scrape(copy, { finishedRunsCap: 2 });
    const withSeries = m.get('clmm_run_net_pnl_usd')!.samples.map((s) => s.labels.run_id).sort();
    assert.deepEqual(withSeries, ['live', 'mid', 'new'], 'the running run and the 2 most recent finished ones');
    assert.equal(sampleValue(m, 'clmm_run_info', { run_id: 'live', status: 'running', market: 'sim' }), 1);
    assert.equal(sampleValue(m, 'clmm_run_episodes_done', { run_id: 'live' }), 3);
    for (const f of m.values()) for (const s of f.samples) assert.notEqual(s.labels.run_id, 'old', `${s.name} has no series for the oldest finished run`);
    assert.equal(sampleValue(m, 'clmm_runs_without_series'), 1);
    assert.deepEqual([sampleValue(m, 'clmm_runs', { status: 'complete' }), sampleValue(m, 'clmm_runs', { status: 'running' })], [3, 1]);
    // the totals cover all four runs, the old one included
    assert.equal(sampleValue(m, 'clmm_all_runs_episodes_done'), 3 * RUN_EPISODES + 3);
    const livePnl = sampleValue(m, 'clmm_run_net_pnl_usd', { run_id: 'live' })!;
    assert.ok(Math.abs(sampleValue(m, 'clmm_all_runs_net_pnl_usd')! - (3 * summary.total_pnl_usd + livePnl)) < 1e-6);

    const none = await scrape(copy, { finishedRunsCap: 0 });
    assert.deepEqual(none.get('clmm_run_net_pnl_usd')!.samples.map((s) => s.labels.run_id), ['live']);
  });

  test('an intel cache that is down: clmm_intel_status_up 0, no intel series, the runs still exported', async () => {
    const m = await scrape(data, { intel: memoryIntel(() => Promise.reject(new ClmmLabError('INTEL_CACHE', 'down'))) });
    assert.equal(sampleValue(m, 'clmm_intel_status_up'), 0);
    assert.equal(m.get('clmm_intel_quality')?.samples.length ?? 0, 0);
    assert.equal(sampleValue(m, 'clmm_run_net_pnl_usd', { run_id: RUN }), summary.total_pnl_usd);
  });

  test('a run that leaves the per-run set leaves no stale series on the next scrape of the same app', async () => {
    const copy = tempDir('stale');
    cpSync(data, copy, { recursive: true });
    const { app } = await testApp(copy, { finishedRunsCap: 1 });
    const first = parsePrometheusText((await app.inject({ method: 'GET', url: '/metrics' })).body);
    assert.equal(sampleValue(first, 'clmm_run_net_pnl_usd', { run_id: RUN }), summary.total_pnl_usd);
    rmSync(join(copy, 'runs', RUN), { recursive: true });
    const second = parsePrometheusText((await app.inject({ method: 'GET', url: '/metrics' })).body);
    assert.equal(second.get('clmm_run_net_pnl_usd')?.samples.length ?? 0, 0);
    assert.equal(sampleValue(second, 'clmm_all_runs_episodes_done'), 0);
  });
});
