import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { openIntelCache } from '../cache/openIntelCache.ts';
import { fixedClock } from '../clock.ts';
import { getQuery, REGISTRY } from '../registry.ts';
import { DEFAULT_POOL } from '../scope.ts';
import { calibrateFromCache } from './fromCache.ts';
import { calibrateFromRealData } from './fromRealData.ts';
import { classifyReturns } from './regimeWindows.ts';
import { loadCalibration, serializeCalibration } from './report.ts';
import { calibrate, CALIBRATION_DEFAULTS, type CalibrationInputs } from './rules.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const REAL = process.env.CLMM_REAL_DATA ?? resolve(new URL('../../../', import.meta.url).pathname, '../shared/data/real');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const m = (value: number, source = 'dune:test') => ({ value, source, quality: 'fresh' as const, asof: '2026-03-01T11:00:00.000Z' });

describe('calibration rules (table)', () => {
  const cases: Array<{ name: string; inputs: CalibrationInputs['metrics']; expect: Record<string, unknown> }> = [
    { name: 'GAS_USD = gas_p75; fees/gas ≥ 2 → FEE_GATE = 2.0 × GAS', inputs: { gas_p75_usd: m(4.2), gas_median_usd: m(2.8), fees_median_usd: m(180) }, expect: { GAS_USD: 4.2, FEE_GATE: 8.4 } },
    { name: 'fees/gas in [1, 2) → 2.5 ×', inputs: { gas_p75_usd: m(4), gas_median_usd: m(3), fees_median_usd: m(4.5) }, expect: { GAS_USD: 4, FEE_GATE: 10 } },
    { name: 'fees/gas < 1 → 3.0 ×', inputs: { gas_p75_usd: m(4), gas_median_usd: m(3), fees_median_usd: m(1) }, expect: { FEE_GATE: 12 } },
    { name: 'jump_rate > .15 → OOR 95/92', inputs: { jump_rate: m(0.2) }, expect: { OOR_CRITICAL_DEFAULT: 95, jumpy: 92, trend_up: 95 } },
    { name: 'jump_rate in (.10, .15] → OOR 92/90', inputs: { jump_rate: m(0.11) }, expect: { OOR_CRITICAL_DEFAULT: 92, jumpy: 90, mean_revert: 92 } },
    { name: 'jump_rate ≤ .10 → OOR 90/88', inputs: { jump_rate: m(0.05) }, expect: { OOR_CRITICAL_DEFAULT: 90, jumpy: 88, low: 88 } },
    { name: 'vol_p90 > .8 → floors 1600/1400/1200', inputs: { vol_p90: m(0.82) }, expect: { w_trend_up: 1600, w_jumpy: 1400, w_mean_revert: 1200, w_low: 800 } },
    { name: 'vol_p90 in (.6, .8] → 1400/1200/1000', inputs: { vol_p90: m(0.7) }, expect: { w_trend_up: 1400, w_jumpy: 1200, w_mean_revert: 1000, w_default: 1000 } },
    { name: 'vol_p90 ≤ .6 → 1200/1000/800', inputs: { vol_p90: m(0.5) }, expect: { w_trend_down: 1200, w_jumpy: 1000, w_mean_revert: 800, w_low: 400 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = calibrate({ metrics: c.inputs }, T0);
      const k = r.calibrated_constants;
      for (const [key, v] of Object.entries(c.expect)) {
        const got = key.startsWith('w_') ? k.REGIME_MIN_WIDTH[key.slice(2) as 'low'] : key in k ? k[key as 'GAS_USD'] : k.OOR_CRITICAL_BY_REGIME[key as 'jumpy'];
        assert.equal(got, v, key);
      }
    });
  }

  it('the original inputs give the original calibrated values, with each constant’s source', () => {
    const r = calibrate({ metrics: { fees_median_usd: m(180), fees_p90_usd: m(520), gas_median_usd: m(2.8), gas_p75_usd: m(4.2), gas_p90_usd: m(9.5), vol_median: m(0.48), vol_p90: m(0.82), jump_rate: m(0.11), trend_rate: m(0.28), mean_revert_rate: m(0.38) } }, T0);
    assert.equal(r.calibrated_constants.GAS_USD, 4.2);
    assert.equal(r.calibrated_constants.FEE_GATE, 8.4);
    assert.equal(r.calibrated_constants.OOR_CRITICAL_DEFAULT, 92);
    assert.deepEqual([r.calibrated_constants.REGIME_MIN_WIDTH.trend_up, r.calibrated_constants.REGIME_MIN_WIDTH.jumpy, r.calibrated_constants.REGIME_MIN_WIDTH.mean_revert], [1600, 1400, 1200]);
    assert.deepEqual(r.calibrated_regime_mix, { mean_revert: 0.4935, trend_up: 0.3636, jumpy: 0.1429 });
    assert.equal(r.input_metrics.fees_to_gas_ratio?.value, 64.2857);
    assert.equal(r.input_metrics.gas_tail_risk?.source, 'derived');
    assert.equal(r.constant_sources.GAS_USD.source, 'dune:test');
    assert.match(r.constant_sources.FEE_GATE.rule, /2 × GAS_USD/);
  });

  it('nothing is calibrated from literals: with no inputs every constant is its default, sourced "default", and said so', () => {
    const r = calibrate({ metrics: {} }, T0);
    assert.deepEqual(r.calibrated_constants, CALIBRATION_DEFAULTS);
    for (const s of Object.values(r.constant_sources)) assert.equal(s.source, 'default');
    for (const c of ['GAS_USD', 'FEE_GATE', 'LOSS_BREAKER', 'OOR_CRITICAL_DEFAULT', 'OOR_CRITICAL_BY_REGIME', 'REGIME_MIN_WIDTH']) {
      assert.ok(r.recommendations.some((x) => x.constant === c && x.source === 'default'), c);
    }
    assert.deepEqual(r.calibrated_regime_mix, {});
    assert.equal(r.input_metrics.gas_p75_usd?.quality, 'missing');
  });

  it('too_old inputs are not used; stale ones are, with a recommendation', () => {
    const r = calibrate({ metrics: { gas_p75_usd: { ...m(9), quality: 'too_old' }, jump_rate: { ...m(0.2), quality: 'stale' } } }, T0);
    assert.equal(r.calibrated_constants.GAS_USD, 2);
    assert.equal(r.calibrated_constants.OOR_CRITICAL_DEFAULT, 95);
    assert.ok(r.recommendations.some((x) => /jump_rate is stale/.test(x.message)));
  });
});

describe('window classification', () => {
  it('classifies flat, trending, jumpy and mean-reverting windows', () => {
    const n = 360;
    const noise = (i: number): number => 0.0004 * Math.sin(i * 12.9898) * Math.cos(i * 4.1414); // deterministic wiggle
    // 30-minute runs up then down: no drift, no jump, variance ratio far above 0.7, low volatility
    assert.equal(classifyReturns(Array.from({ length: n }, (_, i) => (Math.floor(i / 30) % 2 === 0 ? 0.00001 : -0.00001))).regime, 'low');
    assert.equal(classifyReturns(Array.from({ length: n }, (_, i) => 0.0002 + noise(i) * 0.2)).regime, 'trend_up');
    assert.equal(classifyReturns(Array.from({ length: n }, (_, i) => -0.0002 + noise(i) * 0.2)).regime, 'trend_down');
    const jump = Array.from({ length: n }, (_, i) => noise(i) * 0.5);
    jump[200] = 0.02;
    assert.equal(classifyReturns(jump).regime, 'jumpy');
    // alternating moves cancel within each 30-minute block: variance ratio ≈ 0
    assert.equal(classifyReturns(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.001 : -0.001))).regime, 'mean_revert');
  });
});

describe('calibration sources', () => {
  it('from the cache: inputs carry their query, quality and asof; gas per action; per-regime table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clmm-cal-'));
    dirs.push(dir);
    const cache = await openIntelCache({ kind: 'sqlite', dataDir: dir });
    try {
      const scope = { chain: 'ethereum', pool_address: DEFAULT_POOL.pool_address };
      const asof = '2026-03-01T11:58:00Z';
      const common = { asof, source: 'dune_execute' as const, fetchedAtMs: T0 };
      await cache.recordSuccess({ spec: getQuery(REGISTRY, 'gas_regime'), scope: { kind: 'global' }, rows: [
        { action: 'all', tx_count: 900, gas_used_median: 300000, gas_price_gwei_median: 5, gas_price_gwei_p90: 12, gas_price_gwei_last_hour: 4, gas_usd_median: 3, gas_usd_p75: 4.5, gas_usd_p90: 9, eth_usd: 2500 },
        { action: 'mint', tx_count: 300, gas_used_median: 480000, gas_price_gwei_median: 5, gas_price_gwei_p90: 12, gas_price_gwei_last_hour: 4, gas_usd_median: 6, gas_usd_p75: 7.5, gas_usd_p90: 14, eth_usd: 2500 },
      ], ...common });
      await cache.recordSuccess({ spec: getQuery(REGISTRY, 'pool_hourly_fees'), scope: { kind: 'pool', ...scope }, rows: [100, 200, 300].map((f, i) => ({ hour: `2026-03-01 0${i}:00:00.000 UTC`, volume_usd: f * 2000, fees_usd: f, swap_count: 50 })), ...common });
      await cache.recordSuccess({ spec: getQuery(REGISTRY, 'realized_vol_jumps'), scope: { kind: 'pair', chain: 'ethereum', token0: DEFAULT_POOL.token0, token1: DEFAULT_POOL.token1 }, rows: [{ windows: 120, vol_median: 0.5, vol_p90: 0.7, jump_rate: 0.12, trend_rate: 0.3, trend_up_rate: 0.2, trend_down_rate: 0.1, mean_revert_rate: 0.3, first_window_start: null, last_window_end: null }], ...common });
      const r = await calibrateFromCache({ cache, registry: REGISTRY, scope, clock: fixedClock(T0) });
      assert.equal(r.calibrated_constants.GAS_USD, 4.5);
      assert.equal(r.calibrated_constants.FEE_GATE, 9); // fees/gas = 200/3 ≥ 2 → 2.0×
      assert.equal(r.calibrated_constants.REGIME_MIN_WIDTH.trend_up, 1400);
      assert.deepEqual(r.input_metrics.gas_p75_usd, { value: 4.5, source: 'dune:gas_regime', quality: 'fresh', asof: '2026-03-01T11:58:00.000Z' });
      assert.equal(r.input_metrics.fees_median_usd?.value, 200);
      assert.deepEqual(r.gas_cost_per_action_usd, { mint: 7.5 });
      assert.equal(r.regime_mix, 'jumpy:0.1667,mean_revert:0.4166,trend_up:0.2778,trend_down:0.1389');
      assert.equal(r.regime_mix_source, 'dune:realized_vol_jumps');
      // regime_frequencies missing → said so
      assert.ok(r.recommendations.some((x) => /per regime unknown/.test(x.message)));
      // an empty cache (no DUNE_API_KEY ever) calibrates nothing
      const empty = await openIntelCache({ kind: 'sqlite', path: join(dir, 'empty.sqlite') });
      const r0 = await calibrateFromCache({ cache: empty, registry: REGISTRY, scope, clock: fixedClock(T0) });
      await empty.close();
      assert.deepEqual(r0.calibrated_constants, CALIBRATION_DEFAULTS);
    } finally {
      await cache.close();
    }
  });

  it('from recorded pool data: volatility, jumps, regime frequencies and fee rate, sourced real_data', () => {
    const r = calibrateFromRealData({ dir: REAL, clock: fixedClock(T0) });
    assert.ok(r.real_data !== null && r.real_data.windows >= 150, `windows ${r.real_data?.windows}`);
    assert.ok(r.real_data.files.every((f) => !f.startsWith('/')), 'file names are relative to the data dir');
    for (const k of ['vol_median', 'vol_p90', 'jump_rate', 'mean_revert_rate', 'fees_median_usd']) {
      assert.equal(r.input_metrics[k]?.source, 'real_data', k);
      assert.equal(r.input_metrics[k]?.quality, 'recorded', k);
      assert.ok(r.input_metrics[k]?.asof?.startsWith('2025-07-0'), 'asof = the newest recorded minute');
    }
    assert.ok(r.input_metrics.vol_median!.value! > 0.2 && r.input_metrics.vol_median!.value! < 1.5);
    assert.equal(r.constant_sources.OOR_CRITICAL_DEFAULT.source, 'real_data');
    assert.equal(r.constant_sources.REGIME_MIN_WIDTH.source, 'real_data');
    assert.equal(r.constant_sources.GAS_USD.source, 'default', 'no gas in recorded bars: default, and said so');
    assert.ok(r.recommendations.some((x) => x.constant === 'GAS_USD' && x.source === 'default'));
    const shares = Object.values(r.calibrated_regime_mix).reduce((a, b) => a + (b ?? 0), 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
    assert.ok(Object.keys(r.per_regime).length >= 5);
    for (const row of Object.values(r.per_regime)) assert.ok(row!.fees_usd_per_hour !== null && row!.vol_median !== null);
    // one pool only
    const one = calibrateFromRealData({ dir: REAL, clock: fixedClock(T0), pool: DEFAULT_POOL.pool_address });
    assert.deepEqual(one.real_data?.files.length, 2);
    // gas from the cache fills what the data lacks
    const mixed = calibrateFromRealData({ dir: REAL, clock: fixedClock(T0), extra: { metrics: { gas_p75_usd: m(5, 'dune:gas_regime'), gas_median_usd: m(3, 'dune:gas_regime') } } });
    assert.equal(mixed.calibrated_constants.GAS_USD, 5);
    assert.equal(mixed.constant_sources.GAS_USD.source, 'dune:gas_regime');
    assert.match(mixed.constant_sources.FEE_GATE.source, /real_data \+ dune:gas_regime/);
    assert.throws(() => calibrateFromRealData({ dir: join(REAL, 'nope'), clock: fixedClock(T0) }), (e: unknown) => e instanceof ClmmLabError && e.code === 'REAL_DATA_MISSING');
  });
});

describe('loadCalibration', () => {
  const good = serializeCalibration(calibrate({ metrics: { gas_p75_usd: m(4.2), gas_median_usd: m(2.8), fees_median_usd: m(180), jump_rate: m(0.11), vol_p90: m(0.82), trend_rate: m(0.28), mean_revert_rate: m(0.38) } }, T0));

  it('round-trips, with the sha256 of the bytes', () => {
    const { report, sha256 } = loadCalibration(good.text);
    assert.equal(sha256, good.sha256);
    assert.match(sha256, /^[0-9a-f]{64}$/);
    assert.equal(report.calibrated_constants.FEE_GATE, 8.4);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form edits of a parsed file
  const bad = (mutate: (j: any) => void): string => {
    const j: unknown = JSON.parse(good.text);
    mutate(j);
    return JSON.stringify(j);
  };
  const rejects = (text: string, field: RegExp): void => {
    assert.throws(() => loadCalibration(text, 'cal.json'), (e: unknown) => {
      assert.ok(e instanceof ClmmLabError);
      assert.equal(e.code, 'BAD_CALIBRATION');
      assert.match(String(e.details?.field), field);
      assert.match(e.message, /^cal\.json: /);
      return true;
    });
  };
  it('rejects bad or incomplete files with BAD_CALIBRATION naming the field', () => {
    rejects('{nope', /\(root\)/);
    rejects(bad((j) => delete j.calibrated_constants.GAS_USD), /^calibrated_constants\.GAS_USD$/);
    rejects(bad((j) => (j.calibrated_constants.FEE_GATE = -1)), /^calibrated_constants\.FEE_GATE$/);
    rejects(bad((j) => delete j.calibrated_constants.REGIME_MIN_WIDTH.jumpy), /REGIME_MIN_WIDTH\.jumpy/);
    rejects(bad((j) => (j.calibrated_regime_mix = { jumpy: 0.5, trend_up: 0.2 })), /calibrated_regime_mix/);
    rejects(bad((j) => delete j.input_metrics), /^input_metrics$/);
    rejects(bad((j) => (j.calibrated_constants.OOR_CRITICAL_BY_REGIME.sideways = 90)), /OOR_CRITICAL_BY_REGIME/);
  });
});
