/**
 * What `intel scheduler --once` ends with after its cycle. A failure that is bad input (a key Dune
 * refuses, a query id it does not know: the user must fix something) ends it with that error
 * (exit 2) whatever the other refreshes did; when every refresh failed and none of them for bad
 * input, it ends with the first failure (a failed service, exit 3). Some refreshes failing for
 * external reasons while others succeeded is a normal cycle: the next one retries them.
 */
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { ERROR_CODES, type ErrorCode } from '../../errors/errorCodes.ts';
import type { CycleReport, RefreshOutcome } from './scheduler.ts';

function codeOf(outcome: RefreshOutcome): ErrorCode {
  const code = outcome.error?.code;
  return code !== undefined && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL';
}

export function cycleFailure(report: Pick<CycleReport, 'outcomes'>): ClmmLabError | null {
  const failed = report.outcomes.filter((o) => !o.ok);
  if (failed.length === 0) return null;
  const badInput = failed.find((o) => ERROR_CODES[codeOf(o)].kind === 'bad_input');
  if (badInput === undefined && failed.length < report.outcomes.length) return null;
  const first = badInput ?? failed[0]!;
  const code = codeOf(first);
  const why = badInput === undefined ? 'every refresh failed' : 'a refresh failed for bad input';
  return new ClmmLabError(code, `intel scheduler --once: ${why} (${failed.length} of ${report.outcomes.length} failed); ${first.key}: ${first.error?.code ?? 'INTERNAL'}: ${first.error?.message ?? 'no message'}`, {
    details: { failed: failed.map((o) => ({ key: o.key, code: o.error?.code ?? null })) },
  });
}
