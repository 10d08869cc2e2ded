/**
 * The loop a worker runs: its lanes' episodes in global index order, each lane on its own
 * LaneRunner. A failed episode becomes `failure.json` + a failed `result.json`, and the lane goes
 * on. Pure computation: the artifacts go to `emit`, never to the disk.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { buildEpisodeArtifacts, buildFailedEpisodeArtifacts, type EpisodeArtifacts } from '../episode/episodeArtifacts.ts';
import { LaneRunner } from '../episode/LaneRunner.ts';
import type { RunContext } from '../episode/RunContext.ts';
import type { LearningState } from '../agent/learning.ts';
import { PoolRevertError } from '../clmm/PoolRevertError.ts';
import { LaneMarket } from '../market/LaneMarket.ts';
import type { MarketSource } from '../market/MarketSource.ts';
import { episodeId } from '../store/runPaths.ts';
import { lanePorts } from './lanePorts.ts';

/** Episode indices of the lanes `lanes`, ascending. */
export function indicesOfLanes(ctx: RunContext, lanes: readonly number[]): number[] {
  const set = new Set(lanes);
  const out: number[] = [];
  for (let i = 0; i < ctx.episodes; i++) if (set.has(i % ctx.lanes)) out.push(i);
  return out;
}

export interface RunLanesParams {
  ctx: RunContext;
  source: MarketSource;
  lanes: readonly number[];
  emit(artifacts: EpisodeArtifacts, wallMs: number): void;
  /** Checked before each episode: true stops the loop (SIGINT). */
  shouldStop?(): boolean;
  now?(): number;
}

/** Runs the lanes to the end (or until stopped); returns their learning states, or null when stopped. */
export async function runLaneEpisodes(p: RunLanesParams): Promise<Map<number, LearningState> | null> {
  const { ctx } = p;
  const runners = new Map<number, LaneRunner>();
  for (const lane of p.lanes) {
    const market = new LaneMarket({ source: p.source, config: ctx.marketConfig });
    runners.set(lane, new LaneRunner({ ctx, lane, market, portFor: lanePorts({ ctx, market }) }));
  }
  const fail = new Set(ctx.failEpisodes);
  const now = p.now ?? (() => performance.now());
  for (const index of indicesOfLanes(ctx, p.lanes)) {
    if (p.shouldStop?.() === true) return null;
    const lane = index % ctx.lanes;
    const runner = runners.get(lane)!;
    const id = episodeId(ctx.runId, index);
    const t0 = now();
    let artifacts: EpisodeArtifacts;
    try {
      if (fail.has(index)) throw new ClmmLabError('INTERNAL', `episode ${index} failed on purpose (CLMM_FAIL_EPISODES)`);
      artifacts = buildEpisodeArtifacts(ctx, await runner.runEpisode(index), id);
    } catch (error) {
      artifacts = buildFailedEpisodeArtifacts(ctx, { index, lane, laneStep: runner.step, regime: p.source.regime(index), episodeId: id, error: describe(error) });
      runner.skipEpisode();
    }
    p.emit(artifacts, now() - t0);
  }
  return new Map([...runners].map(([lane, r]) => [lane, r.learningState()]));
}

function describe(error: unknown): { code: string; message: string; stage: string } {
  // a pool revert is a ClmmLabError too: test it first so it keeps its stage
  if (error instanceof PoolRevertError) return { code: error.code, message: error.message, stage: 'execution' };
  if (error instanceof ClmmLabError) return { code: error.code, message: error.message, stage: 'episode' };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), stage: 'episode' };
}
