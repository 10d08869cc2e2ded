/**
 * The SQLite cache backend (better-sqlite3): one table of key → text, WAL mode so a campaign can
 * read while the scheduler writes, a busy timeout so two processes queue instead of failing, and
 * BEGIN IMMEDIATE transactions for read-modify-write.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import type { CacheBackend } from './backend.ts';

export function openSqliteBackend(path: string): CacheBackend {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS intel_cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL DEFAULT 0)');
  } catch (cause) {
    throw new ClmmLabError('INTEL_CACHE', `cannot open the SQLite intel cache at ${path}: ${(cause as Error).message}`, { details: { path }, cause });
  }
  const getStmt = db.prepare<[string], { value: string }>('SELECT value FROM intel_cache WHERE key = ?');
  const putStmt = db.prepare('INSERT INTO intel_cache (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
  const delStmt = db.prepare('DELETE FROM intel_cache WHERE key = ?');
  const listStmt = db.prepare<[string, string], { key: string; value: string }>('SELECT key, value FROM intel_cache WHERE key >= ? AND key < ? ORDER BY key');
  let writes = 0;
  const rmw = db.transaction((key: string, fn: (current: string | undefined) => string | undefined) => {
    const current = getStmt.get(key)?.value;
    const next = fn(current);
    if (next === undefined) delStmt.run(key);
    else putStmt.run(key, next, ++writes);
    return next;
  });

  function guard<T>(what: string, f: () => T): T {
    try {
      return f();
    } catch (cause) {
      if (cause instanceof ClmmLabError) throw cause;
      throw new ClmmLabError('INTEL_CACHE', `SQLite intel cache ${what} failed: ${(cause as Error).message}`, { details: { path }, cause });
    }
  }

  return {
    kind: 'sqlite',
    location: path,
    get: async (key) => guard('read', () => getStmt.get(key)?.value),
    update: async (key, fn) => guard('write', () => rmw.immediate(key, fn)),
    // keys are ASCII, so every key with the prefix sorts in [prefix, prefix + U+FFFF)
    list: async (prefix) => guard('list', () => listStmt.all(prefix, `${prefix}\uffff`).map((r) => [r.key, r.value] as [string, string])),
    delete: async (key) => guard('delete', () => delStmt.run(key).changes > 0),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
