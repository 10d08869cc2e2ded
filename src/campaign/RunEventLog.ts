/**
 * The writer of a run's `events.jsonl`: `RunEvent`s with a sequence number and simulated time (the
 * run's epoch, an episode's simulated start and end), never the wall clock. The run's single
 * writer calls it in episode-index order, so the file is deterministic; like
 * `episode_metrics.jsonl` it is rebuilt on every invocation (resume included) from the re-simulated
 * episodes, so a resumed run ends with the bytes of an uninterrupted one, and a resume that fails
 * while verifying leaves it as it was (RebuiltJsonlFile).
 */
import type { RunContext } from '../episode/RunContext.ts';
import { artifactLine, readArtifact, SCHEMA_VERSION } from '../store/artifacts/artifactIo.ts';
import { metadataSchema } from '../store/artifacts/episodeFiles.ts';
import type { EpisodeMetricsRow, MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { runEventSchema, type RunEvent } from '../store/artifacts/runEvents.ts';
import { RebuiltJsonlFile } from './RebuiltJsonlFile.ts';

/** A RunEvent before the log numbers it. */
type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'schema_version' | 'seq' | 'run_id'> : never) : never;

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export class RunEventLog {
  private seq = 0;
  private lastSeconds: number;
  private readonly file: RebuiltJsonlFile;

  constructor(
    private readonly path: string,
    private readonly ctx: RunContext,
  ) {
    this.file = new RebuiltJsonlFile(path);
    this.lastSeconds = ctx.epochSeconds;
  }

  /** The simulated start of an episode (seconds), from its metadata.json among the episode's files. */
  static episodeStart(files: ReadonlyArray<readonly [string, string]>, episodeId: string): number {
    const text = files.find(([name]) => name === 'metadata.json')?.[1];
    if (text === undefined) throw new Error(`episode ${episodeId} has no metadata.json`);
    return Date.parse(readArtifact(metadataSchema, text, `${episodeId}/metadata.json`).timestamp) / 1000;
  }

  /** `isNew` when the event belongs to an episode written (not verified) in this invocation. */
  private append(body: EventBody, isNew = false): void {
    const event = { schema_version: SCHEMA_VERSION, seq: this.seq, run_id: this.ctx.runId, ...body } as RunEvent;
    this.file.append(artifactLine(runEventSchema, event, 'events.jsonl'), isNew);
    this.seq++;
  }

  runStarted(): void {
    const c = this.ctx;
    this.append({ type: 'run_started', at: iso(c.epochSeconds), episodes: c.episodes, lanes: c.lanes, seed: c.seed, market: c.market, exec_mode: c.execution.mode });
  }

  /** An episode's start and its outcome, at its simulated start and (for a success) its end. */
  episode(row: EpisodeMetricsRow, startSeconds: number, isNew: boolean): void {
    const ids = { episode_id: row.episode_id, index: row.index, lane: row.lane };
    this.append({ type: 'episode_started', at: iso(startSeconds), ...ids }, isNew);
    if (row.status === 'failed') {
      this.append({ type: 'episode_failed', at: iso(startSeconds), ...ids, error: row.error ?? 'failed' }, isNew);
      this.lastSeconds = Math.max(this.lastSeconds, startSeconds);
      return;
    }
    const end = startSeconds + this.ctx.horizonSeconds;
    this.append({ type: 'episode_finished', at: iso(end), ...ids, action: row.action, rule_fired: row.rule_fired, ev_gate_passed: row.ev_gate_passed, pnl_usd: row.pnl_usd, alpha_usd: row.alpha_usd }, isNew);
    this.lastSeconds = Math.max(this.lastSeconds, end);
  }

  /** The last event of a complete run; the file then holds exactly the rebuilt events. */
  runFinished(summary: MetricsSummary): void {
    this.append({ type: 'run_finished', at: iso(this.lastSeconds), total_episodes: summary.total_episodes, successful: summary.successful, failed: summary.failed, total_pnl_usd: summary.total_pnl_usd });
    this.file.complete();
  }

  /** Flushes and closes the file (again: nothing). */
  close(): void {
    this.file.close();
  }
}
