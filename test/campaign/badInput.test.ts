/**
 * Every bad environment variable, flag and config value of `clmm-lab campaign` is a named error
 * (exit 2) that names the field, and nothing is written; the regime mix of the original's notes is
 * accepted and renormalised.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runInProcess, SMALL, tempDir } from './campaignHarness.ts';

const root = tempDir('bad');
after(() => rmSync(root, { recursive: true, force: true }));

const badConfig = join(root, 'bad.json');
writeFileSync(badConfig, '{"seed": 1,');
const unknownKey = join(root, 'unknown.json');
writeFileSync(unknownKey, JSON.stringify({ seeed: 1 }));
const badMarket = join(root, 'market.json');
writeFileSync(badMarket, JSON.stringify({ market: { arbitrage: { gasUnits: -5 } } }));
const badAgent = join(root, 'agent.json');
writeFileSync(badAgent, JSON.stringify({ agent: { widthFloors: { mean_revert: 'narrow' } } }));
const badValue = join(root, 'value.json');
writeFileSync(badValue, JSON.stringify({ seed: 'many' }));
const badCalibration = join(root, 'calibration.json');
writeFileSync(badCalibration, JSON.stringify({ schema_version: 1, calibrated_constants: { GAS_USD: 2 } }));
const badLearning = join(root, 'learning.json');
writeFileSync(badLearning, JSON.stringify({ version: 99 }));

function tmpdirOf(name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

interface Case {
  name: string;
  env?: Record<string, string>;
  args?: string[];
  code: RegExp;
  field: RegExp;
}

const cases: Case[] = [
  { name: 'HB_ENV', env: { HB_ENV: 'prod' }, code: /BAD_ENV/, field: /HB_ENV.*mock, real/ },
  { name: 'MOCK_CLMM', env: { MOCK_CLMM: 'maybe' }, code: /BAD_ENV/, field: /MOCK_CLMM/ },
  { name: 'EXEC_MODE', env: { EXEC_MODE: 'turbo' }, code: /BAD_ENV/, field: /EXEC_MODE/ },
  { name: 'EXEC_MODE=shadow', env: { EXEC_MODE: 'shadow' }, code: /MODE_NOT_AVAILABLE/, field: /shadow is not available yet/ },
  { name: 'HB_ENV=real', env: { HB_ENV: 'real' }, code: /MODE_NOT_AVAILABLE/, field: /EXEC_MODE=shadow/ },
  { name: 'EXEC_MODE=live without acknowledgement', env: { EXEC_MODE: 'live' }, code: /LIVE_NOT_ACKNOWLEDGED/, field: /I_UNDERSTAND_LIVE_RISK/ },
  { name: 'CLMM_EXECUTOR', env: { CLMM_EXECUTOR: 'ftp' }, code: /BAD_ENV/, field: /CLMM_EXECUTOR/ },
  { name: 'CLMM_EXECUTOR in mock mode', env: { CLMM_EXECUTOR: 'onchain' }, code: /EXEC_EXECUTOR_IGNORED/, field: /CLMM_EXECUTOR onchain: only has an effect with EXEC_MODE=live, and the mode is mock/ },
  { name: 'CLMM_EXECUTOR with EXEC_MODE=shadow', env: { EXEC_MODE: 'shadow', CLMM_EXECUTOR: 'gateway' }, code: /EXEC_EXECUTOR_IGNORED/, field: /the mode is shadow/ },
  { name: 'EXEC_MODE=live without an executor', env: { EXEC_MODE: 'live', I_UNDERSTAND_LIVE_RISK: 'true' }, code: /EXEC_EXECUTOR_MISSING/, field: /--executor: expected onchain or gateway/ },
  { name: 'EXEC_MODE=live with its executor', env: { EXEC_MODE: 'live', I_UNDERSTAND_LIVE_RISK: 'true', CLMM_EXECUTOR: 'gateway' }, code: /MODE_NOT_AVAILABLE/, field: /EXEC_MODE=live is not available yet/ },
  { name: 'LEARN_FROM_MOCK', env: { LEARN_FROM_MOCK: '2' }, code: /BAD_ENV/, field: /LEARN_FROM_MOCK/ },
  { name: 'HB_SEED', env: { HB_SEED: '-1' }, code: /BAD_ENV/, field: /HB_SEED.*integer/ },
  { name: 'EPISODES', env: { EPISODES: '0' }, code: /BAD_ENV/, field: /EPISODES/ },
  { name: 'EPISODE_COUNT', env: { EPISODE_COUNT: 'x' }, code: /BAD_ENV/, field: /EPISODE_COUNT/ },
  { name: 'EPISODES and EPISODE_COUNT differ', env: { EPISODES: '5', EPISODE_COUNT: '6' }, code: /BAD_ENV/, field: /EPISODES and EPISODE_COUNT/ },
  { name: 'HB_LANES', env: { HB_LANES: '0' }, code: /BAD_ENV/, field: /HB_LANES/ },
  { name: 'HB_REGIME_MIX sum', env: { HB_REGIME_MIX: 'low:0.5' }, code: /BAD_REGIME_MIX/, field: /HB_REGIME_MIX/ },
  { name: 'HB_REGIME_MIX name', env: { HB_REGIME_MIX: 'calm:1' }, code: /BAD_REGIME_MIX/, field: /HB_REGIME_MIX.*calm/ },
  { name: 'HB_EPISODE_HORIZON_S', env: { HB_EPISODE_HORIZON_S: '13' }, code: /BAD_ENV/, field: /HB_EPISODE_HORIZON_S.*multiple of 12/ },
  { name: 'GAS_USD', env: { GAS_USD: 'abc' }, code: /BAD_ENV/, field: /GAS_USD/ },
  { name: 'FEE_GATE_MULT', env: { FEE_GATE_MULT: '-1' }, code: /BAD_ENV/, field: /FEE_GATE_MULT/ },
  { name: 'FEE_GATE_USD', env: { FEE_GATE_USD: 'x' }, code: /BAD_ENV/, field: /FEE_GATE_USD/ },
  { name: 'PREEMPT_MARGIN', env: { PREEMPT_MARGIN: '200' }, code: /BAD_ENV/, field: /PREEMPT_MARGIN/ },
  { name: 'HB_EV_GATE', env: { HB_EV_GATE: 'perhaps' }, code: /BAD_ENV/, field: /HB_EV_GATE/ },
  { name: 'HB_START_CAPITAL_USD', env: { HB_START_CAPITAL_USD: '0' }, code: /BAD_ENV/, field: /HB_START_CAPITAL_USD/ },
  { name: 'HB_EPISODE_HORIZON_S with replay', env: { HB_MARKET: 'replay', HB_EPISODE_HORIZON_S: '3612' }, code: /BAD_ENV/, field: /HB_EPISODE_HORIZON_S.*whole number of minutes/ },
  { name: 'CLMM_REAL_DATA without minute bars', env: { HB_MARKET: 'replay', CLMM_REAL_DATA: tmpdirOf('empty-real') }, code: /REAL_DATA_MISSING/, field: /minute-bar files/ },
  { name: 'HB_MARKET', env: { HB_MARKET: 'live' }, code: /BAD_ENV/, field: /HB_MARKET/ },
  { name: 'CLMM_REAL_DATA', env: { CLMM_REAL_DATA: '/nonexistent/real' }, code: /REAL_DATA_MISSING/, field: /nonexistent/ },
  { name: 'DUNE_CALIBRATION_JSON missing', env: { DUNE_CALIBRATION_JSON: '/nonexistent.json' }, code: /BAD_CALIBRATION/, field: /DUNE_CALIBRATION_JSON/ },
  { name: 'DUNE_CALIBRATION_JSON incomplete', env: { DUNE_CALIBRATION_JSON: badCalibration }, code: /BAD_CALIBRATION/, field: /calibrated_constants|generated_at|input_metrics/ },
  { name: 'HB_LEARNING_STATE', env: { HB_LEARNING_STATE: badLearning }, code: /BAD_LEARNING_STATE/, field: /learning/ },
  { name: 'DISABLE_POOL_VALIDATION', env: { DISABLE_POOL_VALIDATION: 'x' }, code: /BAD_ENV/, field: /DISABLE_POOL_VALIDATION/ },
  { name: 'I_UNDERSTAND_LIVE_RISK', env: { I_UNDERSTAND_LIVE_RISK: 'sure' }, code: /BAD_ENV/, field: /I_UNDERSTAND_LIVE_RISK/ },
  { name: 'CLMM_INTEL_CACHE', env: { CLMM_INTEL_CACHE: 'memcached' }, code: /BAD_ENV/, field: /CLMM_INTEL_CACHE/ },
  { name: 'CLMM_FAIL_EPISODES', env: { CLMM_FAIL_EPISODES: 'two' }, code: /BAD_ENV/, field: /CLMM_FAIL_EPISODES/ },
  { name: '--seed', args: ['--seed', 'abc'], code: /BAD_FLAG/, field: /--seed/ },
  { name: '--executor in mock mode', args: ['--executor', 'gateway'], code: /EXEC_EXECUTOR_IGNORED/, field: /--executor gateway: only has an effect with EXEC_MODE=live/ },
  { name: '--episodes', args: ['--episodes', '1.5'], code: /BAD_FLAG/, field: /--episodes/ },
  { name: '--lanes', args: ['--lanes', '0'], code: /BAD_FLAG/, field: /--lanes/ },
  { name: '--workers', args: ['--workers', '0'], code: /BAD_FLAG/, field: /--workers/ },
  { name: '--regime-mix', args: ['--regime-mix', 'jumpy:2'], code: /BAD_REGIME_MIX/, field: /--regime-mix/ },
  { name: '--run-id', args: ['--run-id', '../escape'], code: /BAD_FLAG/, field: /--run-id/ },
  { name: '--config not JSON', args: ['--config', badConfig], code: /BAD_CONFIG/, field: /not JSON/ },
  { name: '--config unknown key', args: ['--config', unknownKey], code: /BAD_CONFIG/, field: /config\.seeed/ },
  { name: '--config bad value', args: ['--config', badValue], code: /BAD_CONFIG/, field: /config\.seed/ },
  { name: '--config bad market field', args: ['--config', badMarket], code: /BAD_CONFIG/, field: /market\.arbitrage/ },
  { name: '--config bad agent field', args: ['--config', badAgent], code: /BAD_CONFIG/, field: /agent\.widthFloors\.mean_revert: expected a finite number/ },
  { name: '--config missing', args: ['--config', join(root, 'none.json')], code: /BAD_CONFIG/, field: /--config/ },
];

describe('bad input to clmm-lab campaign', () => {
  for (const c of cases) {
    test(`${c.name} is a named error (exit 2) and writes no run`, async () => {
      const dataDir = join(root, c.name.replace(/[^A-Za-z0-9]/g, '_'));
      // small runs set through the environment for env cases (a flag would win over the variable under test)
      const base: Record<string, string> = { EPISODES: '1', HB_LANES: '4', HB_EPISODE_HORIZON_S: '3600' };
      if (c.env?.EPISODE_COUNT !== undefined) delete base.EPISODES;
      const r = c.env !== undefined
        ? await runInProcess(['campaign', '--run-id', 'x', '--data-dir', dataDir], { ...base, ...c.env })
        : await runInProcess(['campaign', '--episodes', '1', '--run-id', 'x', '--data-dir', dataDir, ...SMALL, ...(c.args ?? [])]);
      assert.equal(r.code, 2, `${c.name}: ${r.err}`);
      assert.match(r.err, c.code);
      assert.match(r.err, c.field);
      assert.equal(existsSync(join(dataDir, 'runs', 'x')), false, 'no run folder');
    });
  }

  test("the notes' regime mix mean_revert:0.49,trend_up:0.36,jumpy:0.14 is accepted and renormalised", async () => {
    const dataDir = join(root, 'mix');
    const r = await runInProcess(['campaign', '--episodes', '2', '--run-id', 'mix', '--data-dir', dataDir, ...SMALL], { HB_REGIME_MIX: 'mean_revert:0.49,trend_up:0.36,jumpy:0.14' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Regime mix: .*\(renormalised\)/);
    const config = JSON.parse(readFileSync(join(dataDir, 'runs', 'mix', 'run_config.json'), 'utf8')) as { regime_mix_normalised: Record<string, number> };
    const sum = Object.values(config.regime_mix_normalised).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12);
  });

  test('a flag wins over the environment', async () => {
    const dataDir = join(root, 'precedence');
    const r = await runInProcess(['campaign', '--episodes', '1', '--seed', '5', '--run-id', 'p', '--data-dir', dataDir, ...SMALL], { HB_SEED: '9' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Seed: HB_SEED=5/);
  });
});
