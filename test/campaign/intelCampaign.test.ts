/**
 * Intel in a campaign: a run completes while Dune never answers (the background refresher is
 * abandoned, no episode waits); the scheduler's refreshes serve a later run's frozen snapshot; a
 * calibration report goes into a campaign (file copied, sha256 in run_config and every
 * metadata.json, constants in the agent's decision basis).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REGISTRY } from '../../src/intel/registry.ts';
import { defaultRunId } from '../../src/store/runPaths.ts';
import { startFakeDuneServer } from '../dune/fakeDuneServer.ts';
import { sampleRows } from '../intel/sampleRows.ts';
import { runInProcess, SMALL, tempDirs } from './campaignHarness.ts';

const dir = tempDirs();

const KEY = 'test-key-0123456789';
const P0 = ['gas_regime', 'pool_hourly_fees', 'realized_vol_jumps'];
const QUERY_IDS = P0.map((name, i) => `${name}=${1000 + i}`).join(',');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function metadataFiles(runRoot: string): Array<Record<string, unknown>> {
  const eps = join(runRoot, 'episodes');
  return readdirSync(eps).map((e) => readJson(join(eps, e, 'metadata.json')));
}

describe('intel in a campaign', () => {
  test('a campaign completes while the Dune server never answers; no episode waits on it', async () => {
    const open: IncomingMessage[] = [];
    let aborted = 0;
    const server = createServer((req) => {
      open.push(req);
      req.socket.on('close', () => aborted++);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const d = dir('silent');
      const r = await runInProcess(['campaign', '--episodes', '8', '--run-id', 'silent', '--data-dir', d, ...SMALL], {
        DUNE_API_KEY: KEY,
        DUNE_API_BASE_URL: `http://127.0.0.1:${port}/api`,
        DUNE_QUERY_IDS: QUERY_IDS,
        CLMM_INTEL_REFRESH: 'true',
      });
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Dune API: PRESENT/);
      assert.ok(!r.out.includes(KEY), 'the key is never printed');
      assert.match(r.out, /Intel refresh: scheduler running/);
      assert.match(r.out, /Intel refresh: stopped/);
      assert.ok(open.length >= 1, 'the refresher did ask Dune');
      // the client closes its sockets when the campaign ends; the server sees it a moment later
      for (let waited = 0; aborted < open.length && waited < 5000; waited += 20) await new Promise((res) => setTimeout(res, 20));
      assert.equal(aborted, open.length, 'every unanswered request was abandoned when the campaign ended');
      const summary = readJson(join(d, 'runs', 'silent', 'metrics_summary.json'));
      assert.equal(summary.successful, 8);
      for (const m of metadataFiles(join(d, 'runs', 'silent'))) {
        const snapshot = (m.extra as { intel_snapshot: Record<string, { quality: string }> }).intel_snapshot;
        assert.ok(Object.values(snapshot).every((e) => e.quality === 'missing'));
      }
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test("the scheduler's refreshes serve a later run: its frozen snapshot sees them fresh", async () => {
    const queries = Object.fromEntries(P0.map((name, i) => [1000 + i, { rows: sampleRows(REGISTRY.get(name)!), pendingPolls: 0, executingPolls: 0 }]));
    const server = await startFakeDuneServer({ apiKey: KEY, queries });
    try {
      const d = dir('warm');
      const env = { DUNE_API_KEY: KEY, DUNE_API_BASE_URL: server.baseUrl, DUNE_QUERY_IDS: QUERY_IDS };
      const cold = await runInProcess(['campaign', '--episodes', '2', '--run-id', defaultRunId(new Date()), '--data-dir', d, ...SMALL], env);
      assert.equal(cold.code, 0, cold.err);
      assert.match(cold.out, /Intel snapshot: 0\/11 fresh/);
      const refresh = await runInProcess(['intel', 'scheduler', '--once', '--data-dir', d], env);
      assert.equal(refresh.code, 0, refresh.err);
      const runId = `warm_${defaultRunId(new Date())}`;
      const warm = await runInProcess(['campaign', '--episodes', '2', '--run-id', runId, '--data-dir', d, ...SMALL], env);
      assert.equal(warm.code, 0, warm.err);
      assert.match(warm.out, /Intel snapshot: [1-9]\d*\/11 fresh/);
      const frozen = readJson(join(d, 'runs', runId, 'intel_snapshot.json')) as { entries: Record<string, { quality: string }> };
      for (const name of P0) assert.equal(frozen.entries[name]?.quality, 'fresh', name);
      for (const m of metadataFiles(join(d, 'runs', runId))) {
        const extra = m.extra as { intel_snapshot: Record<string, { quality: string }>; intel_hygiene: { fresh: number } };
        assert.equal(extra.intel_snapshot.gas_regime?.quality, 'fresh');
        assert.ok(extra.intel_hygiene.fresh >= 3);
      }
    } finally {
      await server.close();
    }
  });

  test('a calibration report round-trips into a campaign', async () => {
    const d = dir('calib');
    const report = join(d, 'calibration_report.json');
    const made = await runInProcess(['calibrate', '--from-real-data', '--out', report, '--data-dir', d]);
    assert.equal(made.code, 0, made.err);
    const sha = /sha256 ([0-9a-f]{64})/.exec(made.out)?.[1];
    assert.ok(sha !== undefined, made.out);
    const calibration = readJson(report) as { calibrated_constants: { GAS_USD: number; FEE_GATE: number; REGIME_MIN_WIDTH: Record<string, number> } };
    const r = await runInProcess(['campaign', '--episodes', '4', '--run-id', 'cal', '--data-dir', d, ...SMALL], { DUNE_CALIBRATION_JSON: report });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Calibration: sha256 ${sha}`));
    const root = join(d, 'runs', 'cal');
    assert.equal(readFileSync(join(root, 'calibration.json'), 'utf8'), readFileSync(report, 'utf8'));
    assert.equal(readJson(join(root, 'run_config.json')).calibration_sha256, sha);
    for (const m of metadataFiles(root)) assert.equal(m.calibration_sha256, sha);
    const proposal = readJson(join(root, 'episodes', 'ep_cal_0', 'proposal.json')) as { params: { decision_basis: { fee_gate: number; gas_usd: number; regime_min_width: number; regime_estimate: string } } };
    const basis = proposal.params.decision_basis;
    assert.equal(basis.gas_usd, calibration.calibrated_constants.GAS_USD);
    assert.equal(basis.fee_gate, calibration.calibrated_constants.FEE_GATE);
    assert.equal(basis.regime_min_width, calibration.calibrated_constants.REGIME_MIN_WIDTH[basis.regime_estimate]);
    // a flag still wins over the calibration file
    const flagged = await runInProcess(['campaign', '--episodes', '1', '--run-id', 'cal2', '--gas-usd', '3', '--data-dir', d, ...SMALL], { DUNE_CALIBRATION_JSON: report });
    assert.equal(flagged.code, 0, flagged.err);
    assert.match(flagged.out, /GAS=\$3\.00/);
  });
});
