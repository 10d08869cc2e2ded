/**
 * An experiment's `report.json` (written by `compare` / `validate`): per-variant and per-baseline
 * figures, paired differences against the reference with bootstrap CIs, CI convergence, the
 * criteria verdicts and the series the HTML report draws.
 */
import { z } from 'zod';

const num = z.number();
const numOrNull = z.number().nullable();
const int = z.number().int();
const interval = z.tuple([num, num]);

export const strategyStatsShape = {
  episodes: int,
  failed: int,
  total_pnl_usd: num,
  mean_pnl_usd: numOrNull,
  win_rate: numOrNull,
  sharpe: numOrNull,
  sharpe_annualised: numOrNull,
  cvar_5_usd: numOrNull,
  max_drawdown_usd: num,
  gas_per_episode_usd: numOrNull,
  fees_per_episode_usd: numOrNull,
  lvr_per_episode_usd: numOrNull,
  actions_per_episode: numOrNull,
};
const strategyStatsSchema = z.strictObject(strategyStatsShape);

const pairedStatsSchema = z.strictObject({ n: int, mean_diff_usd: num, median_diff_usd: num, mean_ci95_usd: interval, median_ci95_usd: interval, resamples: int });

const variantSchema = z.strictObject({
  ...strategyStatsShape,
  widen_pct: numOrNull,
  actions_by_rule: z.record(z.string(), int),
  /** Mean alpha (agent − best baseline on the path) of the episodes where each rule fired. */
  rule_contribution_usd: z.record(z.string(), num),
  by_regime: z.record(z.string(), z.strictObject({ episodes: int, mean_pnl_usd: numOrNull, win_rate: numOrNull, gas_per_episode_usd: numOrNull, widen_pct: numOrNull })),
  description: z.string().nullable(),
  run_id: z.string(),
});

export const experimentReportSchema = z.strictObject({
  schema_version: z.literal(1),
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  seed: int,
  episodes_requested: int,
  /** Episodes every variant has finished (the common prefix analysed). */
  episodes_analyzed: int,
  complete: z.boolean(),
  horizon_s: num,
  lanes: int,
  regime_mix: z.string(),
  reference: z.string(),
  candidates: z.array(z.string()),
  bootstrap_resamples: int,
  variants: z.record(z.string(), variantSchema),
  baselines: z.record(z.string(), strategyStatsSchema),
  comparisons: z.record(z.string(), z.strictObject({ overall: pairedStatsSchema.nullable(), by_regime: z.record(z.string(), pairedStatsSchema.nullable()) })),
  convergence: z.record(z.string(), z.array(z.strictObject({ episodes: int, mean_diff_usd: num, ci95_usd: interval, width_usd: num }))),
  criteria: z.array(z.strictObject({ criterion: z.string(), candidate: z.string(), reference: z.string(), regime: z.string().nullable(), pass: z.boolean(), line: z.string() })),
  verdict: z.enum(['PASS', 'FAIL']),
  series: z.strictObject({
    cumulative_pnl_usd: z.record(z.string(), z.array(num)),
    widen_pct_rolling: z.record(z.string(), z.array(num)),
    paired_diff_histogram: z.record(z.string(), z.strictObject({ edges: z.array(num), counts: z.array(int) })),
  }),
  stopped_early: z.strictObject({ at: int, reason: z.string() }).nullable(),
});
export type ExperimentReportArtifact = z.infer<typeof experimentReportSchema>;
