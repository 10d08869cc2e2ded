/**
 * The execution of a run as data: its mode (DESIGN.md's `EXEC_MODE`) and the executor behind the
 * port in that mode. Resolved once from the settings and carried through the run (RunContext,
 * result.json's `exec_mode` / `executor`), so nothing below the CLI asks "are we in mock mode?".
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { SettingSource } from './resolveSettings.ts';

export type ExecMode = 'mock' | 'shadow' | 'paper' | 'live';
/** The implementation behind the execution port: `sim` in mock mode, one per real mode, two for live. */
export type ExecutorName = 'sim' | 'shadow' | 'paper' | 'onchain' | 'gateway';
export type LiveExecutorName = Extract<ExecutorName, 'onchain' | 'gateway'>;

export interface Execution {
  mode: ExecMode;
  executor: ExecutorName;
}

/** The resolved settings this module reads (keys of config/settingsTable.ts). */
export interface ExecutionSettings {
  mockClmm?: unknown;
  execMode?: unknown;
  hbEnv?: unknown;
  executor?: unknown;
  iUnderstandLiveRisk?: unknown;
}

/** EXEC_MODE as DESIGN.md resolves it: MOCK_CLMM=true forces mock; HB_ENV=real with EXEC_MODE unset means shadow. */
export function resolveExecMode(values: ExecutionSettings): ExecMode {
  if (values.mockClmm === true) return 'mock';
  if (values.execMode !== null && values.execMode !== undefined) return values.execMode as ExecMode;
  return values.hbEnv === 'real' ? 'shadow' : 'mock';
}

const MODE_EXECUTOR: Record<Exclude<ExecMode, 'live'>, ExecutorName> = { mock: 'sim', shadow: 'shadow', paper: 'paper' };

/** Where a setting's value came from, named as the user wrote it. */
function fieldOf(source: SettingSource | undefined): string {
  return source === 'env' ? 'CLMM_EXECUTOR' : source === 'config' ? 'config.executor' : '--executor';
}

/**
 * The run's execution. `--executor` picks the live executor, so given in any other mode it is an
 * error rather than silently ignored; live needs the risk acknowledgement and an executor. Whether a
 * mode is built yet is the caller's gate, not this function's.
 */
export function resolveExecution(p: { values: ExecutionSettings; sources?: Record<string, SettingSource> }): Execution {
  const { values } = p;
  const mode = resolveExecMode(values);
  const executor = values.executor ?? null;
  if (executor !== null && mode !== 'live') {
    const field = fieldOf(p.sources?.executor);
    throw new ClmmLabError('EXEC_EXECUTOR_IGNORED', `${field} ${String(executor)}: only has an effect with EXEC_MODE=live, and the mode is ${mode}; drop ${field} or set EXEC_MODE=live`, { details: { field, mode, executor } });
  }
  if (mode !== 'live') return { mode, executor: MODE_EXECUTOR[mode] };
  if (values.iUnderstandLiveRisk !== true) throw new ClmmLabError('LIVE_NOT_ACKNOWLEDGED', 'EXEC_MODE=live needs I_UNDERSTAND_LIVE_RISK=true (or --i-understand-live-risk true)', { details: { field: 'I_UNDERSTAND_LIVE_RISK' } });
  if (executor === null) throw new ClmmLabError('EXEC_EXECUTOR_MISSING', '--executor: expected onchain or gateway with EXEC_MODE=live (or CLMM_EXECUTOR)', { details: { field: '--executor', expected: 'onchain or gateway' } });
  return { mode, executor: executor as LiveExecutorName };
}
