/**
 * `clmm-lab calibrate`: turns cached Dune results (default) or recorded pool data
 * (`--from-real-data [DIR]`) into a calibration report, writes it (`--out`, default
 * `<data-dir>/intel/calibration_report.json`) and prints its sha256. `--check FILE` validates a
 * calibration file (as DUNE_CALIBRATION_JSON / --calibration are validated) and prints its hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { badInput } from '../../errors/ClmmLabError.ts';
import { calibrateFromCache, readCacheInputs } from '../../intel/calibration/fromCache.ts';
import { calibrateFromRealData } from '../../intel/calibration/fromRealData.ts';
import { loadCalibration, serializeCalibration, type CalibrationReport } from '../../intel/calibration/report.ts';
import { systemClock } from '../../intel/clock.ts';
import { parseIntelEnv, type Env } from '../../intel/env.ts';
import { REGISTRY } from '../../intel/registry.ts';
import { DEFAULT_POOL, isAddress, knownPool } from '../../intel/scope.ts';
import { writeFileAtomic } from '../../store/atomicWrite.ts';
import { resolveDataDir } from '../dataDir.ts';
import { addCacheOptions, openCacheFromFlags, type CacheOptionValues } from '../intelCacheFlags.ts';

const projectRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

interface CalibrateFlags extends CacheOptionValues {
  out?: string;
  fromRealData?: string | boolean;
  pool?: string;
  chain: string;
  check?: string;
  json?: boolean;
}

export function defaultReportPath(dataDir: string): string {
  return join(dataDir, 'intel', 'calibration_report.json');
}

export function registerCalibrate(program: Command, deps: { env?: Env; print?: (line: string) => void } = {}): void {
  const env = (): Env => deps.env ?? process.env;
  const print = deps.print ?? ((line: string) => console.log(line));
  addCacheOptions(program.command('calibrate').description('Turn cached Dune results or recorded pool data into a calibration report (GAS_USD, FEE_GATE, OOR thresholds, width floors, regime mix)'))
    .option('--out <file>', 'where to write the report (default <data-dir>/intel/calibration_report.json)')
    .option('--from-real-data [dir]', 'calibrate volatility, jumps, regimes and fees from recorded pool data (default $CLMM_REAL_DATA or ../shared/data/real); gas still from the cache')
    .option('--pool <address>', 'the pool (default the Ethereum USDC/WETH 0.05% pool); with --from-real-data, only that pool’s files')
    .option('--chain <name>', 'chain of --pool', 'ethereum')
    .option('--check <file>', 'validate a calibration file and print its sha256 (nothing is written)')
    .option('--json', 'print the report instead of a summary')
    .action(async (opts: CalibrateFlags) => {
      if (opts.check !== undefined) {
        if (!existsSync(opts.check)) throw badInput('BAD_CALIBRATION', '--check', 'an existing calibration file', opts.check);
        const { report, sha256 } = loadCalibration(readFileSync(opts.check, 'utf8'), opts.check);
        print(`valid calibration report: GAS_USD=${report.calibrated_constants.GAS_USD} FEE_GATE=${report.calibrated_constants.FEE_GATE}`);
        print(`sha256 ${sha256}`);
        return;
      }
      const e = parseIntelEnv(env());
      if (opts.pool !== undefined && !isAddress(opts.pool)) throw badInput('BAD_FLAG', '--pool', '0x + 40 hex digits', opts.pool);
      const poolAddress = (opts.pool ?? DEFAULT_POOL.pool_address).toLowerCase();
      const scope = { chain: knownPool(poolAddress)?.chain ?? opts.chain.toLowerCase(), pool_address: poolAddress };
      const dataDir = resolveDataDir(opts.dataDir, env());
      const cache = await openCacheFromFlags({ ...opts, dataDir }, e);
      let report: CalibrationReport;
      try {
        if (opts.fromRealData !== undefined && opts.fromRealData !== false) {
          const fromEnv = env().CLMM_REAL_DATA;
          const dir = typeof opts.fromRealData === 'string' ? resolve(opts.fromRealData) : fromEnv !== undefined && fromEnv !== '' ? (isAbsolute(fromEnv) ? fromEnv : resolve(projectRoot, fromEnv)) : resolve(projectRoot, '../shared/data/real');
          const extra = await readCacheInputs({ cache, registry: REGISTRY, scope, clock: systemClock });
          report = calibrateFromRealData({ dir, clock: systemClock, pool: opts.pool, extra });
        } else {
          report = await calibrateFromCache({ cache, registry: REGISTRY, scope, clock: systemClock });
        }
      } finally {
        await cache.close();
      }
      const { text, sha256 } = serializeCalibration(report);
      const out = opts.out ?? defaultReportPath(dataDir);
      writeFileAtomic(out, text);
      if (opts.json) print(text.trimEnd());
      else {
        const c = report.calibrated_constants;
        print(`Dune API: ${e.duneApi}`);
        print(`GAS_USD ${c.GAS_USD} (${report.constant_sources.GAS_USD.source})`);
        print(`FEE_GATE ${c.FEE_GATE} (${report.constant_sources.FEE_GATE.source})`);
        print(`LOSS_BREAKER ${c.LOSS_BREAKER} (${report.constant_sources.LOSS_BREAKER.source})`);
        print(`OOR_CRITICAL default ${c.OOR_CRITICAL_DEFAULT}, by regime ${JSON.stringify(c.OOR_CRITICAL_BY_REGIME)} (${report.constant_sources.OOR_CRITICAL_BY_REGIME.source})`);
        print(`REGIME_MIN_WIDTH ${JSON.stringify(c.REGIME_MIN_WIDTH)} (${report.constant_sources.REGIME_MIN_WIDTH.source})`);
        print(`regime mix ${report.regime_mix ?? '(not calibrated)'} (${report.regime_mix_source})`);
        for (const r of report.recommendations) print(`  - [${r.source}] ${r.message}`);
      }
      print(`wrote ${out}`);
      print(`sha256 ${sha256}`);
    });
}
