/**
 * The run's saved settings (`run_config.json`): everything deterministic a campaign needs to run or
 * resume, and the `RunContext` built from it. Host-specific values (data dir, workers, file paths)
 * live in `run_env.json`; the Dune API key is never stored.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_AGENT_CONFIG, mergeAgentConfig, type AgentConfig, type AgentConfigPatch } from '../agent/agentConfig.ts';
import { parseAgentConfigPatch } from '../agent/parseAgentConfigPatch.ts';
import { parseLearningState, type LearningState } from '../agent/learning.ts';
import type { IntelEntry } from '../agent/types.ts';
import { resolveExecution } from '../config/resolveExecution.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { CalibrationReport } from '../intel/calibration/report.ts';
import { parseMarketConfig, type MarketConfig } from '../market/marketConfig.ts';
import { parseRegimeMix, type RegimeMix } from '../market/regimeMix.ts';
import type { FrozenIntel, RunContext } from '../episode/RunContext.ts';
import { toJsonText } from '../store/atomicWrite.ts';
import { readArtifact, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { intelSnapshotSchema } from '../store/artifacts/intelSnapshot.ts';
import { RUN_CONFIG_VERSION, runConfigSchema, runSettingsSchema, type RunConfig, type RunSettings } from '../store/artifacts/runFiles.ts';

const BLOCK_SECONDS = 12;
/** Simulated time of a run whose id does not encode one (2025-01-01T00:00:00Z). */
export const DEFAULT_EPOCH_SECONDS = 1_735_689_600;

export { RUN_CONFIG_VERSION, runSettingsSchema, type RunConfig, type RunSettings };
export const RUN_SETTING_KEYS = Object.keys(runSettingsSchema.shape) as Array<keyof RunSettings>;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The UTC time (unix seconds) a run id ends with (`run_YYYYMMDD_HHMMSS`, `exp_20250301_120000`), or null when it has none. */
export function timeOfRunId(runId: string): number | null {
  const m = /(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(runId);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/**
 * Simulated start of a run whose settings leave it open (simStartSeconds null): the time its id
 * encodes, else a fixed epoch. New runs whose id has no time store their creation time in
 * simStartSeconds instead, so this fallback only serves runs created before that.
 */
export function epochOfRunId(runId: string): number {
  return timeOfRunId(runId) ?? DEFAULT_EPOCH_SECONDS;
}

/** The frozen intel of a run from its `intel_snapshot.json` text (`file` names it in errors). */
export function intelFromText(text: string, file = 'intel_snapshot.json'): FrozenIntel {
  const parsed = readArtifact(intelSnapshotSchema, text, file);
  const forAgent: Record<string, IntelEntry> = {};
  for (const [name, e] of Object.entries(parsed.entries)) forAgent[name] = { quality: e.quality, ageS: e.age_s, data: parsed.data[name] ?? null };
  return { snapshot: parsed.entries, hygiene: parsed.hygiene, forAgent, sha256: sha256(text) };
}

/** The agent's config: the settings' gate constants, and the calibration's floors, thresholds and breaker. */
function agentConfigFor(settings: RunSettings, calibration: CalibrationReport | null): AgentConfig {
  const c = calibration?.calibrated_constants;
  return mergeAgentConfig(DEFAULT_AGENT_CONFIG, {
    gasUsd: settings.gasUsd,
    feeGateUsd: settings.feeGateUsd,
    feeGateMult: settings.feeGateMult,
    preemptMargin: settings.preemptMargin,
    evGateEnabled: settings.evGate,
    ...(c === undefined ? {} : {
      lossBreakerFraction: c.LOSS_BREAKER,
      oorCritical: { ...c.OOR_CRITICAL_BY_REGIME, default: c.OOR_CRITICAL_DEFAULT },
      widthFloors: { ...c.REGIME_MIN_WIDTH },
    }),
    ...(calibration !== null && Object.keys(calibration.calibrated_regime_mix).length > 0 ? { regimePrior: { ...calibration.calibrated_regime_mix }, regimePriorSource: 'calibration_json' } : {}),
  });
}

export interface RunInputs {
  runId: string;
  settings: RunSettings;
  marketConfig: MarketConfig;
  agentPatch: AgentConfigPatch | null;
  calibration: { report: CalibrationReport; sha256: string } | null;
  intelText: string;
  learningStateText: string | null;
  realDataFingerprint: string | null;
  agentVersion: string;
  failEpisodes?: number[];
}

/** The run config in its one canonical form (schema key order), as written to and read from run_config.json. */
export function buildRunConfig(inputs: RunInputs): RunConfig {
  return runConfigSchema.parse({
    schema_version: SCHEMA_VERSION,
    version: RUN_CONFIG_VERSION,
    run_id: inputs.runId,
    settings: inputs.settings,
    regime_mix_normalised: parseRegimeMix(inputs.settings.regimeMix).mix,
    market_config: inputs.marketConfig,
    agent_patch: inputs.agentPatch === null || Object.keys(inputs.agentPatch).length === 0 ? null : (inputs.agentPatch as Record<string, unknown>),
    calibration_sha256: inputs.calibration?.sha256 ?? null,
    intel_snapshot_sha256: sha256(inputs.intelText),
    learning_state_sha256: inputs.learningStateText === null ? null : sha256(inputs.learningStateText),
    real_data_fingerprint: inputs.realDataFingerprint,
    epoch_seconds: inputs.settings.simStartSeconds ?? epochOfRunId(inputs.runId),
    agent_version: inputs.agentVersion,
    fail_episodes: inputs.failEpisodes ?? [],
  });
}

export function parseRunConfig(text: string, path: string): RunConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ClmmLabError('BAD_CONFIG', `${path}: not JSON; the run's saved settings are damaged`, { details: { field: '(root)', path } });
  }
  const r = runConfigSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(root)';
    throw new ClmmLabError('BAD_CONFIG', `${path}: ${field}: ${issue.message}`, { details: { field, path } });
  }
  return r.data;
}

/** The context every worker receives: pure data, the same whatever the host, workers or data dir. */
export function buildRunContext(params: { config: RunConfig; calibration: CalibrationReport | null; intelText: string; learningStateText: string | null; intelFile?: string }): RunContext {
  const { config } = params;
  const s = config.settings;
  const marketConfig = parseMarketConfig(config.market_config);
  const agentConfig = mergeAgentConfig(agentConfigFor(s, params.calibration), parseAgentConfigPatch(config.agent_patch));
  const learningState: LearningState | null = params.learningStateText === null ? null : parseLearningState(JSON.parse(params.learningStateText));
  const mix: RegimeMix = parseRegimeMix(s.regimeMix).mix;
  return {
    runId: config.run_id,
    seed: s.seed,
    episodes: s.episodes,
    lanes: s.lanes,
    horizonSeconds: s.horizonSeconds,
    blockSeconds: BLOCK_SECONDS,
    execution: resolveExecution({ values: { execMode: s.execMode } }),
    learn: s.learnFromMock,
    regimeMix: mix,
    market: s.market,
    marketConfig,
    agentConfig,
    startCapitalUsd: s.startCapitalUsd,
    configHash: sha256(toJsonText(config)),
    calibrationSha256: config.calibration_sha256,
    intel: intelFromText(params.intelText, params.intelFile),
    initialLearningState: learningState,
    agentVersion: config.agent_version,
    epochSeconds: config.epoch_seconds,
    failEpisodes: config.fail_episodes,
  };
}
