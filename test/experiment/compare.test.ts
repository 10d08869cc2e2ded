/**
 * Experiments end to end: compare runs variants on identical paths (common random numbers), writes
 * the reports, resumes, refuses a conflicting id; validate stops early at a target CI width; report
 * re-renders from the artifacts alone; the HTML report opens in headless Chromium and every chart draws.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { runInProcess } from '../campaign/campaignHarness.ts';

const root = mkdtempSync(join(tmpdir(), 'clmm-exp-'));
after(() => rmSync(root, { recursive: true, force: true }));

const spec = {
  name: 'tiny',
  description: 'three variants on small lanes',
  market: { regime_mix: 'mean_revert:0.4,jumpy:0.3,trend_up:0.3', horizon_s: 3600, lanes: 4 },
  variants: [
    { name: 'A', learning: false, settings: { evGate: false } },
    { name: 'B', learning: false },
    { name: 'C', learning: false, calibration: 'auto' },
  ],
  reference: 'B',
  candidates: ['A', 'C'],
};
const specFile = join(root, 'tiny.json');
writeFileSync(specFile, JSON.stringify(spec));
const dataDir = join(root, 'data');
const exp = join(dataDir, 'experiments', 'tiny_n16_s3');
const read = (f: string) => readFileSync(join(exp, f), 'utf8');

/** Opens an HTML file in Debian's chromium and returns the non-blank pixel count of every canvas. */
async function chartPixels(file: string): Promise<Record<string, number>> {
  // a fresh profile folder per launch (playwright's form of --user-data-dir)
  const browser = await chromium.launchPersistentContext(mkdtempSync(join(root, 'chrome-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 20_000 });
    assert.deepEqual(errors, []);
    // runs in the page (a string: this project compiles without DOM types)
    return (await page.evaluate(`(() => {
      const out = {};
      for (const canvas of document.querySelectorAll('canvas')) {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
        out[canvas.id] = drawn;
      }
      return out;
    })()`)) as Record<string, number>;
  } finally {
    await browser.close();
  }
}

describe('compare', () => {
  test('runs the variants on identical paths and writes report.json, report.md and report.html', async () => {
    const r = await runInProcess(['compare', '--spec', specFile, '--episodes', '16', '--seed', '3', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    const criteria = lines.filter((l) => /^(PASS|FAIL) /.test(l));
    assert.equal(criteria.length, 8, 'four criteria × two candidates');
    for (const l of criteria) assert.match(l, /^(PASS|FAIL) [a-z_]+(\[[a-z_]+\])? (A|C) vs B: \S/);
    assert.match(r.out, /^verdict: (PASS|FAIL)$/m);
    const report = JSON.parse(read('report.json')) as { episodes_analyzed: number; complete: boolean; comparisons: Record<string, { overall: { n: number; resamples: number } }>; variants: Record<string, { episodes: number }> };
    assert.equal(report.episodes_analyzed, 16);
    assert.ok(report.complete);
    assert.equal(report.comparisons.C!.overall.n, 16);
    assert.equal(report.comparisons.C!.overall.resamples, 2000);
    assert.match(read('report.md'), /^# Experiment tiny/);
    // common random numbers: every variant's baselines saw the same paths, so their results are identical
    const baselinesOf = (v: string) => (JSON.parse(read(`runs/tiny_n16_s3_${v}/episodes/ep_tiny_n16_s3_${v}_5/result.json`)) as { baselines: unknown }).baselines;
    assert.deepEqual(baselinesOf('A'), baselinesOf('B'));
    assert.deepEqual(baselinesOf('C'), baselinesOf('B'));
    // C is calibrated: its run carries the experiment's calibration hash
    const cConfig = JSON.parse(read('runs/tiny_n16_s3_C/run_config.json')) as { calibration_sha256: string | null };
    assert.match(cConfig.calibration_sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  test('the report does not depend on the worker count or the data dir', async () => {
    const other = join(root, 'other');
    const r = await runInProcess(['compare', '--spec', specFile, '--episodes', '16', '--seed', '3', '--data-dir', other, '--workers', '1']);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(other, 'experiments', 'tiny_n16_s3', 'report.json'), 'utf8'), read('report.json'));
  });

  test('report re-renders the same files from the artifacts alone', async () => {
    const before = ['report.json', 'report.md', 'report.html'].map(read);
    rmSync(join(exp, 'report.md'));
    const r = await runInProcess(['report', 'tiny_n16_s3', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(['report.json', 'report.md', 'report.html'].map(read), before);
  });

  test('the same command resumes (verifying every episode); another seed under the same id is refused', async () => {
    const again = await runInProcess(['compare', '--spec', specFile, '--episodes', '16', '--seed', '3', '--data-dir', dataDir]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Resuming experiment tiny_n16_s3/);
    const conflict = await runInProcess(['compare', '--spec', specFile, '--episodes', '16', '--seed', '4', '--data-dir', dataDir, '--id', 'tiny_n16_s3']);
    assert.equal(conflict.code, 2);
    assert.match(conflict.err, /EXPERIMENT_CONFLICT/);
    const badSpec = join(root, 'bad.json');
    writeFileSync(badSpec, JSON.stringify({ ...spec, variants: [spec.variants[0], { name: 'B', learning: false, settings: { regimeMix: 'jumpy:1' } }] }));
    const bad = await runInProcess(['compare', '--spec', badSpec, '--episodes', '4', '--data-dir', dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /BAD_SPEC.*belongs to the shared market block/);
  });

  test('the HTML report opens offline in headless Chromium and every chart draws', async () => {
    const pixels = await chartPixels(join(exp, 'report.html'));
    assert.deepEqual(Object.keys(pixels).sort(), ['chart-convergence', 'chart-cumulative', 'chart-diffs', 'chart-rules', 'chart-widen']);
    for (const [id, n] of Object.entries(pixels)) assert.ok(n > 1000, `${id} drew ${n} pixels`);
  });
});

describe('campaign report', () => {
  test("a run's report.html opens in headless Chromium and every chart draws", async () => {
    const r = await runInProcess(['campaign', '--episodes', '8', '--lanes', '4', '--horizon-s', '3600', '--run-id', 'pics', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.err);
    const pixels = await chartPixels(join(dataDir, 'runs', 'pics', 'report.html'));
    assert.deepEqual(Object.keys(pixels).sort(), ['chart-actions', 'chart-attribution', 'chart-cumulative', 'chart-regimes']);
    for (const [id, n] of Object.entries(pixels)) assert.ok(n > 1000, `${id} drew ${n} pixels`);
  });
});

describe('validate', () => {
  test('stops early once the paired CI is narrower than the target, and prints the convergence table', async () => {
    const two = join(root, 'two.json');
    writeFileSync(two, JSON.stringify({ ...spec, name: 'two', variants: spec.variants.slice(0, 2), candidates: ['A'] }));
    const r = await runInProcess(['validate', '--spec', two, '--episodes', '400', '--seed', '5', '--data-dir', dataDir, '--target-ci-width', '1000000']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /📏 50 episodes: widest paired 95% CI/);
    assert.match(r.out, /CI convergence/);
    const report = JSON.parse(readFileSync(join(dataDir, 'experiments', 'two_n400_s5', 'report.json'), 'utf8')) as { stopped_early: { at: number } | null; complete: boolean; episodes_analyzed: number };
    assert.equal(report.stopped_early?.at, 50);
    assert.equal(report.complete, false);
    assert.ok(report.episodes_analyzed >= 50 && report.episodes_analyzed < 400);
  });
});
