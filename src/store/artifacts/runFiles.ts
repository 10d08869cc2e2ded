/**
 * Run-level files: `run_config.json` (the run's saved settings: everything deterministic a
 * campaign needs to run or resume) and the learning states (`learning_state.json`, the run's
 * merged state, and `lanes/<k>/learning_state.json`).
 *
 * run_config.json carries `schema_version` beside its older `version` field; a run_config.json
 * written before `schema_version` existed reads as version 1 (the documented migration: absent
 * means 1; see docs/runbook.md).
 */
import { z } from 'zod';
import { learningStateSchema } from '../../agent/learning.ts';

export const RUN_CONFIG_VERSION = 1;

/** The settings of a run that decide its bytes. */
export const runSettingsSchema = z.strictObject({
  hbEnv: z.enum(['mock', 'real']),
  mockClmm: z.boolean(),
  execMode: z.literal('mock'),
  learnFromMock: z.boolean(),
  seed: z.number().int().min(0).max(0xffffffff),
  episodes: z.number().int().min(1),
  lanes: z.number().int().min(1),
  regimeMix: z.string(),
  horizonSeconds: z.number().int().positive(),
  gasUsd: z.number().nonnegative(),
  feeGateMult: z.number().nonnegative(),
  feeGateUsd: z.number().nonnegative(),
  preemptMargin: z.number().nonnegative(),
  evGate: z.boolean(),
  startCapitalUsd: z.number().positive(),
  market: z.enum(['sim', 'replay']),
  disablePoolValidation: z.boolean(),
  simStartSeconds: z.number().int().nonnegative().nullable(),
});
export type RunSettings = z.infer<typeof runSettingsSchema>;

export const runConfigSchema = z.strictObject({
  schema_version: z.literal(1).optional(),
  version: z.literal(RUN_CONFIG_VERSION),
  run_id: z.string(),
  settings: runSettingsSchema,
  regime_mix_normalised: z.record(z.string(), z.number()),
  /** The market config (validated by the market layer's own parser when the run is built). */
  market_config: z.unknown(),
  /** Agent config overrides (a --config file's "agent" object, an experiment variant's), applied after the calibration. */
  agent_patch: z.record(z.string(), z.unknown()).nullable(),
  calibration_sha256: z.string().nullable(),
  intel_snapshot_sha256: z.string(),
  learning_state_sha256: z.string().nullable(),
  /** Fingerprint of the recorded data a replay campaign reads (every CSV file's name, size and content sha256; checked on resume), or null. */
  real_data_fingerprint: z.string().nullable(),
  epoch_seconds: z.number().int(),
  agent_version: z.string(),
  /** Episodes that fail on purpose (CLMM_FAIL_EPISODES, a testing aid); saved so a resume fails them again. */
  fail_episodes: z.array(z.number().int().nonnegative()).default([]),
});
export type RunConfig = z.infer<typeof runConfigSchema>;

/** A learning state as a run writes it: the agent's state with the artifact envelope's schema_version. */
export const learningStateFileSchema = learningStateSchema.extend({ schema_version: z.literal(1) }).strict();
export type LearningStateFile = z.infer<typeof learningStateFileSchema>;
