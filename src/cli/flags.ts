/** Parsers for command-line flag values: each rejects bad input with a BAD_FLAG error naming the flag. */
import { badInput } from '../errors/ClmmLabError.ts';

export function intFlag(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const trimmed = value.trim();
    if (!/^-?\d+$/.test(trimmed)) throw badInput('BAD_FLAG', flag, `an integer in [${min}, ${max}]`, value);
    const n = Number(trimmed);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw badInput('BAD_FLAG', flag, `an integer in [${min}, ${max}]`, value);
    return n;
  };
}
