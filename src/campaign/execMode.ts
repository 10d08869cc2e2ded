/** The gate that lets only built modes run (the mode itself is resolved by config/resolveExecution.ts). */
import { resolveExecution, type Execution, type ExecutionSettings } from '../config/resolveExecution.ts';
import type { SettingSource } from '../config/resolveSettings.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';

/** The run's execution; a mode that is not built yet is a named error. */
export function checkExecMode(p: { values: ExecutionSettings; sources?: Record<string, SettingSource> }): Execution {
  const execution = resolveExecution(p);
  if (execution.mode !== 'mock') throw new ClmmLabError('MODE_NOT_AVAILABLE', `EXEC_MODE=${execution.mode} is not available yet: only mock (sim) campaigns run in this version`, { details: { field: 'EXEC_MODE', mode: execution.mode } });
  return execution;
}
