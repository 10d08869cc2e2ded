/** EXEC_MODE as DESIGN.md resolves it, and the gate that lets only built modes run. */
import { ClmmLabError } from '../errors/ClmmLabError.ts';

/** MOCK_CLMM=true forces mock; else EXEC_MODE; else HB_ENV=real means shadow and anything else mock. */
export function resolveExecMode(values: Record<string, unknown>): string {
  if (values.mockClmm === true) return 'mock';
  if (values.execMode !== null && values.execMode !== undefined) return values.execMode as string;
  return values.hbEnv === 'real' ? 'shadow' : 'mock';
}

/** Live needs its acknowledgement; a mode that is not built yet is a named error. */
export function checkExecMode(mode: string, values: Record<string, unknown>): 'mock' {
  if (mode === 'live' && values.iUnderstandLiveRisk !== true) throw new ClmmLabError('LIVE_NOT_ACKNOWLEDGED', 'EXEC_MODE=live needs I_UNDERSTAND_LIVE_RISK=true (or --i-understand-live-risk true)');
  if (mode !== 'mock') throw new ClmmLabError('MODE_NOT_AVAILABLE', `EXEC_MODE=${mode} is not available yet: only mock (sim) campaigns run in this version`, { details: { field: 'EXEC_MODE', mode } });
  return mode;
}
