/**
 * What a query is about (its scope) and the canonical ids that key the cache: `chain:pool`
 * lowercased, `chain:tokenA/tokenB` sorted, `chain:hook`, `chain:wallet`, and `global`. Two
 * spellings of one scope always give one cache key.
 */
import { badInput } from '../errors/ClmmLabError.ts';
import type { ScopeKind } from './registry.ts';

export type IntelScope =
  | { kind: 'global' }
  | { kind: 'pool'; chain: string; pool_address: string }
  | { kind: 'pair'; chain: string; token0: string; token1: string }
  | { kind: 'hook'; chain: string; hook_address: string }
  | { kind: 'wallet'; chain: string; wallet_address: string };

const ADDRESS = /^0x[0-9a-f]{40}$/;
const CHAIN = /^[a-z0-9_]+$/;
/** A pair token: an address or a symbol. */
const TOKEN = /^(0x[0-9a-f]{40}|[a-z0-9._-]{1,32})$/;

export function isAddress(text: string): boolean {
  return ADDRESS.test(text.toLowerCase());
}

function chainOf(chain: string): string {
  const c = chain.trim().toLowerCase();
  if (!CHAIN.test(c)) throw badInput('INTEL_SCOPE', 'scope.chain', 'a chain name such as ethereum', chain);
  return c;
}

function addressOf(field: string, value: string): string {
  const a = value.trim().toLowerCase();
  if (!ADDRESS.test(a)) throw badInput('INTEL_SCOPE', field, '0x followed by 40 hex digits', value);
  return a;
}

/** Lowercases and validates a scope; a pair's tokens come back sorted. */
export function normalizeScope(scope: IntelScope): IntelScope {
  switch (scope.kind) {
    case 'global':
      return { kind: 'global' };
    case 'pool':
      return { kind: 'pool', chain: chainOf(scope.chain), pool_address: addressOf('scope.pool_address', scope.pool_address) };
    case 'pair': {
      const a = scope.token0.trim().toLowerCase();
      const b = scope.token1.trim().toLowerCase();
      for (const [f, t] of [['scope.token0', a], ['scope.token1', b]] as const) {
        if (!TOKEN.test(t)) throw badInput('INTEL_SCOPE', f, 'a token address or symbol', t);
      }
      if (a === b) throw badInput('INTEL_SCOPE', 'scope.token1', 'a token other than token0', b);
      const [token0, token1] = a < b ? [a, b] : [b, a];
      return { kind: 'pair', chain: chainOf(scope.chain), token0, token1 };
    }
    case 'hook':
      return { kind: 'hook', chain: chainOf(scope.chain), hook_address: addressOf('scope.hook_address', scope.hook_address) };
    case 'wallet':
      return { kind: 'wallet', chain: chainOf(scope.chain), wallet_address: addressOf('scope.wallet_address', scope.wallet_address) };
  }
}

export function canonicalScopeId(scope: IntelScope): string {
  const s = normalizeScope(scope);
  switch (s.kind) {
    case 'global':
      return 'global';
    case 'pool':
      return `${s.chain}:${s.pool_address}`;
    case 'pair':
      return `${s.chain}:${s.token0}/${s.token1}`;
    case 'hook':
      return `${s.chain}:${s.hook_address}`;
    case 'wallet':
      return `${s.chain}:${s.wallet_address}`;
  }
}

/** Inverse of canonicalScopeId. */
export function parseScopeId(kind: ScopeKind, id: string): IntelScope {
  if (kind === 'global') return { kind: 'global' };
  const colon = id.indexOf(':');
  if (colon < 0) throw badInput('INTEL_SCOPE', 'scope id', 'chain:id', id);
  const chain = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  switch (kind) {
    case 'pool':
      return normalizeScope({ kind, chain, pool_address: rest });
    case 'pair': {
      const [token0 = '', token1 = ''] = rest.split('/');
      return normalizeScope({ kind, chain, token0, token1 });
    }
    case 'hook':
      return normalizeScope({ kind, chain, hook_address: rest });
    case 'wallet':
      return normalizeScope({ kind, chain, wallet_address: rest });
  }
}

/** The Dune parameters a scope supplies (the SQL files use these names). */
export function scopeParams(scope: IntelScope): Record<string, string> {
  const s = normalizeScope(scope);
  switch (s.kind) {
    case 'global':
      return {};
    case 'pool':
      return { chain: s.chain, pool_address: s.pool_address };
    case 'pair':
      return { chain: s.chain, token0: s.token0, token1: s.token1 };
    case 'hook':
      return { chain: s.chain, hook_address: s.hook_address };
    case 'wallet':
      return { chain: s.chain, wallet_address: s.wallet_address };
  }
}

/** Pools whose tokens clmm-lab knows, so a pool scope can be widened to its pair scope. */
export interface KnownPool {
  chain: string;
  pool_address: string;
  fee: number;
  tick_spacing: number;
  token0: string;
  token1: string;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
}

const USDC_ETH = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH_ETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';

/** The default pool (DESIGN: Ethereum USDC/WETH 0.05%) and the pools of the recorded data. */
export const KNOWN_POOLS: readonly KnownPool[] = [
  { chain: 'ethereum', pool_address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640', fee: 500, tick_spacing: 10, token0: USDC_ETH, token1: WETH_ETH, symbol0: 'USDC', symbol1: 'WETH', decimals0: 6, decimals1: 18 },
  { chain: 'ethereum', pool_address: '0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8', fee: 3000, tick_spacing: 60, token0: USDC_ETH, token1: WETH_ETH, symbol0: 'USDC', symbol1: 'WETH', decimals0: 6, decimals1: 18 },
  { chain: 'polygon', pool_address: '0x45dda9cb7c25131df268515131f647d726f50608', fee: 500, tick_spacing: 10, token0: '0x2791bca1f2de4661ed88a30c99a7a9449aa84174', token1: '0x7ceb23fd6bc0add59e62ac25578270cff1b9f619', symbol0: 'USDC.e', symbol1: 'WETH', decimals0: 6, decimals1: 18 },
];

export const DEFAULT_POOL: KnownPool = KNOWN_POOLS[0]!;

export function knownPool(address: string): KnownPool | undefined {
  const a = address.toLowerCase();
  return KNOWN_POOLS.find((p) => p.pool_address === a);
}

export function poolScope(chain: string, address: string): IntelScope {
  return normalizeScope({ kind: 'pool', chain, pool_address: address });
}

/** The pair scope of a known pool, or undefined when its tokens are not known. */
export function pairScopeOfPool(chain: string, address: string): IntelScope | undefined {
  const p = knownPool(address);
  if (p === undefined || p.chain !== chain.toLowerCase()) return undefined;
  return normalizeScope({ kind: 'pair', chain: p.chain, token0: p.token0, token1: p.token1 });
}

/** The scope of `kind` that goes with a pool (global for global queries; undefined when it cannot be derived). */
export function scopeForPool(kind: ScopeKind, pool: { chain: string; pool_address: string }): IntelScope | undefined {
  if (kind === 'global') return { kind: 'global' };
  if (kind === 'pool') return poolScope(pool.chain, pool.pool_address);
  if (kind === 'pair') return pairScopeOfPool(pool.chain, pool.pool_address);
  return undefined;
}
