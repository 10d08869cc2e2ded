/**
 * Makes a decision basis safe and stable as JSON: non-integer numbers are rounded to 6 significant
 * digits (so float noise in the last bits never changes an artifact's bytes), non-finite numbers
 * become null, bigints become decimal strings (STYLE: decimal strings at JSON edges), undefined
 * object members are dropped, -0 becomes 0. Integers (ticks, counts) are kept exact.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** Rounds to `digits` significant digits; integers and non-finite values pass through unchanged. */
export function roundSig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || Number.isInteger(x) || x === 0) return x;
  const rounded = Number(x.toPrecision(digits));
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function jsonSafe(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? roundSig(value) + 0 : null; // + 0 turns -0 into 0
    case 'bigint':
      return value.toString();
    case 'boolean':
    case 'string':
      return value;
    case 'object': {
      if (Array.isArray(value)) return value.map(jsonSafe);
      if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, jsonSafe);
      const out: { [k: string]: JsonValue } = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v);
      return out;
    }
    default:
      return null;
  }
}
