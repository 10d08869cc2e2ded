/**
 * `clmm-lab compare --spec FILE.json`: variants on identical paths with paired statistics and the
 * criteria verdicts; `clmm-lab validate --spec FILE.json`: the same with a CI-convergence view and an
 * optional early stop at a target CI width; `clmm-lab report ID`: re-renders an experiment's reports
 * from its artifacts. Exit 0 when the experiment completed, whatever the verdict.
 */
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { checkRunId } from '../../campaign/runFolder.ts';
import type { ProgressSink } from '../../campaign/executeRun.ts';
import { createWorkerThreadTransport } from '../../campaign/workerThreadTransport.ts';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import { parseIntelEnv, type Env } from '../../intel/env.ts';
import { experimentPaths } from '../../experiment/experimentPaths.ts';
import type { ExperimentReport } from '../../experiment/analyze.ts';
import { reportFromArtifacts, runExperiment, writeReports } from '../../experiment/runExperiment.ts';
import { parseSpec } from '../../experiment/spec.ts';
import { readInputFile } from '../../store/readInputFile.ts';
import { resolveRealDataDir } from '../../store/realData.ts';
import { intFlag } from '../flags.ts';
import { packageVersion } from '../version.ts';
import { parseDecimal } from '../../config/parseDecimal.ts';
import { resolveDataDir } from '../dataDir.ts';
import { openCacheFromFlags } from '../intelCacheFlags.ts';

interface CompareFlags {
  spec: string;
  episodes: number;
  seed: number;
  dataDir?: string;
  id?: string;
  workers?: number;
  realData?: string;
  targetCiWidth?: string;
}

export interface CompareDeps {
  env?: Env;
  print?: (line: string) => void;
  tty?: boolean;
}

/** One bar over every variant's episodes on a terminal; a line every 5% otherwise. */
function combinedProgress(params: { variants: string[]; episodes: number; tty: boolean; print: (line: string) => void }): (variant: string) => ProgressSink {
  const done = new Map(params.variants.map((v) => [v, 0]));
  const total = params.variants.length * params.episodes;
  const started = Date.now();
  let nextLine = Math.ceil(total / 20);
  const bar = params.tty ? new cliProgress.SingleBar({ format: 'experiment [{bar}] {value}/{total} episodes | {rate}/s | ETA {eta_formatted} | {detail}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let active = 0;
  const detail = () => params.variants.map((v) => `${v} ${done.get(v)}`).join(' · ');
  const sum = () => [...done.values()].reduce((a, b) => a + b, 0);
  return (variant) => ({
    start() {
      if (active++ === 0) bar?.start(total, 0, { rate: '0.0', detail: detail() });
    },
    update(n) {
      done.set(variant, n);
      const all = sum();
      const rate = all / Math.max(1e-3, (Date.now() - started) / 1000);
      if (bar !== null) bar.update(all, { rate: rate.toFixed(1), detail: detail() });
      else if (all >= nextLine || all === total) {
        params.print(`experiment: ${all}/${total} episodes (${rate.toFixed(1)}/s) ${detail()}`);
        while (nextLine <= all) nextLine += Math.ceil(total / 20);
      }
    },
    stop() {
      if (--active === 0) bar?.stop();
    },
  });
}

function printSummary(report: ExperimentReport, print: (line: string) => void, paths: { reportJson: string; reportMd: string; reportHtml: string }): void {
  const names = Object.keys(report.variants);
  print(`📊 ${report.name}: ${report.episodes_analyzed} episodes per variant; mean net PnL per episode: ${names.map((n) => `${n} ${report.variants[n]!.mean_pnl_usd?.toFixed(2) ?? '—'}`).join(', ')}`);
  for (const [c, cmp] of Object.entries(report.comparisons)) {
    const o = cmp.overall;
    if (o !== null) print(`   ${c} − ${report.reference}: ${o.mean_diff_usd.toFixed(2)} USD/episode, 95% CI [${o.mean_ci95_usd[0].toFixed(2)}, ${o.mean_ci95_usd[1].toFixed(2)}] (n=${o.n})`);
  }
  for (const c of report.criteria) print(c.line);
  print(`verdict: ${report.verdict}`);
  print(`📄 ${paths.reportJson}`);
  print(`📄 ${paths.reportMd}`);
  print(`📄 ${paths.reportHtml}`);
}

export function registerCompare(program: Command, deps: CompareDeps = {}): void {
  const print = deps.print ?? ((line: string) => console.log(line));
  const env = (): Env => deps.env ?? process.env;
  const common = (cmd: Command) =>
    cmd
      .requiredOption('--spec <file>', 'experiment spec (JSON; see experiments/*.json and docs/experiments.md)')
      .option('--episodes <n>', 'episodes per variant', intFlag('--episodes', 1, 1_000_000), 1000)
      .option('--seed <n>', 'seed of the shared market and of the bootstrap', intFlag('--seed', 0, 0xffffffff), 42)
      .option('--data-dir <dir>', 'data directory (env CLMM_DATA_DIR; default ./data)')
      .option('--id <id>', 'experiment id (default <spec name>_n<N>_s<S>)')
      .option('--workers <n>', 'worker threads shared by the variants (default: cores)', intFlag('--workers', 1, 64))
      .option('--real-data <dir>', 'recorded data (calibration "auto" without a Dune cache, replay markets)');

  const run = async (opts: CompareFlags, mode: 'compare' | 'validate') => {
    const specText = readInputFile({ path: opts.spec, field: '--spec', code: 'BAD_SPEC', what: 'an experiment spec (JSON)' });
    const parsed = parseSpec(specText, opts.spec);
    let target: number | undefined;
    if (opts.targetCiWidth !== undefined) {
      target = parseDecimal(opts.targetCiWidth);
      if (target === undefined || target <= 0) throw badInput('BAD_FLAG', '--target-ci-width', 'a positive number (USD per episode)', opts.targetCiWidth);
    }
    const e = env();
    const dataDir = resolveDataDir(opts.dataDir, e);
    const id = opts.id ?? `${parsed.spec.name}_n${opts.episodes}_s${opts.seed}`;
    checkRunId(id, '--id');
    const intelEnv = parseIntelEnv(e);
    const needsRealData = parsed.spec.market.source === 'replay' || parsed.spec.variants.some((v) => v.calibration === 'auto') || opts.realData !== undefined || e.CLMM_REAL_DATA !== undefined;
    const realDataDir = needsRealData ? resolveRealDataDir({ dir: opts.realData ?? e.CLMM_REAL_DATA, baseDir: process.cwd() }) : resolve('../shared/data/real');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    print(`🧪 ${mode === 'validate' ? 'Validating' : 'Comparing'} ${parsed.spec.name}: ${parsed.spec.variants.map((v) => v.name).join(', ')} (reference ${parsed.spec.reference}); ${opts.episodes} episodes each, seed ${opts.seed}, regime mix ${parsed.spec.market.regime_mix}${target === undefined ? '' : `; stop when every paired CI is at most ${target} USD wide`}`);
    try {
      const { report, paths, completed } = await runExperiment({
        dataDir,
        id,
        parsed,
        specText,
        episodes: opts.episodes,
        seed: opts.seed,
        workers: opts.workers ?? availableParallelism(),
        realDataDir,
        deps: {
          clock: () => new Date(),
          cwd: process.cwd(),
          openIntelCache: () => openCacheFromFlags({ dataDir }, intelEnv),
          host: { host: hostname(), node: process.version, clmm_lab: packageVersion() },
        },
        transportFor: (workers) => createWorkerThreadTransport({ workers }),
        signal: stop.signal,
        log: print,
        progress: combinedProgress({ variants: parsed.spec.variants.map((v) => v.name), episodes: opts.episodes, tty: deps.tty ?? process.stdout.isTTY === true, print }),
        ...(target === undefined ? {} : { targetCiWidthUsd: target }),
      });
      writeReports(paths, report);
      if (mode === 'validate') {
        print('CI convergence (paired mean difference vs the reference):');
        for (const [c, pts] of Object.entries(report.convergence)) for (const pt of pts) print(`   ${c}  ${String(pt.episodes).padStart(6)} episodes  ${pt.mean_diff_usd.toFixed(2).padStart(8)}  [${pt.ci95_usd[0].toFixed(2)}, ${pt.ci95_usd[1].toFixed(2)}]  width ${pt.width_usd.toFixed(2)}`);
      }
      printSummary(report, print, paths);
      if (!completed && report.stopped_early === null) throw new ClmmLabError('INTERRUPTED', `experiment ${id} stopped by a signal; run the same command again to resume it`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };

  common(program.command('compare').description('Run campaign variants on identical market paths and compare them with paired statistics and the notes\u2019 criteria')).action((opts: CompareFlags) => run(opts, 'compare'));
  common(program.command('validate').description('Long-run validation: how the paired CI narrows with episodes; --target-ci-width stops early once it is met'))
    .option('--target-ci-width <usd>', 'stop once every candidate’s paired 95% CI is at most this wide (USD per episode)')
    .action((opts: CompareFlags) => run(opts, 'validate'));

  program
    .command('report')
    .description("Re-render an experiment's report.json, report.md and report.html from its artifacts")
    .argument('<id>', 'experiment id')
    .option('--data-dir <dir>', 'data directory (env CLMM_DATA_DIR; default ./data)')
    .action((id: string, opts: { dataDir?: string }) => {
      checkRunId(id, 'id');
      const paths = experimentPaths(resolveDataDir(opts.dataDir, env()), id);
      const report = reportFromArtifacts(paths);
      writeReports(paths, report);
      printSummary(report, print, paths);
    });
}
