/**
 * Seeded random op sequences for the fidelity test, spread over the four fee tiers.
 *
 * Each tier's pool lives for a random number of calls and is then replaced by a fresh one (`create`),
 * so a run sees many initial prices (near MIN_TICK and MAX_TICK too), liquidity scales (tiny, normal,
 * huge enough to wrap tokensOwed) and ops before initialize. To pick sensible arguments (a burn of
 * what is held, a price limit near the price) the generator keeps a model of each pool: an engine
 * Pool it applies its own ops to. Errors in that model only make the choices less apt; the fidelity
 * runner, not the generator, decides what is right.
 *
 * Swap cost on the EVM grows with the number of 256-tick bitmap words walked, so price limits are
 * kept within MAX_WALK_WORDS words of the price except for rare long walks (LONG_WALK_WORDS).
 */
import { Pool } from '../../src/clmm/Pool.ts';
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from '../../src/clmm/TickMath.ts';
import { createRng, type Rng } from '../../src/market/Rng.ts';
import { applyToEngine } from './engineOps.ts';
import { FEE_TIERS, TICK_SPACING, type FeeTier, type Op, type PayAdjust, type PoolCallOp } from './ops.ts';

export const OWNERS = ['alice', 'bob', 'carol'] as const;
const MAX_UINT128 = (1n << 128n) - 1n;
const MAX_WALK_WORDS = 12;
const LONG_WALK_WORDS = 80;
const MAX_RANGES_PER_LIFE = 10;

export interface GeneratorOptions {
  /** Pool calls to generate (`create` ops come on top). */
  count: number;
  seed: number;
  /** Probability that a swap may walk to the extreme price whatever the distance (default 0.002). */
  longWalkChance?: number;
}

type PricePlacement = 'normal' | 'nearMin' | 'nearMax' | 'atMin' | 'atMax' | 'anywhere';
type Scale = 'normal' | 'tiny' | 'huge';

interface Range {
  tickLower: number;
  tickUpper: number;
}

/** One pool of a tier, from `create` to the next `create`. */
class Life {
  readonly model: Pool;
  readonly spacing: number;
  readonly minUsable: number;
  readonly maxUsable: number;
  readonly placement: PricePlacement;
  readonly scale: Scale;
  readonly ranges: Range[] = [];
  remaining: number;
  private preInit: number;

  constructor(
    readonly fee: FeeTier,
    private readonly rng: Rng,
    private readonly longWalkChance: number,
  ) {
    this.model = new Pool({ fee });
    this.spacing = TICK_SPACING[fee];
    this.minUsable = Math.ceil(MIN_TICK / this.spacing) * this.spacing;
    this.maxUsable = Math.floor(MAX_TICK / this.spacing) * this.spacing;
    this.placement = pick(rng, [
      ['normal', 50],
      ['nearMin', 12],
      ['nearMax', 12],
      ['atMin', 3],
      ['atMax', 3],
      ['anywhere', 10],
    ]);
    this.scale = pick(rng, [
      ['normal', 60],
      ['tiny', 15],
      ['huge', 25],
    ]);
    this.remaining = rng.int(40, 260);
    this.preInit = rng.chance(0.4) ? rng.int(1, 3) : 0;
  }

  get tick(): number {
    return this.model.slot0.tick;
  }

  /** The next op(s) of this life. */
  next(): PoolCallOp[] {
    const r = this.rng;
    if (this.model.slot0.sqrtPriceX96 === 0n) {
      if (this.preInit > 0) {
        this.preInit--;
        return [this.beforeInitialize()];
      }
      if (r.chance(0.08)) return [{ kind: 'initialize', fee: this.fee, sqrtPriceX96: r.chance(0.5) ? MIN_SQRT_RATIO - 1n - r.bigBits(8) : MAX_SQRT_RATIO + r.bigBits(8) }];
      return [{ kind: 'initialize', fee: this.fee, sqrtPriceX96: this.initialPrice() }];
    }
    const kind = pick(r, [
      ['mint', 30],
      ['burn', 14],
      ['collect', 10],
      ['swap', 38],
      ['setFeeProtocol', 3],
      ['collectProtocol', 3],
      ['initialize', 1],
      ['special', 1],
    ]);
    switch (kind) {
      case 'mint':
        return r.chance(0.06) ? this.ladder() : [this.mint()];
      case 'burn':
        return [this.burn()];
      case 'collect':
        return [this.collect()];
      case 'swap':
        return [this.swap()];
      case 'setFeeProtocol':
        return [this.setFeeProtocol()];
      case 'collectProtocol':
        return [this.collectProtocol()];
      case 'initialize':
        return [{ kind: 'initialize', fee: this.fee, sqrtPriceX96: this.initialPrice() }]; // AI
      case 'special':
        return this.special();
    }
  }

  /** Any call before initialize: LOK, or AS for a swap of 0 (the AS check comes first). */
  private beforeInitialize(): PoolCallOp {
    const r = this.rng;
    const range = { tickLower: -this.spacing, tickUpper: this.spacing };
    const owner = this.owner();
    switch (r.int(0, 6)) {
      case 0:
        return { kind: 'mint', fee: this.fee, owner, ...range, amount: 1000n };
      case 1:
        return { kind: 'burn', fee: this.fee, owner, ...range, amount: r.chance(0.5) ? 0n : 5n };
      case 2:
        return { kind: 'collect', fee: this.fee, owner, ...range, amount0Requested: MAX_UINT128, amount1Requested: MAX_UINT128 };
      case 3:
        return { kind: 'swap', fee: this.fee, zeroForOne: r.chance(0.5), amountSpecified: r.chance(0.5) ? 0n : 1000n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n };
      case 4:
        return { kind: 'setFeeProtocol', fee: this.fee, feeProtocol0: 4, feeProtocol1: 5 };
      case 5:
        return { kind: 'collectProtocol', fee: this.fee, amount0Requested: 1n, amount1Requested: 1n };
      default:
        return { kind: 'swap', fee: this.fee, zeroForOne: true, amountSpecified: 0n, sqrtPriceLimitX96: 0n };
    }
  }

  private initialPrice(): bigint {
    const r = this.rng;
    switch (this.placement) {
      case 'atMin':
        return MIN_SQRT_RATIO + (r.chance(0.5) ? 0n : r.bigBits(4));
      case 'atMax':
        return MAX_SQRT_RATIO - 1n - (r.chance(0.5) ? 0n : r.bigBits(4));
      case 'nearMin':
        return priceInTick(r, r.int(MIN_TICK, MIN_TICK + 4000));
      case 'nearMax':
        return priceInTick(r, r.int(MAX_TICK - 4000, MAX_TICK - 1));
      case 'anywhere':
        return priceInTick(r, r.int(MIN_TICK, MAX_TICK - 1));
      case 'normal':
        return priceInTick(r, Math.round(r.normal() * 3000));
    }
  }

  private owner(): string {
    return OWNERS[this.rng.int(0, OWNERS.length - 1)] ?? 'alice';
  }

  private align(t: number): number {
    return Math.min(this.maxUsable, Math.max(this.minUsable, Math.floor(t / this.spacing) * this.spacing));
  }

  /** A tick-range for a new mint, reusing this life's ranges half of the time. */
  private range(): Range {
    const r = this.rng;
    if (this.ranges.length > 0 && (r.chance(0.5) || this.ranges.length >= MAX_RANGES_PER_LIFE)) {
      return this.ranges[r.int(0, this.ranges.length - 1)]!;
    }
    const s = this.spacing;
    const base = this.align(this.tick);
    const width = (): number => s * geometric(r, 0.25, 1, 400);
    let lo: number;
    let hi: number;
    switch (pick(r, [
      ['full', 12],
      ['single', 14],
      ['around', 30],
      ['above', 16],
      ['below', 16],
      ['wide', 12],
    ])) {
      case 'full':
        [lo, hi] = [this.minUsable, this.maxUsable];
        break;
      case 'single':
        [lo, hi] = [base, base + s];
        break;
      case 'around':
        lo = base - width();
        hi = base + width();
        break;
      case 'above':
        lo = base + s * geometric(r, 0.3, 1, 200);
        hi = lo + width();
        break;
      case 'below':
        hi = base - s * geometric(r, 0.3, 0, 200);
        lo = hi - width();
        break;
      default:
        lo = this.align(this.tick - r.int(0, 200_000));
        hi = this.align(this.tick + r.int(0, 200_000));
    }
    lo = this.align(lo);
    hi = this.align(hi);
    if (lo >= hi) {
      if (hi + s <= this.maxUsable) hi = lo + s;
      else lo = hi - s;
    }
    const range = { tickLower: lo, tickUpper: hi };
    this.ranges.push(range);
    return range;
  }

  /** Liquidity for a mint at this life's scale, kept under maxLiquidityPerTick for both ticks. */
  private liquidity(range: Range): bigint {
    const r = this.rng;
    const max = this.model.maxLiquidityPerTick;
    const headroom = minBig(
      max - this.model.getTick(range.tickLower).liquidityGross,
      max - this.model.getTick(range.tickUpper).liquidityGross,
    );
    let amount: bigint;
    switch (this.scale) {
      case 'tiny':
        amount = BigInt(r.int(1, 2000));
        break;
      case 'normal':
        amount = r.bigBits(r.int(10, 72)) + 1n;
        break;
      case 'huge':
        amount = r.bigBits(r.int(64, bitLength(max) - 2)) + 1n;
        break;
    }
    if (amount > headroom / 3n) amount = headroom / 3n;
    return amount > 0n ? amount : 1n;
  }

  private pay(owedTokens: 'mint' | 'swap'): PayAdjust | undefined {
    const r = this.rng;
    const u = r.nextFloat();
    const short = (): bigint => -(r.chance(0.6) ? 1n : r.bigBits(r.int(1, 64)) + 1n);
    if (u < 0.04) return { adjust0: short(), adjust1: 0n };
    if (u < 0.08) return { adjust0: 0n, adjust1: short() };
    if (u < 0.1 && owedTokens === 'mint') return { adjust0: short(), adjust1: short() };
    if (u < 0.12) return { adjust0: r.bigBits(r.int(1, 40)), adjust1: r.bigBits(r.int(1, 40)) };
    return undefined;
  }

  private mint(): PoolCallOp {
    const r = this.rng;
    const owner = this.owner();
    const u = r.nextFloat();
    if (u < 0.05) return { kind: 'mint', fee: this.fee, owner, ...this.invalidRange(), amount: 1000n };
    const range = this.range();
    let amount = this.liquidity(range);
    if (u < 0.08) amount = 0n; // require(amount > 0): no reason
    else if (u < 0.11) amount = this.model.maxLiquidityPerTick - this.model.getTick(range.tickLower).liquidityGross + 1n + r.bigBits(8); // LO
    else if (u < 0.12) amount = (1n << 127n) + r.bigBits(100); // SafeCast toInt128: no reason
    const op: PoolCallOp = { kind: 'mint', fee: this.fee, owner, ...range, amount };
    const pay = this.pay('mint');
    if (pay !== undefined) op.pay = pay;
    return op;
  }

  /** A burst of adjacent ranges around the price, so later swaps cross many initialized ticks. */
  private ladder(): PoolCallOp[] {
    const r = this.rng;
    const s = this.spacing;
    const n = r.int(4, 10);
    const step = s * r.int(1, 4);
    let lo = this.align(this.tick) - step * r.int(0, n);
    const owner = this.owner();
    const ops: PoolCallOp[] = [];
    for (let i = 0; i < n && this.ranges.length < MAX_RANGES_PER_LIFE + 10; i++, lo += step) {
      const range = { tickLower: this.align(lo), tickUpper: this.align(lo + step) };
      if (range.tickLower >= range.tickUpper) continue;
      this.ranges.push(range);
      ops.push({ kind: 'mint', fee: this.fee, owner, ...range, amount: this.liquidity(range) });
    }
    return ops;
  }

  /** TLU, TLM, TUM, or a tick off the spacing (TickBitmap.flipTick's require: no reason). */
  private invalidRange(): Range {
    const r = this.rng;
    const s = this.spacing;
    const base = this.align(this.tick);
    switch (r.int(0, 3)) {
      case 0:
        return r.chance(0.5) ? { tickLower: base + s, tickUpper: base } : { tickLower: base, tickUpper: base };
      case 1:
        return { tickLower: MIN_TICK - r.int(1, 3 * s), tickUpper: base + s };
      case 2:
        return { tickLower: base, tickUpper: MAX_TICK + r.int(1, 3 * s) };
      default:
        return s > 1 ? { tickLower: base + r.int(1, s - 1), tickUpper: base + 2 * s } : { tickLower: base + s, tickUpper: base - s };
    }
  }

  /** A position of this life: mostly one that holds liquidity. */
  private position(): { owner: string } & Range {
    const r = this.rng;
    const held: ({ owner: string } & Range)[] = [];
    for (const range of this.ranges) {
      for (const owner of OWNERS) if (this.model.getPosition(owner, range.tickLower, range.tickUpper).liquidity > 0n) held.push({ owner, ...range });
    }
    if (held.length > 0 && r.chance(0.85)) return held[r.int(0, held.length - 1)]!;
    const range = this.ranges.length > 0 ? this.ranges[r.int(0, this.ranges.length - 1)]! : { tickLower: this.align(this.tick), tickUpper: this.align(this.tick) + this.spacing };
    return { owner: this.owner(), ...range };
  }

  private burn(): PoolCallOp {
    const r = this.rng;
    const p = this.position();
    const held = this.model.getPosition(p.owner, p.tickLower, p.tickUpper).liquidity;
    let amount: bigint;
    const u = r.nextFloat();
    if (u < 0.3) amount = held; // full
    else if (u < 0.6) amount = held > 1n ? 1n + randomBelow(r, held - 1n) : held; // partial
    else if (u < 0.8) amount = 0n; // poke, or NP when empty
    else if (u < 0.95) amount = held + 1n + (r.chance(0.5) ? 0n : r.bigBits(r.int(1, 60))); // LS
    else if (u < 0.97) amount = (1n << 127n) + r.bigBits(64); // SafeCast: no reason
    else return { kind: 'burn', fee: this.fee, owner: p.owner, ...this.invalidRange(), amount: 0n };
    return { kind: 'burn', fee: this.fee, owner: p.owner, tickLower: p.tickLower, tickUpper: p.tickUpper, amount };
  }

  private collect(): PoolCallOp {
    const r = this.rng;
    const p = this.position();
    const owed = this.model.getPosition(p.owner, p.tickLower, p.tickUpper);
    const request = (x: bigint): bigint => {
      const u = r.nextFloat();
      if (u < 0.45) return MAX_UINT128;
      if (u < 0.75) return x > 0n ? randomBelow(r, x) : 0n; // partial
      if (u < 0.85) return x;
      return 0n;
    };
    return { kind: 'collect', fee: this.fee, ...p, amount0Requested: request(owed.tokensOwed0), amount1Requested: request(owed.tokensOwed1) };
  }

  private swap(): PoolCallOp {
    const r = this.rng;
    const zeroForOne = r.chance(0.5);
    const price = this.model.slot0.sqrtPriceX96;
    const op: PoolCallOp = { kind: 'swap', fee: this.fee, zeroForOne, amountSpecified: this.swapAmount(), sqrtPriceLimitX96: 0n };
    const u = r.nextFloat();
    if (u < 0.04) {
      // SPL: on the wrong side of the price, at the price, or at/over the extreme ratio
      const v = r.int(0, 2);
      if (v === 0) op.sqrtPriceLimitX96 = price;
      else if (v === 1) op.sqrtPriceLimitX96 = zeroForOne ? price + 1n + r.bigBits(20) : price > 1n ? price - 1n - randomBelow(r, price - 1n) : 0n;
      else op.sqrtPriceLimitX96 = zeroForOne ? MIN_SQRT_RATIO - randomBelow(r, 2n) : MAX_SQRT_RATIO + randomBelow(r, 2n);
    } else {
      const extreme = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
      const wordsToExtreme = Math.abs((zeroForOne ? MIN_TICK : MAX_TICK) - this.tick) / (256 * this.spacing);
      if (wordsToExtreme <= MAX_WALK_WORDS || (u < 0.1 && wordsToExtreme <= LONG_WALK_WORDS) || r.chance(this.longWalkChance)) {
        if (r.chance(0.3)) op.sqrtPriceLimitX96 = extreme;
      }
      if (op.sqrtPriceLimitX96 === 0n) {
        const distance = r.chance(0.3)
          ? r.int(1, 5 * this.spacing)
          : 1 + Math.floor(r.nextFloat() ** 3 * MAX_WALK_WORDS * 256 * this.spacing);
        const target = Math.min(MAX_TICK - 1, Math.max(MIN_TICK, this.tick + (zeroForOne ? -distance : distance)));
        const limit = priceInTick(r, target);
        op.sqrtPriceLimitX96 = zeroForOne ? maxBig(limit, MIN_SQRT_RATIO + 1n) : minBig(limit, MAX_SQRT_RATIO - 1n);
      }
    }
    if (r.chance(0.02)) op.amountSpecified = 0n; // AS
    const pay = this.pay('swap');
    if (pay !== undefined) op.pay = pay;
    return op;
  }

  /** Exact input (> 0) or exact output (< 0), from dust to far more than the pool holds. */
  private swapAmount(): bigint {
    const r = this.rng;
    if (r.chance(0.01)) return r.chance(0.5) ? (1n << 255n) - 1n : -(1n << 255n) + (r.chance(0.5) ? 0n : 1n); // int256 extremes
    const liquidityBits = bitLength(this.model.liquidity);
    const maxBits = Math.min(250, Math.max(24, liquidityBits + (this.scale === 'huge' ? 90 : 40)));
    const amount = r.bigBits(r.int(1, maxBits)) + 1n;
    return r.chance(0.6) ? amount : -amount;
  }

  private setFeeProtocol(): PoolCallOp {
    const r = this.rng;
    const valid = (): number => (r.chance(0.2) ? 0 : r.int(4, 10));
    const invalid = (): number => (r.chance(0.5) ? r.int(1, 3) : r.int(11, 255));
    const bad = r.chance(0.3);
    const badFirst = r.chance(0.5);
    return {
      kind: 'setFeeProtocol',
      fee: this.fee,
      feeProtocol0: bad && badFirst ? invalid() : valid(),
      feeProtocol1: bad && !badFirst ? invalid() : valid(),
    };
  }

  private collectProtocol(): PoolCallOp {
    const r = this.rng;
    const fees = this.model.protocolFees;
    const request = (x: bigint): bigint => {
      const u = r.nextFloat();
      if (u < 0.35) return MAX_UINT128; // everything: leaves 1 wei
      if (u < 0.6) return x; // exactly the balance: leaves 1 wei too
      if (u < 0.9) return x > 0n ? randomBelow(r, x) : 0n;
      return 0n;
    };
    return { kind: 'collectProtocol', fee: this.fee, amount0Requested: request(fees.token0), amount1Requested: request(fees.token1) };
  }

  /** Rare combinations: a poke-and-collect of everything, or a swap pair that returns the price. */
  private special(): PoolCallOp[] {
    const p = this.position();
    return [
      { kind: 'burn', fee: this.fee, ...p, amount: 0n },
      { kind: 'collect', fee: this.fee, ...p, amount0Requested: MAX_UINT128, amount1Requested: MAX_UINT128 },
    ];
  }
}

/** Generates `count` pool calls (plus `create` ops) from `seed`; the same arguments give the same ops. */
export function generateOps(options: GeneratorOptions): Op[] {
  const { count, seed } = options;
  const longWalkChance = options.longWalkChance ?? 0.002;
  const rng = createRng(seed);
  const pickTier = rng.fork('tier');
  const lives = new Map<FeeTier, Life>();
  let lifeNumber = 0;
  const newLife = (fee: FeeTier): Life => new Life(fee, rng.fork(`life:${lifeNumber++}`), longWalkChance);
  for (const fee of FEE_TIERS) lives.set(fee, newLife(fee));
  const ops: Op[] = [];
  let calls = 0;
  while (calls < count) {
    const fee = FEE_TIERS[pickTier.int(0, FEE_TIERS.length - 1)]!;
    let life = lives.get(fee)!;
    if (life.remaining <= 0) {
      life = newLife(fee);
      lives.set(fee, life);
      ops.push({ kind: 'create', fee });
    }
    for (const op of life.next()) {
      if (calls >= count) break;
      applyToEngine(life.model, op);
      ops.push(op);
      calls++;
      life.remaining--;
    }
  }
  return ops;
}

/** A price inside `tick` (or exactly on its lower boundary). */
function priceInTick(r: Rng, tick: number): bigint {
  const t = Math.min(MAX_TICK - 1, Math.max(MIN_TICK, tick));
  const lo = getSqrtRatioAtTick(t);
  if (r.chance(0.15)) return lo;
  const hi = getSqrtRatioAtTick(t + 1);
  return lo + randomBelow(r, hi - lo);
}

function pick<T extends string>(r: Rng, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let u = r.nextFloat() * total;
  for (const [v, w] of weighted) {
    if (u < w) return v;
    u -= w;
  }
  return weighted[weighted.length - 1]![0];
}

/** min + a geometric number of extra steps (success probability p), capped at max. */
function geometric(r: Rng, p: number, min: number, max: number): number {
  let n = min;
  while (n < max && !r.chance(p)) n++;
  return n;
}

/** Uniform in [0, n) for n > 0. */
function randomBelow(r: Rng, n: bigint): bigint {
  if (n <= 0n) return 0n;
  return r.bigBits(bitLength(n) + 16) % n;
}

function bitLength(x: bigint): number {
  return x <= 0n ? 0 : x.toString(2).length;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
