/**
 * `clmm-lab metrics RUN_ID` recomputes a run's summary from its `episode_metrics.jsonl` (with
 * `--write` it rewrites `metrics_summary.json`, byte-identical to the campaign's: same function, same
 * rows, same order) and `--csv FILE` exports per-episode metrics and decisions. `clmm-lab runs` lists
 * the runs of a data dir.
 */
import { existsSync, lstatSync, readFileSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderCampaignHtml } from '../../campaign/campaignReport.ts';
import { formatEndTable } from '../../campaign/endTable.ts';
import { parseEpisodeMetrics, summarize } from '../../campaign/metricsSummary.ts';
import { checkRunId } from '../../campaign/runFolder.ts';
import { parseRunConfig } from '../../campaign/runSpec.ts';
import { listRunIds, readRunState, runListItem } from '../../campaign/runStatus.ts';
import { badInput, ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { EpisodeMetricsRow } from '../../store/artifacts/metricsFiles.ts';
import { writeFileAtomic } from '../../store/atomicWrite.ts';
import { artifactText } from '../../store/artifacts/artifactIo.ts';
import { metricsSummarySchema } from '../../store/artifacts/metricsFiles.ts';
import { runPaths, runsDir } from '../../store/runPaths.ts';
import { usd } from '../progress.ts';
import { resolveDataDir } from '../dataDir.ts';

const CSV_COLUMNS = ['episode_id', 'index', 'lane', 'status', 'regime', 'regime_estimate', 'action', 'action_applied', 'rule_fired', 'width_pts', 'ev_gate_passed', 'pnl_usd', 'fees_usd', 'gas_cost_usd', 'lvr_usd', 'il_usd', 'swap_cost_usd', 'market_pnl_usd', 'out_of_range_pct', 'rebalance_count', 'reward_total', 'alpha_usd', 'best_baseline_name', 'volume_usd', 'learning_update_applied', 'error'] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Per-episode CSV: the agent's metrics and decision, then each baseline's net PnL, fees and gas. */
export function episodesCsv(rows: EpisodeMetricsRow[]): string {
  const baselines = [...new Set(rows.flatMap((r) => Object.keys(r.baselines)))].sort();
  const header = [...CSV_COLUMNS, ...baselines.flatMap((b) => [`${b}_pnl_usd`, `${b}_fees_usd`, `${b}_gas_cost_usd`])];
  const lines = [header.join(',')];
  for (const r of rows) {
    const cells = CSV_COLUMNS.map((c) => csvCell(r[c]));
    for (const b of baselines) {
      const m = r.baselines[b];
      cells.push(csvCell(m?.pnl_usd), csvCell(m?.fees_usd), csvCell(m?.gas_cost_usd));
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * `--csv PATH` must be a new path or an existing regular file: the export is renamed into place, which
 * would replace a device, a link or a special file and cannot replace a folder.
 */
function checkCsvTarget(raw: string): string {
  const path = resolve(raw);
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw badInput('BAD_FLAG', '--csv', `a path that can be examined (${(error as NodeJS.ErrnoException).code ?? 'error'})`, raw);
  }
  if (!st.isFile()) throw badInput('BAD_FLAG', '--csv', `a new file path or an existing regular file, not ${st.isDirectory() ? 'a folder' : st.isSymbolicLink() ? 'a symbolic link' : 'a device or special file'}`, raw);
  return path;
}

function dataDirOf(opts: { dataDir?: string }): string {
  return resolveDataDir(opts.dataDir, process.env);
}

export function registerMetrics(program: Command, deps: { print?: (line: string) => void } = {}): void {
  const print = deps.print ?? ((line: string) => console.log(line));
  program
    .command('metrics')
    .description("Recompute a run's metrics summary from episode_metrics.jsonl; --write rewrites metrics_summary.json, --csv exports episodes")
    .argument('<run_id>', 'the run')
    .option('--data-dir <dir>', 'data directory (env CLMM_DATA_DIR; default ./data)')
    .option('--write', 'rewrite metrics_summary.json and report.html (byte-identical to the campaign’s for a complete run)')
    .option('--csv <file>', 'export per-episode metrics and decisions as CSV')
    .option('--json', 'print the summary as JSON')
    .action((runId: string, opts: { dataDir?: string; write?: boolean; csv?: string; json?: boolean }) => {
      checkRunId(runId, 'run_id');
      const paths = runPaths(dataDirOf(opts), runId);
      if (!existsSync(paths.runConfig)) throw new ClmmLabError('RUN_NOT_FOUND', `no run ${runId} under ${runsDir(dataDirOf(opts))}`, { details: { runId } });
      const config = parseRunConfig(readFileSync(paths.runConfig, 'utf8'), paths.runConfig);
      const rows = existsSync(paths.episodeMetrics) ? parseEpisodeMetrics(readFileSync(paths.episodeMetrics, 'utf8'), paths.episodeMetrics) : [];
      const summary = summarize(runId, rows);
      const complete = rows.length === config.settings.episodes;
      // refuse before anything is written: a summary marks a run complete (`runs`), so an incomplete run gets none
      if (opts.write === true && !complete) throw new ClmmLabError('RUN_INCOMPLETE', `run ${runId} has ${rows.length} of ${config.settings.episodes} episodes: resume it first (clmm-lab campaign --resume ${runId}); --write wrote nothing`, { details: { runId, done: rows.length, episodes: config.settings.episodes } });
      const csvPath = opts.csv === undefined ? undefined : checkCsvTarget(opts.csv);
      const summaryText = artifactText(metricsSummarySchema, summary, paths.metricsSummary);
      if (opts.json === true) print(summaryText.trimEnd());
      else {
        print(`run ${runId}: ${rows.length}/${config.settings.episodes} episodes${complete ? '' : ' (incomplete: resume it with clmm-lab campaign --resume)'}`);
        print(`agent net PnL ${usd(summary.total_pnl_usd)} (fees ${usd(summary.total_fees_usd)}, gas ${usd(summary.total_gas_usd)}, LVR ${usd(summary.total_lvr_usd)}); alpha ${usd(summary.total_alpha_usd)}; widen ${(summary.widen_pct).toFixed(1)}%`);
        for (const line of formatEndTable(summary)) print(line);
      }
      if (opts.write === true) {
        writeFileAtomic(paths.metricsSummary, summaryText);
        writeFileAtomic(paths.report, renderCampaignHtml(runId, summary, rows));
        print(`wrote ${paths.metricsSummary} and ${paths.report}`);
      }
      if (csvPath !== undefined) {
        writeFileAtomic(csvPath, episodesCsv(rows));
        print(`wrote ${rows.length} episodes to ${csvPath}`);
      }
    });

  program
    .command('runs')
    .description('List the runs of a data dir: id, episodes done, status, seed, market, agent net PnL')
    .option('--data-dir <dir>', 'data directory (env CLMM_DATA_DIR; default ./data)')
    .option('--json', 'print as JSON')
    .action((opts: { dataDir?: string; json?: boolean }) => {
      const dataDir = dataDirOf(opts);
      const runs = listRunIds(dataDir).map((id) => runListItem(readRunState(dataDir, id)));
      if (opts.json === true) {
        print(JSON.stringify(runs, null, 2));
        return;
      }
      if (runs.length === 0) {
        print(`no runs under ${runsDir(dataDir)}`);
        return;
      }
      for (const r of runs) print(`${r.run_id}  ${r.status.padEnd(10)}  ${String(r.episodes_done).padStart(6)}/${String(r.episodes ?? '?').padEnd(6)}  seed ${r.seed ?? '?'}  ${r.market ?? '?'}  net PnL ${r.total_pnl_usd === null ? '—' : usd(r.total_pnl_usd)}`);
    });
}
