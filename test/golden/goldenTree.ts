/**
 * The golden run: two small campaigns (simulated market and recorded-data replay) whose
 * deterministic trees are hashed file by file and committed in `test/golden/golden-run.json`.
 * `goldenRun.test.ts` runs them again and compares. Each file has two hashes: `sha256` of its bytes,
 * and `normalized_sha256` of its bytes with the fields in `ALLOWED_CHANGES` removed (JSON and JSONL
 * files), so a change that may touch only those fields shows up as a full-hash difference with an
 * equal normalized hash. Regenerate with `npm run golden:update` when a change of outputs is on
 * purpose, and say why in the commit (docs/runbook.md, "The golden run").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deterministicTree, ROOT, runInProcess } from '../campaign/campaignHarness.ts';

export interface GoldenCase {
  name: string;
  args: string[];
}

/** The run id carries a time, so the simulated clock starts there. */
export const GOLDEN_RUN_ID = 'run_20250601_120000';

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'sim', args: ['--episodes', '16', '--lanes', '4', '--horizon-s', '3600', '--seed', '42'] },
  { name: 'replay', args: ['--market', 'replay', '--episodes', '8', '--lanes', '2', '--seed', '7'] },
];

/**
 * Keys that the run-pipeline issue (#10) was allowed to change or add: the fixed EV-gate fields,
 * the recorded mode and source, and `schema_version`; plus the content fingerprint of the recorded
 * data (#11); and the hashes of files that gained those keys: `config_hash` (sha256 of
 * run_config.json) and `intel_snapshot_sha256` (of intel_snapshot.json). Files that are new are
 * listed in `NEW_FILES`.
 */
export const ALLOWED_CHANGES = ['ev_gate_passed', 'ev_gate_blocked', 'source', 'exec_mode', 'executor', 'schema_version', 'real_data_fingerprint', 'config_hash', 'intel_snapshot_sha256'] as const;
export const NEW_FILES = ['events.jsonl'] as const;

export interface GoldenFile {
  sha256: string;
  normalized_sha256: string;
}

export type GoldenTree = Record<string, GoldenFile>;

export interface GoldenRecord {
  cases: Record<string, GoldenTree>;
}

export const GOLDEN_PATH = join(ROOT, 'test', 'golden', 'golden-run.json');

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!(ALLOWED_CHANGES as readonly string[]).includes(k)) out[k] = strip(v);
    return out;
  }
  return value;
}

/** The file's bytes with the allowed keys removed (JSON and JSONL); other files as they are. */
export function normalize(name: string, text: string): string {
  if (name.endsWith('.jsonl')) return text.split('\n').map((line) => (line === '' ? line : JSON.stringify(strip(JSON.parse(line))))).join('\n');
  if (name.endsWith('.json')) return JSON.stringify(strip(JSON.parse(text)));
  return text;
}

export function hashTree(runRoot: string): GoldenTree {
  const out: GoldenTree = {};
  for (const [name, text] of deterministicTree(runRoot)) out[name] = { sha256: sha256(text), normalized_sha256: sha256(normalize(name, text)) };
  return out;
}

/** Runs one golden case into `dataDir` and hashes its tree. */
export async function runGoldenCase(c: GoldenCase, dataDir: string): Promise<GoldenTree> {
  const r = await runInProcess(['campaign', '--data-dir', dataDir, '--run-id', GOLDEN_RUN_ID, '--workers', '2', ...c.args]);
  if (r.code !== 0) throw new Error(`golden case ${c.name} exited ${r.code}: ${r.err}\n${r.out}`);
  return hashTree(join(dataDir, 'runs', GOLDEN_RUN_ID));
}

export function readGolden(): GoldenRecord {
  return JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as GoldenRecord;
}

/** The differences between a golden tree and a fresh one: `normalized` ones are failures; `bytes` ones are allowed-field changes. */
export function compareTrees(golden: GoldenTree, fresh: GoldenTree): { normalized: string[]; bytes: string[] } {
  const normalized: string[] = [];
  const bytes: string[] = [];
  const names = [...new Set([...Object.keys(golden), ...Object.keys(fresh)])].sort();
  for (const n of names) {
    const g = golden[n];
    const f = fresh[n];
    const isNew = (NEW_FILES as readonly string[]).includes(n.split('/').pop()!);
    if (g === undefined) {
      if (isNew) bytes.push(`new: ${n}`);
      else normalized.push(`only in the fresh run: ${n}`);
    } else if (f === undefined) normalized.push(`missing from the fresh run: ${n}`);
    else if (g.normalized_sha256 !== f.normalized_sha256) normalized.push(`differs beyond the allowed fields: ${n}`);
    else if (g.sha256 !== f.sha256) bytes.push(`allowed fields differ: ${n}`);
  }
  return { normalized, bytes };
}
