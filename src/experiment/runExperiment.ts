/**
 * Runs an experiment: every variant is a campaign on the same market block (seed, regime mix,
 * parameters, lanes, horizon), so episode i of every variant sees the identical path and the
 * comparison is paired. All variants share one frozen intel snapshot and (for `calibration: "auto"`)
 * one calibration report, stored in the experiment folder. Variants run concurrently on the worker
 * threads; an existing experiment folder with the same spec, episodes and seed is resumed (finished
 * episodes are verified, the rest written). With a target CI width (`validate`), the runs stop as
 * soon as every candidate's paired CI is that narrow.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgentConfigPatch } from '../agent/agentConfig.ts';
import { executeRun, type ProgressSink } from '../campaign/executeRun.ts';
import { frozenIntelText } from '../campaign/frozenIntel.ts';
import { checkDataDir } from '../store/checkDataDir.ts';
import type { LaneTransport } from '../campaign/laneTransport.ts';
import { loadCalibrationFile, type LoadedCalibration } from '../campaign/loadCalibrationFile.ts';
import { parseEpisodeMetrics } from '../campaign/metricsSummary.ts';
import { prepareRun } from '../campaign/prepareRun.ts';
import type { PreparedRun, PrepareRunDeps } from '../campaign/prepareRunTypes.ts';
import { buildRunConfig, sha256, DEFAULT_EPOCH_SECONDS, RUN_SETTING_KEYS, type RunInputs, type RunSettings } from '../campaign/runSpec.ts';
import { resolveSettings } from '../config/resolveSettings.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { EpisodeMetricsRow } from '../episode/episodeArtifacts.ts';
import type { IntelCache } from '../intel/cache/IntelCache.ts';
import { calibrateFromCache, readCacheInputs } from '../intel/calibration/fromCache.ts';
import { calibrateFromRealData } from '../intel/calibration/fromRealData.ts';
import { loadCalibration, serializeCalibration, type CalibrationReport } from '../intel/calibration/report.ts';
import { fixedClock } from '../intel/clock.ts';
import { REGISTRY } from '../intel/registry.ts';
import { DEFAULT_POOL } from '../intel/scope.ts';
import { parseMarketConfig } from '../market/marketConfig.ts';
import { createRng } from '../market/Rng.ts';
import { toJsonText, writeFileAtomic } from '../store/atomicWrite.ts';
import { artifactText, readArtifact } from '../store/artifacts/artifactIo.ts';
import { experimentReportSchema } from '../store/artifacts/experimentReport.ts';
import { realDataFingerprint } from '../store/realData.ts';
import { runPaths } from '../store/runPaths.ts';
import { analyzeExperiment, pairedBlocks, type ExperimentReport } from './analyze.ts';
import { experimentPaths, type ExperimentPaths } from './experimentPaths.ts';
import { renderHtml, renderMarkdown } from './render.ts';
import type { ParsedSpec, VariantSpec } from './spec.ts';
import { blockBootstrap } from './stats.ts';

export interface ExperimentRecord {
  version: 1;
  id: string;
  episodes: number;
  seed: number;
  spec_sha256: string;
  spec: ParsedSpec['spec'];
  variant_runs: Record<string, string>;
}

export interface RunExperimentParams {
  dataDir: string;
  id: string;
  parsed: ParsedSpec;
  specText: string;
  episodes: number;
  seed: number;
  workers: number;
  realDataDir: string;
  /** Run preparation's deps (clock, cwd, intel cache, host); the variants' runs go under the experiment folder. */
  deps: Omit<PrepareRunDeps, 'dataDir'>;
  /** Where a variant's lanes run, given its share of the workers. */
  transportFor(workers: number): LaneTransport;
  /** Aborted to stop after the episodes in flight. */
  signal: AbortSignal;
  log(line: string): void;
  progress(variant: string): ProgressSink;
  /** validate: stop once every candidate's paired 95% CI is at most this wide (USD per episode). */
  targetCiWidthUsd?: number;
  /** Episodes between CI checks when a target is set. */
  checkEvery?: number;
}

export function variantRunId(id: string, variant: string): string {
  return `${id}_${variant}`;
}

/** The settings table's defaults (no flag, variable or file: the spec is the experiment's whole definition). */
function defaultSettings(): RunSettings {
  const values = resolveSettings({ flags: {}, env: {} }).values;
  return { ...(Object.fromEntries(RUN_SETTING_KEYS.map((k) => [k, values[k]])) as RunSettings), execMode: 'mock' };
}

/** A variant's run settings: the market block's, the command's episodes and seed, the variant's own. */
export function variantSettings(p: { parsed: ParsedSpec; variant: VariantSpec; episodes: number; seed: number; calibration: CalibrationReport | null }): RunSettings {
  const m = p.parsed.spec.market;
  const v = p.variant.settings as Partial<Record<string, number | boolean>>;
  const base = defaultSettings();
  const gasUsd = (v.gasUsd as number | undefined) ?? p.calibration?.calibrated_constants.GAS_USD ?? base.gasUsd;
  const feeGateMult = (v.feeGateMult as number | undefined) ?? base.feeGateMult;
  const feeGateUsd = (v.feeGateUsd as number | undefined) ?? (v.feeGateMult !== undefined || v.gasUsd !== undefined ? feeGateMult * gasUsd : (p.calibration?.calibrated_constants.FEE_GATE ?? feeGateMult * gasUsd));
  return {
    ...base,
    gasUsd,
    feeGateMult,
    feeGateUsd,
    preemptMargin: (v.preemptMargin as number | undefined) ?? base.preemptMargin,
    evGate: (v.evGate as boolean | undefined) ?? base.evGate,
    startCapitalUsd: (v.startCapitalUsd as number | undefined) ?? base.startCapitalUsd,
    learnFromMock: p.variant.learning,
    seed: p.seed,
    episodes: p.episodes,
    lanes: m.lanes,
    regimeMix: m.regime_mix,
    horizonSeconds: m.horizon_s,
    market: m.source,
    simStartSeconds: m.sim_start ?? DEFAULT_EPOCH_SECONDS,
  };
}

/** The experiment's calibration for `"auto"` variants: the Dune cache when it has usable inputs, else the recorded data. */
async function autoCalibration(p: { openCache: () => Promise<IntelCache>; realDataDir: string; atSeconds: number }): Promise<CalibrationReport> {
  const clock = fixedClock(p.atSeconds * 1000);
  const scope = { chain: DEFAULT_POOL.chain, pool_address: DEFAULT_POOL.pool_address };
  const cache = await p.openCache();
  try {
    const inputs = await readCacheInputs({ cache, registry: REGISTRY, scope, clock });
    const usable = Object.values(inputs.metrics).some((m) => m !== undefined && m.value !== null && (m.quality === 'fresh' || m.quality === 'stale'));
    return usable ? await calibrateFromCache({ cache, registry: REGISTRY, scope, clock }) : calibrateFromRealData({ dir: p.realDataDir, clock, extra: inputs });
  } finally {
    await cache.close();
  }
}

function readRows(runRoot: string): EpisodeMetricsRow[] {
  const path = join(runRoot, 'episode_metrics.jsonl');
  return existsSync(path) ? parseEpisodeMetrics(readFileSync(path, 'utf8'), path) : [];
}

/** The report of an experiment folder, from its artifacts alone. */
export function reportFromArtifacts(paths: ExperimentPaths, stoppedEarly: ExperimentReport['stopped_early'] = null): ExperimentReport {
  if (!existsSync(paths.record)) throw new ClmmLabError('EXPERIMENT_NOT_FOUND', `no experiment at ${paths.root} (missing experiment.json)`, { details: { path: paths.root } });
  const record = JSON.parse(readFileSync(paths.record, 'utf8')) as ExperimentRecord;
  const spec = record.spec;
  const previous = existsSync(paths.reportJson) ? readArtifact(experimentReportSchema, readFileSync(paths.reportJson, 'utf8'), paths.reportJson) : null;
  return analyzeExperiment({
    id: record.id,
    name: spec.name,
    description: spec.description ?? null,
    seed: record.seed,
    episodesRequested: record.episodes,
    horizonSeconds: spec.market.horizon_s,
    lanes: spec.market.lanes,
    regimeMix: spec.market.regime_mix,
    reference: spec.reference,
    candidates: spec.candidates,
    variants: spec.variants.map((v) => ({ name: v.name, description: v.description ?? null, runId: record.variant_runs[v.name]!, rows: readRows(runPaths(paths.root, record.variant_runs[v.name]!).root) })),
    criteria: spec.criteria ?? (JSON.parse(readFileSync(paths.criteria, 'utf8')) as ParsedSpec['criteria']),
    resamples: spec.bootstrap_resamples,
    stoppedEarly: stoppedEarly ?? previous?.stopped_early ?? null,
  });
}

export async function runExperiment(p: RunExperimentParams): Promise<{ report: ExperimentReport; paths: ExperimentPaths; completed: boolean }> {
  const paths = experimentPaths(p.dataDir, p.id);
  const spec = p.parsed.spec;
  const record: ExperimentRecord = {
    version: 1,
    id: p.id,
    episodes: p.episodes,
    seed: p.seed,
    spec_sha256: sha256(toJsonText(spec)),
    spec,
    variant_runs: Object.fromEntries(spec.variants.map((v) => [v.name, variantRunId(p.id, v.name)])),
  };
  const resuming = existsSync(paths.record);
  if (resuming) {
    const saved = JSON.parse(readFileSync(paths.record, 'utf8')) as ExperimentRecord;
    if (saved.spec_sha256 !== record.spec_sha256 || saved.episodes !== p.episodes || saved.seed !== p.seed) {
      throw new ClmmLabError('EXPERIMENT_CONFLICT', `experiment ${p.id} exists with another ${saved.spec_sha256 !== record.spec_sha256 ? 'spec' : saved.episodes !== p.episodes ? `episode count (${saved.episodes})` : `seed (${saved.seed})`}; choose another --id`, { details: { id: p.id } });
    }
  }

  // everything is read and validated before the first byte is written (a bad calibration leaves no folder behind)
  checkDataDir({ dataDir: p.dataDir, sub: 'experiments', readOnly: 'disk' });
  const atSeconds = spec.market.sim_start ?? DEFAULT_EPOCH_SECONDS;
  const intelText = resuming && existsSync(paths.intelSnapshot) ? readFileSync(paths.intelSnapshot, 'utf8') : await frozenIntelText({ openCache: p.deps.openIntelCache, poolAddress: DEFAULT_POOL.pool_address, atSeconds });
  let autoCalibrationText: string | null = null;
  if (spec.variants.some((v) => v.calibration === 'auto')) {
    autoCalibrationText = resuming && existsSync(paths.calibration) ? readFileSync(paths.calibration, 'utf8') : serializeCalibration(await autoCalibration({ openCache: p.deps.openIntelCache, realDataDir: p.realDataDir, atSeconds })).text;
  }
  const marketConfig = parseMarketConfig(spec.market.params);
  const fingerprint = spec.market.source === 'replay' ? realDataFingerprint(p.realDataDir) : null;
  const workersEach = Math.max(1, Math.floor(p.workers / spec.variants.length));
  const planned = spec.variants.map((variant) => {
    const calPath = variant.calibration === undefined ? null : variant.calibration === 'auto' ? paths.calibration : resolve(p.deps.cwd, variant.calibration);
    const calibration: LoadedCalibration | null = variant.calibration === undefined ? null : variant.calibration === 'auto' ? { ...loadCalibration(autoCalibrationText!, paths.calibration), text: autoCalibrationText! } : loadCalibrationFile(calPath!, `variants.${variant.name}.calibration`);
    const settings = variantSettings({ parsed: p.parsed, variant, episodes: p.episodes, seed: p.seed, calibration: calibration?.report ?? null });
    const inputs: RunInputs = { runId: record.variant_runs[variant.name]!, settings, marketConfig, agentPatch: (p.parsed.agentPatches.get(variant.name) ?? {}) as AgentConfigPatch, calibration: calibration === null ? null : { report: calibration.report, sha256: calibration.sha256 }, intelText, learningStateText: null, realDataFingerprint: fingerprint, agentVersion: `clmm-lab@${p.deps.host.clmm_lab}` };
    buildRunConfig(inputs); // a variant whose settings do not make a run config fails here, before any write
    return { variant, inputs, calibration, calPath };
  });

  if (!resuming) {
    mkdirSync(paths.root, { recursive: true });
    writeFileAtomic(paths.spec, p.specText);
    writeFileAtomic(paths.criteria, toJsonText(p.parsed.criteria));
    writeFileAtomic(paths.intelSnapshot, intelText);
    if (autoCalibrationText !== null) writeFileAtomic(paths.calibration, autoCalibrationText);
    // last: a folder without experiment.json is an interrupted creation, started afresh by the next run
    writeFileAtomic(paths.record, toJsonText(record));
  } else {
    p.log(`🔁 Resuming experiment ${p.id}`);
    if (!existsSync(paths.intelSnapshot)) writeFileAtomic(paths.intelSnapshot, intelText);
    if (autoCalibrationText !== null && !existsSync(paths.calibration)) writeFileAtomic(paths.calibration, autoCalibrationText);
  }

  const deps: PrepareRunDeps = { ...p.deps, dataDir: paths.root };
  const stop = new AbortController();
  const forwardStop = () => stop.abort();
  if (p.signal.aborted) stop.abort();
  p.signal.addEventListener('abort', forwardStop, { once: true });
  const runs: Array<{ variant: VariantSpec; run: PreparedRun['run']; rows: EpisodeMetricsRow[] }> = [];
  try {
    for (const { variant, inputs, calibration, calPath } of planned) {
      const prepared = await prepareRun(deps, {
        kind: 'inputs',
        inputs,
        calibrationText: calibration?.text ?? null,
        env: { workers: workersEach, real_data_dir: p.realDataDir, calibration_path: calPath, learning_state_path: null },
        conflict: () => new ClmmLabError('EXPERIMENT_CONFLICT', `variant ${variant.name}: its saved run settings differ from the spec's (the code or the calibration changed); choose another --id`, { details: { variant: variant.name } }),
      });
      runs.push({ variant, run: prepared.run, rows: [] });
    }
    for (const { variant, run } of runs) {
      const s = run.config.settings;
      p.log(`🧪 ${variant.name}: ${variant.description ?? ''} | EV gate ${s.evGate ? 'on' : 'off'}, GAS=$${s.gasUsd.toFixed(2)}, FEE_GATE=$${s.feeGateUsd.toFixed(2)}, learning ${s.learnFromMock ? 'on' : 'off'}, calibration ${run.config.calibration_sha256 === null ? 'none' : run.config.calibration_sha256.slice(0, 16)}${variant.name === spec.reference ? ' (reference)' : ''}`);
    }

    // early stop (validate): every `checkEvery` common episodes, test every candidate's CI width
    let stoppedEarly: ExperimentReport['stopped_early'] = null;
    const byName = new Map(runs.map((r) => [r.variant.name, r]));
    const checkEvery = p.checkEvery ?? 50;
    let nextCheck = checkEvery;
    const onRow = (variant: string) => (row: EpisodeMetricsRow) => {
      // rows are kept only for the early-stop test; the report reads them back from the artifacts
      if (p.targetCiWidthUsd === undefined || stoppedEarly !== null) return;
      byName.get(variant)!.rows.push(row);
      const common = Math.min(...runs.map((r) => r.rows.length));
      if (common < nextCheck) return;
      nextCheck += checkEvery;
      const ref = byName.get(spec.reference)!.rows;
      const widths = spec.candidates.map((c) => {
        const b = blockBootstrap(pairedBlocks(byName.get(c)!.rows, ref, spec.market.lanes, undefined, common), createRng(p.seed).fork(`validate:${c}:${common}`), spec.bootstrap_resamples);
        return b === null ? Infinity : b.meanCi.hi - b.meanCi.lo;
      });
      const widest = Math.max(...widths);
      p.log(`📏 ${common} episodes: widest paired 95% CI ${widest.toFixed(2)} USD/episode (target ${p.targetCiWidthUsd})`);
      if (widest <= p.targetCiWidthUsd) {
        stoppedEarly = { at: common, reason: `every candidate's paired 95% CI is at most ${p.targetCiWidthUsd} USD/episode wide` };
        stop.abort();
      }
    };
    const results = await Promise.all(
      runs.map(({ variant, run }) =>
        executeRun({ paths: run.paths, ctx: run.ctx, transport: p.transportFor(workersEach), realDataDir: p.realDataDir, signal: stop.signal, logFile: () => {}, onRow: onRow(variant.name), progress: p.progress(variant.name) }),
      ),
    );
    const completed = results.every((r) => r.completed);
    const report = reportFromArtifacts(paths, stoppedEarly);
    return { report, paths, completed };
  } finally {
    p.signal.removeEventListener('abort', forwardStop);
    for (const r of runs) r.run.lock.release();
  }
}

/** Writes report.json, report.md and report.html into the experiment folder. */
export function writeReports(paths: ExperimentPaths, report: ExperimentReport): void {
  writeFileAtomic(paths.reportJson, artifactText(experimentReportSchema, report, paths.reportJson));
  writeFileAtomic(paths.reportMd, renderMarkdown(report));
  writeFileAtomic(paths.reportHtml, renderHtml(report));
}
