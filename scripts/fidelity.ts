/**
 * Differential fidelity test of the engine against Uniswap v3-core on an in-process EVM:
 *   node --import tsx scripts/fidelity.ts --ops N --seed S
 * Prints progress to stderr and ends with `ops: N, mismatches: M`; exits 1 on a mismatch (after
 * printing the first one in full) and 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { describeMismatch, runFidelity } from '../test/fidelity/runner.ts';

const USAGE = 'usage: node --import tsx scripts/fidelity.ts --ops N --seed S [--full-check-every K]\n' +
  '  N: pool calls to run (a positive integer), S: seed (an integer in [0, 2^32)),\n' +
  '  K: compare every tracked tick and position after every K-th op (default 1: after every op)';

function fail(message: string): never {
  process.stderr.write(`fidelity: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integerArg(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) fail(`--${name} is required`);
  if (!/^\d+$/.test(value)) fail(`--${name} must be a non-negative decimal integer, got '${value}'`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(`--${name} must be in [${min}, ${max}], got ${value}`);
  return n;
}

let values: { ops?: string; seed?: string; 'full-check-every'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { ops: { type: 'string' }, seed: { type: 'string' }, 'full-check-every': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const ops = integerArg('ops', values.ops, 1, 10_000_000);
const seed = integerArg('seed', values.seed, 0, 2 ** 32 - 1);
const fullCheckEvery = values['full-check-every'] === undefined ? 1 : integerArg('full-check-every', values['full-check-every'], 1, 1_000_000);

const result = await runFidelity({
  ops,
  seed,
  fullCheckEvery,
  onProgress: (p) => {
    const rate = p.elapsedMs > 0 ? Math.round((p.calls / p.elapsedMs) * 1000) : 0;
    process.stderr.write(`fidelity: ${p.calls}/${p.total} ops, ${p.mismatches} mismatches, ${(p.elapsedMs / 1000).toFixed(1)} s, ${rate} ops/s\n`);
  },
});
if (result.firstMismatch !== null) process.stdout.write(`${describeMismatch(result.firstMismatch)}\n`);
process.stdout.write(`ops: ${result.ops}, mismatches: ${result.mismatches}\n`);
process.exit(result.mismatches > 0 ? 1 : 0);
