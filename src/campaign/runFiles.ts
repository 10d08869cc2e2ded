/**
 * Reading the files of an existing run folder for a resume: a missing, unreadable or garbage file is
 * a RUN_DAMAGED error naming it and saying what to do, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { sha256 } from './runSpec.ts';

function damaged(path: string, what: string, runId: string): ClmmLabError {
  return new ClmmLabError('RUN_DAMAGED', `${path}: ${what}; the run folder is damaged: restore the file from a backup, or start a new run (this one cannot be resumed as it is)`, { details: { path, runId } });
}

/** A file of the run folder as text; missing or unreadable is RUN_DAMAGED. */
export function readRunFile(path: string, runId: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(path, code === 'ENOENT' ? 'missing' : `cannot be read (${code ?? String(error)})`, runId);
  }
}

/** A file of the run folder whose sha256 the run config holds: other bytes are RUN_DAMAGED. */
export function readHashedRunFile(path: string, expectedSha256: string, runId: string): string {
  const text = readRunFile(path, runId);
  if (sha256(text) !== expectedSha256) throw damaged(path, 'its sha256 differs from the one in run_config.json', runId);
  return text;
}

const runEnvSchema = z.looseObject({
  started_at: z.string(),
  host: z.string(),
  node: z.string(),
  clmm_lab: z.string(),
  workers: z.number().int().positive(),
  data_dir: z.string(),
  real_data_dir: z.string(),
  calibration_path: z.string().nullable(),
  learning_state_path: z.string().nullable(),
});

/** `run_env.json`, checked for the fields a resume reads (other keys are kept as they are). */
export function parseRunEnvFile<T>(path: string, runId: string): T {
  const text = readRunFile(path, runId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(path, 'not JSON', runId);
  }
  const r = runEnvSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw damaged(path, `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`, runId);
  }
  return json as T;
}
