/**
 * A number written in decimal, as every numeric setting (flag, environment variable, config file)
 * must be. `Number()` alone also reads hex (`0x10` = 16), binary (`0b1`), octal (`0o7`), `Infinity`
 * and an empty string (0), so a typo would become a value; this accepts an optional sign, digits
 * with an optional fraction, and an optional decimal exponent (`1e12`), nothing else.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The finite number `text` spells in decimal, or undefined. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}
