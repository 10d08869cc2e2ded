/**
 * Reads the recorded market data (`--real-data DIR` / CLMM_REAL_DATA, default ../shared/data/real;
 * data README) from disk for the replay market. Only this adapter touches the file system: the parsers
 * and the replay itself (src/market/replay/) take file contents, so the pure core stays pure.
 *
 * Which files replay, in which order (episode i replays window i mod windowCount):
 * 1. Ethereum USDC/WETH 0.05% (0x88e6…5640), 2024-01-05: the minute bars with the same day's event
 *    log, so its four six-hour windows replay the recorded swaps exactly. It is the pool the simulator
 *    defaults to, and its minute file matches its event file exactly (README §2).
 * 2. The Polygon USDC.e/WETH 0.05% minute bars (44 days: Jul–Aug 2022 trending, Aug 2023 quiet days and
 *    a crash, Feb 2024 calm, Jul 2025 thin), flow from the bars' volumes. Same decimals (6/18) as the
 *    default pool; their volume is rescaled to the simulated liquidity (MarketConfig.replay).
 * Other chains' or pools' minute files found in the folder come after, by chain, pool and date.
 * Every bad file or row is a REAL_DATA_MISSING error naming the file, line and column.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { MarketConfig } from '../market/marketConfig.ts';
import { parseEventLog, type RecordedEvent } from '../market/replay/eventLog.ts';
import { parseMinuteBars, type MinuteBar } from '../market/replay/minuteBars.ts';
import { daysFromCivil } from '../market/replay/csvFields.ts';
import { replayEpisodeMarkets as replayFromSources, type ReplayEpisodeMarketsReturnType, type ReplaySource } from '../market/replay/replayEpisodeMarkets.ts';
import type { Rng } from '../market/Rng.ts';

export const REAL_DATA_ENV = 'CLMM_REAL_DATA';
export const DEFAULT_REAL_DATA_DIR = '../shared/data/real';
/** The folders of the data README that hold minute bars, in preference order. */
export const MINUTE_BAR_FOLDERS = ['zelos-alpha-demeter-fetch', 'zelos-alpha-demeter'] as const;
/** The preferred pool (DESIGN default pool; README §1). */
export const PREFERRED_POOL = { chain: 'ethereum', pool: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640' } as const;

const MINUTE_FILE = /^([a-z0-9]+)-(0x[0-9a-f]{40})-(\d{4})-(\d{2})-(\d{2})\.minute\.csv$/;

export interface MinuteBarFile {
  path: string;
  name: string;
  chain: string;
  pool: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** UTC seconds of the day's 00:00. */
  dayStart: number;
  bars: MinuteBar[];
}

/**
 * The data folder: `dir` (a flag or CLMM_REAL_DATA value, relative values against `baseDir`), or the
 * default `../shared/data/real` against `baseDir`. A missing folder is a named error.
 */
export function resolveRealDataDir(params: { dir?: string | undefined; baseDir: string }): string {
  const chosen = params.dir === undefined || params.dir === '' ? DEFAULT_REAL_DATA_DIR : params.dir;
  const dir = resolve(params.baseDir, chosen);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ClmmLabError('REAL_DATA_MISSING', `recorded data folder not found: ${dir} (set --real-data or ${REAL_DATA_ENV})`, { details: { dir } });
  }
  return dir;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClmmLabError('REAL_DATA_MISSING', `cannot read recorded data file ${path}: ${(error as Error).message}`, { details: { file: path }, cause: error });
  }
}

/** Every `<chain>-<pool>-<YYYY-MM-DD>.minute.csv` directly in `dir`, parsed, by chain, pool and date. */
export function loadMinuteBars(dir: string): MinuteBarFile[] {
  if (!existsSync(dir)) throw new ClmmLabError('REAL_DATA_MISSING', `recorded data folder not found: ${dir}`, { details: { dir } });
  const out: MinuteBarFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = MINUTE_FILE.exec(name);
    if (m === null) continue;
    const [, chain, pool, year, month, day] = m as unknown as [string, string, string, string, string, string];
    const path = join(dir, name);
    out.push({ path, name, chain, pool, date: `${year}-${month}-${day}`, dayStart: daysFromCivil(Number(year), Number(month), Number(day)) * 86_400, bars: parseMinuteBars(readText(path), path) });
  }
  return out;
}

/** A decoded event log (`*.tick.csv` / `*.pool.tick.csv`). */
export function loadEventLog(file: string): RecordedEvent[] {
  if (!existsSync(file)) throw new ClmmLabError('REAL_DATA_MISSING', `recorded event log not found: ${file}`, { details: { file } });
  return parseEventLog(readText(file), file);
}

/** The replay sources of a data folder, in the order described at the top of this file. */
export function loadReplaySources(dataDir: string): ReplaySource[] {
  const files: MinuteBarFile[] = [];
  for (const folder of MINUTE_BAR_FOLDERS) {
    const dir = join(dataDir, folder);
    if (existsSync(dir)) files.push(...loadMinuteBars(dir));
  }
  if (files.length === 0) {
    throw new ClmmLabError('REAL_DATA_MISSING', `no minute-bar files (*.minute.csv) under ${dataDir} in ${MINUTE_BAR_FOLDERS.join(' or ')}`, { details: { dir: dataDir } });
  }
  const rank = (f: MinuteBarFile) => (f.chain === PREFERRED_POOL.chain && f.pool === PREFERRED_POOL.pool ? 0 : 1);
  files.sort((a, b) => rank(a) - rank(b) || compare(a.chain, b.chain) || compare(a.pool, b.pool) || compare(a.date, b.date));
  return files.map((f) => {
    const eventFile = join(dirname(f.path), basename(f.path).replace(/\.minute\.csv$/, '.tick.csv'));
    return { name: f.name, chain: f.chain, pool: f.pool, dayStart: f.dayStart, bars: f.bars, events: existsSync(eventFile) ? loadEventLog(eventFile) : null };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ReplayEpisodeMarketsFromDirParameters {
  dataDir: string;
  horizonSeconds: number;
  blockSeconds: number;
  config: MarketConfig;
  rng: Rng;
}

/** The replay market of a data folder: windows, their count, and each episode's market. */
export function replayEpisodeMarkets(p: ReplayEpisodeMarketsFromDirParameters): ReplayEpisodeMarketsReturnType {
  const sources = loadReplaySources(p.dataDir);
  return replayFromSources({ sources, horizonSeconds: p.horizonSeconds, blockSeconds: p.blockSeconds, config: p.config, rng: p.rng });
}

/**
 * A fingerprint of the recorded data a replay reads: every CSV file's relative name, size and
 * content sha256, so a changed byte (not only a changed size) changes it.
 */
export function realDataFingerprint(dir: string): string {
  const entries: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, `${rel}${name}/`);
      else if (name.endsWith('.csv')) entries.push(`${rel}${name}:${st.size}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(dir, '');
  return createHash('sha256').update(entries.join('\n'), 'utf8').digest('hex');
}

/** On resume: the data folder must hold the bytes the run started with (REAL_DATA_CHANGED otherwise). */
export function checkRealDataFingerprint(params: { dir: string; expected: string; runId: string }): void {
  const dir = resolveRealDataDir({ dir: params.dir, baseDir: process.cwd() });
  if (realDataFingerprint(dir) !== params.expected) {
    throw new ClmmLabError('REAL_DATA_CHANGED', `the recorded data in ${dir} differs from what run ${params.runId} started with (its CSV files' names, sizes or contents changed); resume with --real-data pointing at the original data, or start a new run`, { details: { dir, runId: params.runId, field: 'real_data_fingerprint' } });
  }
}
