/**
 * Field readers shared by the recorded-data parsers. The files are plain comma-separated text without
 * quoting (data README §5); integers may be written as floats (`199045.0`), amounts exceed 2^53 and
 * are read exactly as bigints, and timestamps are `YYYY-MM-DD HH:MM:SS` in UTC. Each reader reports
 * the file, line and column of a bad value; a last row without its newline is a truncated file.
 */
import { ReplayDataError } from './ReplayDataError.ts';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows as field arrays; `lineOf(i)` is row i's 1-based line in the file. */
  rows: string[][];
  lineOf(row: number): number;
  /** Index of a column, or an error naming the file and the missing column. */
  column(name: string, ...aliases: string[]): number;
}

export function readCsv(text: string, file: string): CsvTable {
  const lines = text.split('\n');
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  if (lines.length === 0) throw new ReplayDataError({ file, problem: 'is empty (no header line)' });
  // Every recorded file ends its last row with a newline; a file cut inside its last field still has
  // the right number of fields (`...,1245` of `...,12453647101533358277`), so only the missing
  // newline tells it was truncated.
  if (!endsWithNewline && lines.length > 1) {
    throw new ReplayDataError({ file, line: lines.length, problem: 'the file ends inside this row (no newline after it): it was cut short; fetch or copy it again' });
  }
  const strip = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  const header = strip(lines[0]!).split(',').map((h) => h.trim());
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = strip(lines[i]!).split(',');
    if (fields.length !== header.length) {
      throw new ReplayDataError({ file, line: i + 1, problem: `has ${fields.length} fields, the header has ${header.length}` });
    }
    rows.push(fields);
  }
  return {
    file,
    header,
    rows,
    lineOf: (row) => row + 2,
    column(name, ...aliases) {
      for (const candidate of [name, ...aliases]) {
        const index = header.indexOf(candidate);
        if (index >= 0) return index;
      }
      throw new ReplayDataError({ file, line: 1, column: name, problem: `missing column "${name}"${aliases.length > 0 ? ` (or ${aliases.join(', ')})` : ''}; header is ${header.join(',')}` });
    },
  };
}

const INTEGER = /^-?\d+$/;
const INTEGER_AS_FLOAT = /^-?\d+(\.0*)?$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export interface FieldAt {
  table: CsvTable;
  row: number;
  column: number;
}

function fail(at: FieldAt, problem: string): never {
  throw new ReplayDataError({ file: at.table.file, line: at.table.lineOf(at.row), column: at.table.header[at.column], problem });
}

function raw(at: FieldAt): string {
  return at.table.rows[at.row]![at.column]!.trim();
}

/** An exact integer (bigint); `min` bounds it from below. */
export function bigintField(at: FieldAt, min?: bigint): bigint {
  const text = raw(at);
  if (!INTEGER.test(text)) fail(at, `expected an integer, got "${text}"`);
  const value = BigInt(text);
  if (min !== undefined && value < min) fail(at, `expected an integer >= ${min}, got ${text}`);
  return value;
}

/** A safe integer, also accepted in float form with a zero fraction (`199045.0`). */
export function intField(at: FieldAt): number {
  const text = raw(at);
  if (!INTEGER_AS_FLOAT.test(text)) fail(at, `expected an integer (e.g. 199045 or 199045.0), got "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) fail(at, `integer out of range: ${text}`);
  return value;
}

export function optionalIntField(at: FieldAt): number | null {
  return raw(at) === '' ? null : intField(at);
}

export function optionalBigintField(at: FieldAt, min?: bigint): bigint | null {
  return raw(at) === '' ? null : bigintField(at, min);
}

export function textField(at: FieldAt): string {
  return raw(at);
}

/** Seconds since the Unix epoch of a `YYYY-MM-DD HH:MM:SS` UTC timestamp (no Date: the core has no clock). */
export function timestampField(at: FieldAt): number {
  const text = raw(at);
  const m = TIMESTAMP.exec(text);
  if (m === null) fail(at, `expected a UTC timestamp YYYY-MM-DD HH:MM:SS, got "${text}"`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) fail(at, `not a valid date and time: "${text}"`);
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
