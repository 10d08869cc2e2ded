/**
 * The port lane execution goes through. `executeRun` (the run's only writer) hands a transport the
 * run's identity and a set of lanes; the transport runs their episodes wherever it likes (worker
 * threads here, a queue of remote workers later in `dist/`) and streams each finished episode back.
 * Everything a job carries is plain data, so it can cross a thread or a network.
 */
import type { LearningState } from '../agent/learning.ts';
import type { RunContext } from '../episode/RunContext.ts';

/** How many episodes a transport may have delivered but not yet seen acknowledged (per lane group it runs). */
export const MAX_EPISODES_AHEAD = 4;

/** What a transport needs to rebuild the run anywhere: its id and its whole (serialisable) context. */
export interface LaneJob {
  runId: string;
  ctx: RunContext;
  /** Recorded data folder of a replay run, as seen from this host (a remote worker may map it). */
  realDataDir: string;
  /** Lanes to run, each from its first episode, in index order. */
  lanes: readonly number[];
}

/** One finished episode: its files (in write order, `result.json` last) and its metrics line. */
export interface LaneEpisodeMessage {
  index: number;
  episodeId: string;
  files: Array<[string, string]>;
  metricsLine: string;
  wallMs: number;
}

export interface LaneJobHandlers {
  /**
   * Called for each episode, in each lane's index order. The returned promise is the
   * acknowledgement: a transport keeps at most MAX_EPISODES_AHEAD episodes unacknowledged (the
   * back-pressure that bounds memory and keeps a stop prompt). A rejection fails the job.
   */
  onEpisode(message: LaneEpisodeMessage): Promise<void>;
  /** Aborted to stop after the episodes in flight. */
  signal: AbortSignal;
}

/** The lanes' learning states at the end, or null when the job was stopped before its end. */
export type LaneJobResult = Map<number, LearningState> | null;

export interface LaneTransport {
  /** Runs the job's lanes; resolves once every delivered episode is acknowledged. */
  runLanes(job: LaneJob, handlers: LaneJobHandlers): Promise<LaneJobResult>;
}
