import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeDuneServer, type FakeDuneServer, type FakeQuery } from '../../../test/dune/fakeDuneServer.ts';
import { sampleRows } from '../../../test/intel/sampleRows.ts';
import { loadCalibration } from '../../intel/calibration/report.ts';
import { REGISTRY } from '../../intel/registry.ts';

const BIN = new URL('../../../bin/clmm-lab.js', import.meta.url).pathname;
const KEY = 'cli-secret-key-XYZ';

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DUNE_') && !k.startsWith('HB_') && !k.startsWith('CLMM_INTEL')));
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...clean, ...env } as NodeJS.ProcessEnv });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('clmm-lab intel / calibrate (CLI)', () => {
  let dir: string;
  let server: FakeDuneServer;
  const ids: Record<string, number> = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clmm-cli-intel-'));
    const queries: Record<number, FakeQuery> = {};
    [...REGISTRY.values()].forEach((spec, i) => {
      ids[spec.name] = 2000 + i;
      queries[2000 + i] = { rows: sampleRows(spec), pendingPolls: 0, executingPolls: 0, costCredits: 5 };
    });
    server = await startFakeDuneServer({ apiKey: KEY, queries });
    writeFileSync(join(dir, 'ids.json'), JSON.stringify(ids));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('intel registry prints the original layout; --json the counts', async () => {
    const text = await run(['intel', 'registry']);
    assert.equal(text.code, 0);
    assert.match(text.out, /^P0: 3 total, 3 enabled by default\n {2}✅ gas_regime \(global, TTL=300s\)/);
    assert.match(text.out, /Total: 28 queries defined\nEnabled by default: 11\nPool-scoped: 14/);
    const json = await run(['intel', 'registry', '--json']);
    const j = JSON.parse(json.out);
    assert.deepEqual([j.total, j.enabled_default, j.pool_scoped, j.by_priority.P0], [28, 11, 14, { total: 3, enabled_default: 3 }]);
    assert.deepEqual(Object.keys(j.queries[0]).sort(), ['cost_class', 'depends_on', 'enabled_default', 'max_age_seconds', 'method', 'name', 'priority', 'scope', 'ttl_seconds']);
  });

  it('NOT SET path: status on an empty cache shows everything missing; the scheduler refuses without a key (exit 2)', async () => {
    const st = await run(['intel', 'status', '--data-dir', join(dir, 'empty'), '--json']);
    assert.equal(st.code, 0, st.err);
    const s = JSON.parse(st.out);
    assert.equal(s.dune_api, 'NOT SET');
    assert.ok(s.rows.length >= 11 && s.rows.every((r: { quality: string }) => r.quality === 'missing'));
    const sch = await run(['intel', 'scheduler', '--once', '--data-dir', join(dir, 'empty')]);
    assert.equal(sch.code, 2);
    assert.match(sch.err, /INTEL_NO_API_KEY/);
  });

  it('validates the environment with errors naming the variable', async () => {
    for (const [name, value, code] of [['DUNE_SCHEDULER_WORKERS', '1', 2], ['HB_ACTIVE_POOL_CAP', '0', 2], ['HB_ACTIVE_POOLS', '0x123', 2], ['CLMM_INTEL_CACHE', 'mongo', 2]] as const) {
      const r = await run(['intel', 'status', '--data-dir', join(dir, 'empty')], { [name]: value });
      assert.equal(r.code, code, `${name}=${value}`);
      assert.match(r.err, new RegExp(`BAD_ENV\\]: ${name}`));
    }
    const w = await run(['intel', 'scheduler', '--once', '--workers', '5'], { DUNE_API_KEY: KEY });
    assert.equal(w.code, 2);
    assert.match(w.err, /--workers/);
  });

  it('scheduler --once refreshes from Dune, status shows quality and credits, calibrate writes a report with its sha256; the key is never printed', async () => {
    const env = { DUNE_API_KEY: KEY, DUNE_API_BASE_URL: server.baseUrl };
    const sch = await run(['intel', 'scheduler', '--once', '--data-dir', dir, '--query-ids', join(dir, 'ids.json'), '--budget', '500'], env);
    assert.equal(sch.code, 0, sch.err);
    assert.match(sch.out, /Dune API: PRESENT/);
    assert.match(sch.out, /refresh dune:gas_regime:global:global: P0: always refreshed/);
    assert.match(sch.out, /cycle done: 8 refreshed, 0 failed/);
    const st = await run(['intel', 'status', '--data-dir', dir], env);
    assert.equal(st.code, 0, st.err);
    assert.match(st.out, /credits: 40 today of 80 daily budget/);
    assert.match(st.out, /pool_hourly_fees\s+P0\s+ethereum:0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640\s+fresh/);
    const out = join(dir, 'cal.json');
    const cal = await run(['calibrate', '--data-dir', dir, '--out', out], env);
    assert.equal(cal.code, 0, cal.err);
    const sha = /sha256 ([0-9a-f]{64})/.exec(cal.out)?.[1];
    const loaded = loadCalibration(readFileSync(out, 'utf8'));
    assert.equal(loaded.sha256, sha);
    assert.equal(loaded.report.constant_sources.GAS_USD.source, 'dune:gas_regime');
    const chk = await run(['calibrate', '--check', out]);
    assert.equal(chk.code, 0);
    assert.match(chk.out, new RegExp(`sha256 ${sha}`));
    for (const r of [sch, st, cal]) assert.ok(!(r.out + r.err).includes(KEY) && !/key length/i.test(r.out + r.err), 'the API key (or its length) is never printed');
  });

  it('calibrate --from-real-data writes to the default path; a bad calibration file exits 2 naming the field', async () => {
    const cal = await run(['calibrate', '--data-dir', join(dir, 'real'), '--from-real-data']);
    assert.equal(cal.code, 0, cal.err);
    const report = loadCalibration(readFileSync(join(dir, 'real', 'intel', 'calibration_report.json'), 'utf8')).report;
    assert.equal(report.constant_sources.REGIME_MIN_WIDTH.source, 'real_data');
    const bad = join(dir, 'bad.json');
    const j = JSON.parse(readFileSync(join(dir, 'real', 'intel', 'calibration_report.json'), 'utf8'));
    delete j.calibrated_constants.FEE_GATE;
    writeFileSync(bad, JSON.stringify(j));
    const chk = await run(['calibrate', '--check', bad]);
    assert.equal(chk.code, 2);
    assert.match(chk.err, /BAD_CALIBRATION\]: .*calibrated_constants\.FEE_GATE: missing/);
    const missing = await run(['calibrate', '--data-dir', join(dir, 'real'), '--from-real-data', join(dir, 'nowhere')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /REAL_DATA_MISSING/);
  });
});
