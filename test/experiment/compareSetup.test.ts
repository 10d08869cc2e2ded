/**
 * `compare` setup under crashes and bad input (issue 11): everything is validated before a folder
 * is written, and a variant folder left without run_config.json by a kill is created again.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runInProcess, tempDirs } from '../campaign/campaignHarness.ts';

const dir = tempDirs();

const spec = (variants: unknown[]) => ({
  name: 'setup',
  market: { regime_mix: 'mean_revert:0.4,jumpy:0.3,trend_up:0.3', horizon_s: 3600, lanes: 2 },
  variants,
  reference: 'B',
  candidates: ['A'],
});

describe('compare setup', () => {
  test("`compare` killed between creating a variant's folder and writing its run_config.json fails forever with RUN_EXISTS: now the same command creates it again", async () => {
    const d = dir('killed');
    const file = join(d, 'spec.json');
    writeFileSync(file, JSON.stringify(spec([{ name: 'A', learning: false, settings: { evGate: false } }, { name: 'B', learning: false }])));
    const args = ['compare', '--spec', file, '--episodes', '4', '--seed', '1', '--data-dir', d, '--workers', '2'];
    const first = await runInProcess(args);
    assert.equal(first.code, 0, first.err);
    const exp = join(d, 'experiments', 'setup_n4_s1');
    const report = readFileSync(join(exp, 'report.json'), 'utf8');
    // the state a kill leaves: A's folder made, its run_config.json not yet written
    const a = join(exp, 'runs', 'setup_n4_s1_A');
    rmSync(a, { recursive: true });
    mkdirSync(a);
    writeFileSync(join(a, 'intel_snapshot.json'), '{"entr');
    const again = await runInProcess(args);
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.err, /RUN_EXISTS|--resume/);
    assert.ok(existsSync(join(a, 'run_config.json')));
    assert.equal(readFileSync(join(exp, 'report.json'), 'utf8'), report, 'the recreated variant gives the same report');
  });

  test('compare also writes folders before validating (a missing calibration file leaves folders behind, then EXPERIMENT_CONFLICT): now nothing is written until all is valid', async () => {
    const d = dir('nocal');
    const file = join(d, 'spec.json');
    writeFileSync(file, JSON.stringify(spec([{ name: 'A', learning: false }, { name: 'B', learning: false, calibration: join(d, 'missing.json') }])));
    const args = ['compare', '--spec', file, '--episodes', '2', '--seed', '1', '--data-dir', d, '--workers', '2'];
    const bad = await runInProcess(args);
    assert.equal(bad.code, 2, bad.err);
    assert.match(bad.err, /BAD_CALIBRATION.*variants\.B\.calibration.*does not exist/);
    assert.equal(existsSync(join(d, 'experiments')), false, 'no folder left behind');
    // the user fixes the spec and runs the same command: no EXPERIMENT_CONFLICT
    writeFileSync(file, JSON.stringify(spec([{ name: 'A', learning: false }, { name: 'B', learning: false }])));
    const fixed = await runInProcess(args);
    assert.equal(fixed.code, 0, fixed.err);
    assert.doesNotMatch(fixed.err, /EXPERIMENT_CONFLICT/);
  });

  test('an experiment folder without experiment.json (killed while creating it) is created afresh', async () => {
    const d = dir('norecord');
    const file = join(d, 'spec.json');
    writeFileSync(file, JSON.stringify(spec([{ name: 'A', learning: false }, { name: 'B', learning: false }])));
    const exp = join(d, 'experiments', 'setup_n2_s1');
    mkdirSync(exp, { recursive: true });
    writeFileSync(join(exp, 'spec.json'), '{"na');
    const r = await runInProcess(['compare', '--spec', file, '--episodes', '2', '--seed', '1', '--data-dir', d]);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(exp, 'spec.json'), 'utf8'), readFileSync(file, 'utf8'));
  });

  test('Number settings accept hex: validate --target-ci-width 0x10 is bad input (decimal only), and nothing is written', async () => {
    const d = dir('hex');
    const file = join(d, 'spec.json');
    writeFileSync(file, JSON.stringify(spec([{ name: 'A', learning: false }, { name: 'B', learning: false }])));
    const r = await runInProcess(['validate', '--spec', file, '--episodes', '4', '--data-dir', d, '--target-ci-width', '0x10']);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /error \[BAD_FLAG\]: --target-ci-width: expected a positive number/);
    assert.equal(existsSync(join(d, 'experiments')), false);
  });
});
