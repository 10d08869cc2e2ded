/**
 * The one way every command finds its data dir: `--data-dir` > CLMM_DATA_DIR > `./data`, made
 * absolute against the working directory. An empty value counts as unset.
 */
import { resolve } from 'node:path';

export const DEFAULT_DATA_DIR = 'data';

export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.CLMM_DATA_DIR;
  const chosen = flag !== undefined && flag !== '' ? flag : fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_DATA_DIR;
  return resolve(chosen);
}
