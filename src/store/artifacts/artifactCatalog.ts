/**
 * Every artifact schema by the name its JSON Schema has in `docs/schemas/<name>.schema.json`,
 * with the file (or line) it describes. `npm run docs:schemas` writes them; a test fails when the
 * committed files drift from these schemas.
 */
import type { z } from 'zod';
import { calibrationReportSchema } from './calibrationReport.ts';
import { agentDecisionBasisSchema } from './decisionBasis.ts';
import { failureSchema, metadataSchema, proposalSchema, resultSchema, rewardSchema, timingsSchema } from './episodeFiles.ts';
import { experimentReportSchema } from './experimentReport.ts';
import { intelSnapshotSchema } from './intelSnapshot.ts';
import { episodeMetricsRowSchema, metricsSummarySchema } from './metricsFiles.ts';
import { runEventSchema } from './runEvents.ts';
import { learningStateFileSchema, runConfigSchema } from './runFiles.ts';
import { schedulerEventSchema, triggerSchema } from './schedulerEvents.ts';

export interface ArtifactEntry {
  schema: z.ZodType;
  /** Where the artifact lives (a path under the data dir, or a description). */
  file: string;
}

export const ARTIFACT_CATALOG = {
  metadata: { schema: metadataSchema, file: 'runs/<run_id>/episodes/<episode_id>/metadata.json' },
  proposal: { schema: proposalSchema, file: 'runs/<run_id>/episodes/<episode_id>/proposal.json' },
  decision_basis: { schema: agentDecisionBasisSchema, file: 'proposal.json params.decision_basis (without exec_mode)' },
  result: { schema: resultSchema, file: 'runs/<run_id>/episodes/<episode_id>/result.json' },
  reward: { schema: rewardSchema, file: 'runs/<run_id>/episodes/<episode_id>/reward.json' },
  timings: { schema: timingsSchema, file: 'runs/<run_id>/episodes/<episode_id>/timings.json' },
  failure: { schema: failureSchema, file: 'runs/<run_id>/episodes/<episode_id>/failure.json' },
  episode_metrics_row: { schema: episodeMetricsRowSchema, file: 'runs/<run_id>/episode_metrics.jsonl (one line)' },
  metrics_summary: { schema: metricsSummarySchema, file: 'runs/<run_id>/metrics_summary.json' },
  run_event: { schema: runEventSchema, file: 'runs/<run_id>/events.jsonl (one line)' },
  run_config: { schema: runConfigSchema, file: 'runs/<run_id>/run_config.json' },
  learning_state: { schema: learningStateFileSchema, file: 'runs/<run_id>/learning_state.json, runs/<run_id>/lanes/<k>/learning_state.json' },
  intel_snapshot: { schema: intelSnapshotSchema, file: 'runs/<run_id>/intel_snapshot.json' },
  calibration_report: { schema: calibrationReportSchema, file: 'runs/<run_id>/calibration.json, calibrate --out, DUNE_CALIBRATION_JSON' },
  experiment_report: { schema: experimentReportSchema, file: 'experiments/<id>/report.json' },
  scheduler_trigger: { schema: triggerSchema, file: 'intel/triggers.jsonl (one line)' },
  scheduler_event: { schema: schedulerEventSchema, file: 'intel scheduler --json (one line)' },
} as const satisfies Record<string, ArtifactEntry>;

export type ArtifactName = keyof typeof ARTIFACT_CATALOG;
