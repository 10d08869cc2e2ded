/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line is a
 * `# HELP`, a `# TYPE`, a sample or blank; every sample's family has its TYPE line before it (prom-client always writes one); metric and
 * label names follow the format's grammar; label values use only its escapes (\\, \", \n); a
 * value is a Go float (or +Inf / -Inf / NaN); no series appears twice; the text ends with a
 * newline. Anything else throws, naming the line. (The one published parser is unmaintained and
 * lenient; this checks what a Prometheus server would reject.)
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | null;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

function fail(n: number, why: string, line: string): never {
  throw new Error(`prometheus text line ${n}: ${why}: ${JSON.stringify(line)}`);
}

function parseValue(text: string, n: number, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(n, `bad value ${JSON.stringify(text)}`, line);
  return Number(text);
}

/** Labels `{a="x",b="y"}` starting at `line[i] === '{'`; returns them and the index after `}`. */
function parseLabels(line: string, start: number, n: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (line[i] !== '}') {
    const eq = line.indexOf('=', i);
    if (eq < 0) fail(n, 'label without =', line);
    const name = line.slice(i, eq);
    if (!LABEL_NAME.test(name)) fail(n, `bad label name ${JSON.stringify(name)}`, line);
    if (name in labels) fail(n, `label ${name} twice`, line);
    if (line[eq + 1] !== '"') fail(n, 'label value not quoted', line);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = line[j];
      if (c === undefined) fail(n, 'unterminated label value', line);
      if (c === '"') break;
      if (c === '\\') {
        const e = line[j + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else fail(n, `bad escape \\${e ?? ''}`, line);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (line[i] === ',') i++;
    else if (line[i] !== '}') fail(n, 'expected , or } after a label', line);
  }
  return { labels, end: i + 1 };
}

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('prometheus text: does not end with a newline');
  const families = new Map<string, MetricFamily>();
  const seen = new Set<string>();
  const typed = new Set<string>();
  const lines = text.split('\n').slice(0, -1);
  const familyOf = (sampleName: string): MetricFamily | undefined => {
    const direct = families.get(sampleName);
    if (direct !== undefined) return direct;
    for (const f of families.values()) if ((SUFFIXES[f.type] ?? []).some((s) => f.name + s === sampleName)) return f;
    return undefined;
  };
  lines.forEach((line, k) => {
    const n = k + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (m === null) return; // a plain comment
      const [, kind, name, rest] = m as unknown as [string, 'HELP' | 'TYPE', string, string | undefined];
      if (!METRIC_NAME.test(name)) fail(n, `bad metric name ${JSON.stringify(name)}`, line);
      if (kind === 'TYPE') {
        if (rest === undefined || !TYPES.has(rest)) fail(n, `bad type ${JSON.stringify(rest)}`, line);
        const f = families.get(name);
        if (f !== undefined && f.samples.length > 0) fail(n, 'TYPE after samples', line);
        if (typed.has(name)) fail(n, 'TYPE twice', line);
        typed.add(name);
        families.set(name, { name, type: rest as MetricType, help: f?.help ?? null, samples: f?.samples ?? [] });
      } else {
        const f = families.get(name);
        if (f?.help != null) fail(n, 'HELP twice', line);
        if (f === undefined) families.set(name, { name, type: 'untyped', help: rest ?? '', samples: [] });
        else f.help = rest ?? '';
      }
      return;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) fail(n, 'sample without a value', line);
    const name = line.slice(0, nameEnd);
    if (!METRIC_NAME.test(name)) fail(n, `bad metric name ${JSON.stringify(name)}`, line);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (line[i] === '{') ({ labels, end: i } = parseLabels(line, i, n));
    if (line[i] !== ' ') fail(n, 'expected a space before the value', line);
    const parts = line.slice(i + 1).split(' ');
    if (parts.length > 2 || parts[0] === '') fail(n, 'expected a value and an optional timestamp', line);
    const value = parseValue(parts[0]!, n, line);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) fail(n, 'bad timestamp', line);
    const family = familyOf(name);
    if (family === undefined || !typed.has(family.name)) fail(n, `sample of ${name} before its TYPE`, line);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) fail(n, 'series twice', line);
    seen.add(key);
    family!.samples.push({ name, labels, value });
  });
  return families;
}

/** The value of one series (labels must match exactly), or undefined. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  for (const f of families.values()) for (const s of f.samples) if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want) return s.value;
  return undefined;
}
