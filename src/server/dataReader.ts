/**
 * The server's reads of the artifact tree: every file through the store's validated readers
 * (readArtifact / readArtifactLines), named in errors relative to the data dir so no absolute path
 * leaves the process. Nothing here writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { summarize } from '../campaign/metricsSummary.ts';
import { RUN_ID } from '../campaign/runFolder.ts';
import { readRunState, runExists, type RunState } from '../campaign/runStatus.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { experimentPaths } from '../experiment/experimentPaths.ts';
import { readArtifact } from '../store/artifacts/artifactIo.ts';
import { failureSchema, metadataSchema, proposalSchema, resultSchema, rewardSchema } from '../store/artifacts/episodeFiles.ts';
import { experimentReportSchema, type ExperimentReportArtifact } from '../store/artifacts/experimentReport.ts';
import type { MetricsSummary } from '../store/artifacts/metricsFiles.ts';
import { runPaths } from '../store/runPaths.ts';
import type { episodeDetailSchema, experimentListItemSchema } from './apiSchemas.ts';

/** A run that exists and reads back (RUN_NOT_FOUND, or the error that damaged it). */
export function requireRun(dataDir: string, runId: string): RunState {
  if (!runExists(dataDir, runId)) throw new ClmmLabError('RUN_NOT_FOUND', `no run ${runId} in the data dir`, { details: { field: 'runId', runId } });
  const state = readRunState(dataDir, runId);
  if (state.error !== null) throw state.error;
  return state;
}

/** The summary of a complete run (its file), else computed from its rows so far. */
export function currentSummary(state: RunState): { source: 'metrics_summary.json' | 'episode_metrics.jsonl'; summary: MetricsSummary } {
  if (state.summary !== null) return { source: 'metrics_summary.json', summary: state.summary };
  return { source: 'episode_metrics.jsonl', summary: summarize(state.runId, state.rows) };
}

function readOptional<S extends z.ZodType>(schema: S, path: string, name: string): z.infer<S> | null {
  return existsSync(path) ? readArtifact(schema, readFileSync(path, 'utf8'), name) : null;
}

/** A finished episode's files; `result.json` is written last, so an episode without it is not finished. */
export function readEpisode(dataDir: string, runId: string, episodeId: string): z.infer<typeof episodeDetailSchema> {
  requireRun(dataDir, runId);
  const notFound = (why: string) => new ClmmLabError('EPISODE_NOT_FOUND', `run ${runId} has no finished episode ${episodeId} (${why})`, { details: { field: 'episodeId', runId, episodeId } });
  if (!episodeId.startsWith(`ep_${runId}_`)) throw notFound(`episode ids of this run are ep_${runId}_<index>`);
  const dir = runPaths(dataDir, runId).episodeDir(episodeId);
  const name = (file: string) => `runs/${runId}/episodes/${episodeId}/${file}`;
  if (!existsSync(join(dir, 'result.json'))) throw notFound(existsSync(dir) ? 'still running' : 'not written');
  const metadata = readOptional(metadataSchema, join(dir, 'metadata.json'), name('metadata.json'));
  if (metadata === null) throw new ClmmLabError('ARTIFACT_INVALID', `${name('metadata.json')}: missing beside result.json`, { details: { file: name('metadata.json'), field: '(root)' } });
  return {
    run_id: runId,
    episode_id: episodeId,
    metadata,
    proposal: readOptional(proposalSchema, join(dir, 'proposal.json'), name('proposal.json')),
    result: readArtifact(resultSchema, readFileSync(join(dir, 'result.json'), 'utf8'), name('result.json')),
    reward: readOptional(rewardSchema, join(dir, 'reward.json'), name('reward.json')),
    failure: readOptional(failureSchema, join(dir, 'failure.json'), name('failure.json')),
  };
}

function experimentsRoot(dataDir: string): string {
  return join(dataDir, 'experiments');
}

/** Experiment folders (those with their experiment.json), sorted by id. */
function experimentIds(dataDir: string): string[] {
  const root = experimentsRoot(dataDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && RUN_ID.test(d.name) && existsSync(experimentPaths(dataDir, d.name).record))
    .map((d) => d.name)
    .sort();
}

export function readExperimentReport(dataDir: string, id: string): ExperimentReportArtifact {
  const paths = experimentPaths(dataDir, id);
  if (!existsSync(paths.record)) throw new ClmmLabError('EXPERIMENT_NOT_FOUND', `no experiment ${id} in the data dir`, { details: { field: 'experimentId', id } });
  const report = readOptional(experimentReportSchema, paths.reportJson, `experiments/${id}/report.json`);
  if (report === null) throw new ClmmLabError('EXPERIMENT_NO_REPORT', `experiment ${id} has no report.json yet (its first analysis has not been written)`, { details: { field: 'experimentId', id } });
  return report;
}

export function listExperiments(dataDir: string): Array<z.infer<typeof experimentListItemSchema>> {
  return experimentIds(dataDir).map((id) => {
    const report = readOptional(experimentReportSchema, experimentPaths(dataDir, id).reportJson, `experiments/${id}/report.json`);
    if (report === null) return { id, has_report: false, name: null, complete: null, verdict: null, episodes_requested: null, episodes_analyzed: null, reference: null, candidates: null };
    return { id, has_report: true, name: report.name, complete: report.complete, verdict: report.verdict, episodes_requested: report.episodes_requested, episodes_analyzed: report.episodes_analyzed, reference: report.reference, candidates: report.candidates };
  });
}
