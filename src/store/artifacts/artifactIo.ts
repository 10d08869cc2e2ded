/**
 * Writing and reading typed artifacts. A writer builds a typed value, `artifactText` /
 * `artifactLine` validate it against its strict schema (an unknown key is an error) and then
 * serialise the writer's OWN value, never the parse output, so validation never reorders, adds or
 * drops a byte. Readers parse with the same schema; a failure is a named error naming the file (and
 * the line of a JSONL file), and a `schema_version` other than the one this code writes is
 * ARTIFACT_VERSION.
 */
import type { z } from 'zod';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { toJsonText } from '../atomicWrite.ts';

/** The `schema_version` every artifact carries. */
export const SCHEMA_VERSION = 1;

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  return { field: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'), message: issue.message };
}

function checkOnWrite(schema: z.ZodType, value: unknown, name: string): void {
  const r = schema.safeParse(value);
  if (r.success) return;
  const { field, message } = firstIssue(r.error);
  throw new ClmmLabError('ARTIFACT_WRITE_INVALID', `${name}: ${field}: ${message} (not written)`, { details: { file: name, field, issues: r.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) } });
}

/** Pretty JSON text of an artifact file (toJsonText), after validating the value. */
export function artifactText<S extends z.ZodType>(schema: S, value: z.infer<S>, name: string): string {
  checkOnWrite(schema, value, name);
  return toJsonText(value);
}

/** One JSONL line (with its newline), after validating the value. */
export function artifactLine<S extends z.ZodType>(schema: S, value: z.infer<S>, name: string): string {
  checkOnWrite(schema, value, name);
  return `${JSON.stringify(value)}\n`;
}

/** Where a value came from, for messages: a file, optionally a line of it. */
interface Origin {
  file: string;
  line?: number;
}

function where(o: Origin): string {
  return o.line === undefined ? o.file : `${o.file} line ${o.line}`;
}

/** Validates parsed JSON; a schema_version mismatch is ARTIFACT_VERSION, anything else ARTIFACT_INVALID. */
export function parseArtifactValue<S extends z.ZodType>(schema: S, json: unknown, origin: Origin): z.infer<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const versionIssue = r.error.issues.find((i) => i.path.length === 1 && i.path[0] === 'schema_version');
  if (versionIssue !== undefined) {
    const got = json !== null && typeof json === 'object' ? (json as { schema_version?: unknown }).schema_version : undefined;
    const found = got === undefined ? 'no schema_version (written by an older clmm-lab)' : `schema_version ${JSON.stringify(got)}`;
    throw new ClmmLabError('ARTIFACT_VERSION', `${where(origin)}: ${found}; this clmm-lab reads schema_version ${SCHEMA_VERSION} (re-run the campaign with this version)`, { details: { ...origin, field: 'schema_version', got, expected: SCHEMA_VERSION } });
  }
  const { field, message } = firstIssue(r.error);
  throw new ClmmLabError('ARTIFACT_INVALID', `${where(origin)}: ${field}: ${message}`, { details: { ...origin, field } });
}

/** Parses and validates one JSON artifact file's text. */
export function readArtifact<S extends z.ZodType>(schema: S, text: string, file: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClmmLabError('ARTIFACT_INVALID', `${file}: not JSON (${(cause as Error).message})`, { details: { file, field: '(root)' }, cause });
  }
  return parseArtifactValue(schema, json, { file });
}

/**
 * Parses and validates a JSONL artifact's text, line by line (1-based line numbers in errors).
 * The text after the last newline is a write cut by SIGKILL and is ignored; blank lines are skipped.
 */
export function readArtifactLines<S extends z.ZodType>(schema: S, text: string, file: string): Array<z.infer<S>> {
  const lines = text.split('\n').slice(0, -1);
  const out: Array<z.infer<S>> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (cause) {
      throw new ClmmLabError('ARTIFACT_INVALID', `${file} line ${i + 1}: not JSON (${(cause as Error).message})`, { details: { file, line: i + 1, field: '(root)' }, cause });
    }
    out.push(parseArtifactValue(schema, json, { file, line: i + 1 }));
  }
  return out;
}
