/**
 * A seeded pseudo-random generator (xoshiro128**, seeded through splitmix32), the only source of
 * randomness in clmm-lab. Streams are derived by label (`fork`), so adding a draw to one stream never
 * shifts another: that is what keeps every variant on the same market path (common random numbers).
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextU32(): number;
  /** Uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal draw. */
  normal(): number;
  /** Uniform bigint in [0, 2^bits). */
  bigBits(bits: number): bigint;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A child generator whose stream depends only on this generator's seed and the label. */
  fork(label: string | number): Rng;
  /** The 32-bit seed this generator was built from. */
  readonly seed: number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the label's UTF-16 code units, mixed with the parent seed. */
function mixLabel(seed: number, label: string | number): number {
  const text = String(label);
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}

/** Builds a generator from a 32-bit seed (any integer; it is taken modulo 2^32). */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const seed32 = seed >>> 0;
  const init = splitmix32(seed32);
  let a = init(), b = init(), c = init(), d = init();
  if ((a | b | c | d) === 0) a = 1;
  let spareNormal: number | undefined;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c = (c ^ t) >>> 0;
    d = rotl(d, 11);
    a >>>= 0; b >>>= 0;
    return result;
  };
  const nextFloat = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;

  return {
    seed: seed32,
    nextU32,
    nextFloat,
    int(lo, hi) {
      if (hi < lo) throw new RangeError(`int(${lo}, ${hi}): empty range`);
      return lo + Math.floor(nextFloat() * (hi - lo + 1));
    },
    normal() {
      if (spareNormal !== undefined) {
        const v = spareNormal;
        spareNormal = undefined;
        return v;
      }
      // Marsaglia polar method: exact normals without trigonometry.
      let u: number, v: number, s: number;
      do {
        u = 2 * nextFloat() - 1;
        v = 2 * nextFloat() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * m;
      return u * m;
    },
    bigBits(bits) {
      let out = 0n;
      let have = 0;
      while (have < bits) {
        out = (out << 32n) | BigInt(nextU32());
        have += 32;
      }
      return out >> BigInt(have - bits);
    },
    chance(p) {
      return nextFloat() < p;
    },
    fork(label) {
      return createRng(mixLabel(seed32, label));
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
