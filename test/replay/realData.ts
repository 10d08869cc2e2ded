/**
 * Locates the read-only recorded market data (`/work/shared/data/real` in the lab). Kept out of
 * src/clmm because the pure core may not touch the file system or the environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable overriding the data directory. */
export const REAL_DATA_ENV = 'CLMM_REAL_DATA';

/** The genesis event log of Ethereum USDC/WETH 0.3% (data README §4), relative to the data directory. */
export const GENESIS_EVENTS_FILE = 'uniswap-v3-polars/ethereum-0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8-genesis-2021-05-04_05.events.csv';

/**
 * The data directory: $CLMM_REAL_DATA if set (relative values resolve against the repo root),
 * else `../shared/data/real` relative to the repo root. The repo root is passed in (derived from
 * the caller's own file URL) so the result does not depend on the working directory.
 */
export function realDataDir(repoRoot: URL): string {
  const root = fileURLToPath(repoRoot);
  const fromEnv = process.env[REAL_DATA_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return isAbsolute(fromEnv) ? fromEnv : resolve(root, fromEnv);
  return resolve(root, '../shared/data/real');
}

/** Reads a data file, failing with a message that says how to point the tests at the data. */
export function readRealDataFile(repoRoot: URL, relativePath: string): { path: string; text: string } {
  const dir = realDataDir(repoRoot);
  const path = join(dir, relativePath);
  if (!existsSync(path)) {
    throw new Error(`recorded data file not found: ${path}\n  set ${REAL_DATA_ENV} to the directory holding the recorded data (default ../shared/data/real relative to the repo root)`);
  }
  return { path, text: readFileSync(path, 'utf8') };
}
