/**
 * Dune query ids, set per user: a query id belongs to the account that saved the SQL (the
 * shipped `queries/<name>.sql`), so ids live in config, never in code. Sources, later wins:
 * `<dataDir>/intel/query_ids.json` (if present) < `DUNE_QUERY_IDS` (inline `name=id,...`)
 * < `--query-ids FILE`. JSON files are a flat object `{ "gas_regime": 1234567, ... }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { Registry } from './registry.ts';

export type QueryIds = ReadonlyMap<string, number>;

function bad(source: string, field: string, expected: string, got?: unknown): ClmmLabError {
  const shown = got === undefined ? '' : `, got ${JSON.stringify(got)}`;
  return new ClmmLabError('INTEL_QUERY_IDS', `${source}: ${field}: expected ${expected}${shown}`, { details: { source, field, expected, got } });
}

function checkEntry(registry: Registry, source: string, name: string, id: unknown): [string, number] {
  if (!registry.has(name)) throw bad(source, name, `a registered query name (see clmm-lab intel registry)`);
  const n = typeof id === 'string' && /^\d+$/.test(id.trim()) ? Number(id.trim()) : id;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw bad(source, name, 'a positive integer Dune query id', id);
  return [name, n];
}

export function parseQueryIdsJson(registry: Registry, text: string, source: string): Map<string, number> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClmmLabError('INTEL_QUERY_IDS', `${source}: not JSON (${(cause as Error).message})`, { details: { source }, cause });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad(source, '(root)', 'an object of query name → id');
  return new Map(Object.entries(json as Record<string, unknown>).map(([k, v]) => checkEntry(registry, source, k, v)));
}

export function parseQueryIdsInline(registry: Registry, text: string, source = 'DUNE_QUERY_IDS'): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw bad(source, part, 'name=id');
    const [name, id] = checkEntry(registry, source, part.slice(0, eq).trim(), part.slice(eq + 1));
    out.set(name, id);
  }
  return out;
}

export function defaultQueryIdsPath(dataDir: string): string {
  return join(dataDir, 'intel', 'query_ids.json');
}

export function loadQueryIds(p: { registry: Registry; dataDir: string; inline?: string; file?: string }): { ids: QueryIds; sources: string[] } {
  const ids = new Map<string, number>();
  const sources: string[] = [];
  const defaultFile = defaultQueryIdsPath(p.dataDir);
  if (existsSync(defaultFile)) {
    for (const [k, v] of parseQueryIdsJson(p.registry, readFileSync(defaultFile, 'utf8'), defaultFile)) ids.set(k, v);
    sources.push(defaultFile);
  }
  if (p.inline !== undefined && p.inline.trim() !== '') {
    for (const [k, v] of parseQueryIdsInline(p.registry, p.inline)) ids.set(k, v);
    sources.push('DUNE_QUERY_IDS');
  }
  if (p.file !== undefined) {
    if (!existsSync(p.file)) throw bad('--query-ids', 'file', 'an existing JSON file', p.file);
    for (const [k, v] of parseQueryIdsJson(p.registry, readFileSync(p.file, 'utf8'), p.file)) ids.set(k, v);
    sources.push(p.file);
  }
  return { ids, sources };
}
