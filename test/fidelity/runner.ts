/**
 * The differential fidelity run: every op goes to v3-core on the EVM and to the engine's Pool, and
 * after each one the outcomes (ok or revert code, and return values) and the pool states (slot0,
 * liquidity, fee growth, protocol fees, balances, every tracked tick and position) are compared.
 *
 * After a pool's first mismatch its two sides no longer describe the same state, so further
 * differences there would only echo the first: that pool is not compared again until the op list
 * replaces it (`create`). `mismatches` therefore counts divergences, at most one per pool life.
 */
import { Pool } from '../../src/clmm/Pool.ts';
import { coverageTags, positionId, type KnownState } from './coverage.ts';
import { applyToEngine, applyToEvm } from './engineOps.ts';
import { EvmDeployment, type EvmPool } from './EvmPool.ts';
import { generateOps } from './generator.ts';
import { FEE_TIERS, opToJson, show, type FeeTier, type Op, type Outcome, type PoolCallOp } from './ops.ts';
import { diffSnapshots, engineSnapshot, type FieldDiff, type PoolSnapshot, type PositionKey } from './snapshot.ts';

export interface FidelityOptions {
  /** The ops to run, or how many pool calls to generate from `seed`. */
  ops: number | readonly Op[];
  seed: number;
  onProgress?: (p: FidelityProgress) => void;
  /**
   * 1 (default): compare every tracked tick and position after every op. n > 1: after every op
   * compare only what the op can touch (its ticks and position, the ticks a swap crossed), and
   * everything after every n-th op and before a pool is replaced.
   */
  fullCheckEvery?: number;
  /** Reuse a deployment (tests running several sequences in one process). */
  deployment?: EvmDeployment;
  /** Builds the engine pool of a tier (default `new Pool({ fee })`); tests use it to plant a bug. */
  createEngine?: (fee: FeeTier) => Pool;
}

export interface FidelityProgress {
  calls: number;
  total: number;
  mismatches: number;
  elapsedMs: number;
}

export interface Mismatch {
  /** Index of the op in the op list (`create` ops included). */
  index: number;
  /** 0-based ordinal among pool calls. */
  call: number;
  op: Op;
  /** The first differing field (`outcome`, `sqrtPriceX96`, `tick[-60].liquidityNet`, ...). */
  field: string;
  evm: unknown;
  engine: unknown;
  /** Every differing field of this op. */
  diffs: FieldDiff[];
}

export interface FidelityResult {
  /** Pool calls attempted, reverted ones included. */
  ops: number;
  mismatches: number;
  firstMismatch: Mismatch | null;
  /** How often each corner case occurred on the EVM (see coverage.ts). */
  coverage: Record<string, number>;
  elapsedMs: number;
}

interface PoolPair {
  fee: FeeTier;
  evm: EvmPool;
  engine: Pool;
  ticks: number[];
  positions: PositionKey[];
  known: KnownState;
  diverged: boolean;
  sinceFullCheck: number;
}

export async function runFidelity(options: FidelityOptions): Promise<FidelityResult> {
  const started = Date.now();
  const ops = typeof options.ops === 'number' ? generateOps({ count: options.ops, seed: options.seed }) : options.ops;
  const total = ops.filter((op) => op.kind !== 'create').length;
  const fullCheckEvery = options.fullCheckEvery ?? 1;
  const deployment = options.deployment ?? (await EvmDeployment.deploy());
  const createEngine = options.createEngine ?? ((fee: FeeTier) => new Pool({ fee }));
  const pairs = new Map<FeeTier, PoolPair>();
  for (const fee of FEE_TIERS) pairs.set(fee, await newPair(deployment, createEngine(fee)));

  const coverage: Record<string, number> = {};
  let calls = 0;
  let mismatches = 0;
  let firstMismatch: Mismatch | null = null;
  const report = (index: number, op: Op, diffs: FieldDiff[], pair: PoolPair): void => {
    pair.diverged = true;
    mismatches++;
    const first = diffs[0]!;
    firstMismatch ??= { index, call: calls, op, field: first.field, evm: first.evm, engine: first.engine, diffs };
  };

  for (let index = 0; index < ops.length; index++) {
    const op = ops[index]!;
    let pair = pairs.get(op.fee)!;
    if (op.kind === 'create') {
      if (!pair.diverged && pair.sinceFullCheck > 0) {
        const diffs = await compareState(pair, true);
        if (diffs.length > 0) report(index, op, diffs, pair);
      }
      pairs.set(op.fee, await newPair(deployment, createEngine(op.fee)));
      continue;
    }
    pair = pairs.get(op.fee)!;
    const engineTickBefore = pair.engine.slot0.tick;
    const evmOutcome = await applyToEvm(pair.evm, op);
    const engineOutcome = applyToEngine(pair.engine, op);
    if (evmOutcome.ok || engineOutcome.ok) track(pair, op);
    const full = ++pair.sinceFullCheck >= fullCheckEvery;
    const { diffs, before } = await compareAfter(pair, op, full, engineTickBefore, evmOutcome, engineOutcome);
    for (const tag of coverageTags(op, evmOutcome, before, pair.known, pair.evm.tickSpacing)) coverage[tag] = (coverage[tag] ?? 0) + 1;
    if (diffs.length > 0 && !pair.diverged) report(index, op, diffs, pair);
    calls++;
    if (options.onProgress !== undefined && (calls % 250 === 0 || calls === total)) {
      options.onProgress({ calls, total, mismatches, elapsedMs: Date.now() - started });
    }
  }
  return { ops: calls, mismatches, firstMismatch, coverage, elapsedMs: Date.now() - started };
}

async function newPair(deployment: EvmDeployment, engine: Pool): Promise<PoolPair> {
  const fee = engine.fee as FeeTier;
  const evm = await deployment.createPool(fee);
  const snapshot = await evm.read([], []);
  return {
    fee,
    evm,
    engine,
    ticks: [],
    positions: [],
    known: { globals: globalsOf(snapshot), ticks: new Map(), positions: new Map() },
    diverged: false,
    sinceFullCheck: 0,
  };
}

/** Adds the op's ticks and position to the pool's compared set. */
function track(pair: PoolPair, op: PoolCallOp): void {
  if (op.kind !== 'mint' && op.kind !== 'burn' && op.kind !== 'collect') return;
  for (const t of [op.tickLower, op.tickUpper]) {
    if (!pair.known.ticks.has(t) && !pair.ticks.includes(t)) pair.ticks.push(t);
  }
  const id = positionId(op.owner, op.tickLower, op.tickUpper);
  if (!pair.known.positions.has(id) && !pair.positions.some((k) => positionId(k.owner, k.tickLower, k.tickUpper) === id)) {
    pair.positions.push({ owner: op.owner, tickLower: op.tickLower, tickUpper: op.tickUpper });
  }
}

/** Compares outcome and state after `op`; returns the differences and the EVM state known before it. */
async function compareAfter(
  pair: PoolPair,
  op: PoolCallOp,
  full: boolean,
  engineTickBefore: number,
  evmOutcome: Outcome,
  engineOutcome: Outcome,
): Promise<{ diffs: FieldDiff[]; before: KnownState }> {
  const diffs: FieldDiff[] = [];
  if (!sameOutcome(evmOutcome, engineOutcome)) diffs.push({ field: 'outcome', evm: evmOutcome, engine: engineOutcome });
  const before: KnownState = { globals: pair.known.globals, ticks: new Map(pair.known.ticks), positions: new Map(pair.known.positions) };
  let ticks = pair.ticks;
  let positions = pair.positions;
  if (!full) {
    const lo = Math.min(before.globals.tick, engineTickBefore, pair.engine.slot0.tick);
    const hi = Math.max(before.globals.tick, engineTickBefore, pair.engine.slot0.tick);
    const own = op.kind === 'mint' || op.kind === 'burn' || op.kind === 'collect' ? op : null;
    ticks = pair.ticks.filter((t) => (op.kind === 'swap' && t >= lo - 1 && t <= hi + 1) || (own !== null && (t === own.tickLower || t === own.tickUpper)));
    positions = own === null ? [] : pair.positions.filter((k) => k.owner === own.owner && k.tickLower === own.tickLower && k.tickUpper === own.tickUpper);
  }
  diffs.push(...(await compareState(pair, full, ticks, positions)));
  return { diffs, before };
}

/** Reads both sides (all tracked ticks and positions, or the given ones) and records what the EVM showed. */
async function compareState(
  pair: PoolPair,
  full: boolean,
  ticks: readonly number[] = pair.ticks,
  positions: readonly PositionKey[] = pair.positions,
): Promise<FieldDiff[]> {
  const evm = await pair.evm.read(ticks, positions);
  const engine = engineSnapshot(pair.engine, ticks, positions);
  pair.known.globals = globalsOf(evm);
  ticks.forEach((t, i) => pair.known.ticks.set(t, evm.ticks[i]!));
  positions.forEach((k, i) => pair.known.positions.set(positionId(k.owner, k.tickLower, k.tickUpper), evm.positions[i]!));
  if (full) pair.sinceFullCheck = 0;
  return diffSnapshots(evm, engine, ticks, positions);
}

function globalsOf(s: PoolSnapshot): KnownState['globals'] {
  const { ticks: _t, positions: _p, ...globals } = s;
  return globals;
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.ok !== b.ok) return false;
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.code === b.code;
  if (a.result === null || b.result === null) return a.result === b.result;
  return a.result.amount0 === b.result.amount0 && a.result.amount1 === b.result.amount1;
}

/** A multi-line description of a mismatch, for people. */
export function describeMismatch(m: Mismatch): string {
  const lines = [
    `first mismatch at op #${m.index} (pool call ${m.call}): ${opToJson(m.op)}`,
    `  field:  ${m.field}`,
    `  evm:    ${show(m.evm)}`,
    `  engine: ${show(m.engine)}`,
  ];
  if (m.diffs.length > 1) {
    lines.push(`  all ${m.diffs.length} differing fields:`);
    for (const d of m.diffs) lines.push(`    ${d.field}: evm ${show(d.evm)} / engine ${show(d.engine)}`);
  }
  return lines.join('\n');
}
