/**
 * Everything deterministic a lane needs to run its episodes: the run's frozen settings, the market
 * and agent configs, the frozen intel snapshot and calibration hash. Built once per run and sent to
 * every worker; nothing here depends on the worker count, the data dir or the wall clock.
 */
import type { AgentConfig } from '../agent/agentConfig.ts';
import type { LearningState } from '../agent/learning.ts';
import type { Execution } from '../config/resolveExecution.ts';
import type { IntelEntry } from '../agent/types.ts';
import type { MarketConfig } from '../market/marketConfig.ts';
import type { RegimeName } from '../market/types.ts';

export interface IntelSnapshotEntry {
  quality: 'fresh' | 'stale' | 'too_old' | 'missing';
  age_s: number | null;
  asof: string | null;
  reason?: 'after_run_start';
}

export interface FrozenIntel {
  /** `extra.intel_snapshot` of every episode: {query: {quality, age_s, asof}}. */
  snapshot: Record<string, IntelSnapshotEntry>;
  hygiene: { total_queries: number; fresh: number; stale: number; missing_or_too_old: number; fresh_pct: number };
  /** What the agent sees of it. */
  forAgent: Record<string, IntelEntry>;
  sha256: string;
}

export interface RunContext {
  runId: string;
  seed: number;
  episodes: number;
  lanes: number;
  horizonSeconds: number;
  blockSeconds: number;
  /** The mode and the executor behind the port, as data (result.json records both). */
  execution: Execution;
  /** Whether strategies learn (false in mock mode unless LEARN_FROM_MOCK=true). */
  learn: boolean;
  regimeMix: Record<RegimeName, number>;
  market: 'sim' | 'replay';
  marketConfig: MarketConfig;
  agentConfig: AgentConfig;
  startCapitalUsd: number;
  configHash: string;
  calibrationSha256: string | null;
  intel: FrozenIntel;
  initialLearningState: LearningState | null;
  agentVersion: string;
  /** Simulated clock: episode i starts at epochSeconds + i × horizonSeconds. */
  epochSeconds: number;
  /** Episodes that fail on purpose (a testing aid for the failure path). */
  failEpisodes: number[];
}
