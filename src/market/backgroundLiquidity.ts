/**
 * The other LPs of the pool: a full-range base that never moves, plus bands of positions centred on
 * the price (MF §9's population: 10–20-tick professional ranges, ±3–8% and ±15–50% ranges; their
 * liquidity shares are in MarketConfig.backgroundLiquidity with the reasoning). Every position
 * contains the centre's tick spacing, so the active liquidity at the centre is the configured target
 * (MF §5.1: ≈1.2e19 on 0x88e6) and it thins out as the price leaves the narrow bands.
 *
 * The shape is a pure function of the config and the tick spacing, so `recenterBackgroundLiquidity`
 * can find the current positions again (by their `bg:` owner ids) and move them: it burns and collects
 * each band position and re-mints the same liquidity around the new centre. The executor calls it at
 * each episode start with the *external* price's tick, so every strategy's pool copy gets identical
 * background liquidity whatever the strategies did. Minting uses the engine's default payer (it pays
 * exactly what is owed), so the background LPs never run out of tokens.
 */
import type { Pool } from '../clmm/Pool.ts';
import { MAX_TICK, MIN_TICK } from '../clmm/TickMath.ts';
import type { MarketConfig } from './marketConfig.ts';

const MAX_UINT128 = (1n << 128n) - 1n;
export const BACKGROUND_OWNER_PREFIX = 'bg:';
export const FULL_RANGE_OWNER = 'bg:full';

/** One band position relative to the centre (a multiple of the tick spacing). */
export interface BackgroundPosition {
  owner: string;
  lowerOffset: number;
  upperOffset: number;
  liquidity: bigint;
}

/** The band positions (without the full-range base), in config order. */
export function backgroundLiquidityShape(config: Pick<MarketConfig, 'backgroundLiquidity'>, tickSpacing: number): BackgroundPosition[] {
  const bg = config.backgroundLiquidity;
  const out: BackgroundPosition[] = [];
  for (const band of bg.bands) {
    const n = band.widthsTicks.length;
    const liquidity = BigInt(Math.round((bg.activeLiquidity * band.share) / n));
    if (liquidity === 0n) continue;
    band.widthsTicks.forEach((width, i) => {
      const spacings = Math.max(1, Math.ceil(width / tickSpacing));
      const lowerOffset = Math.floor(spacings / 2) === 0 ? 0 : -Math.floor(spacings / 2) * tickSpacing;
      out.push({ owner: `${BACKGROUND_OWNER_PREFIX}${band.name}:${i}`, lowerOffset, upperOffset: lowerOffset + spacings * tickSpacing, liquidity });
    });
  }
  return out;
}

function usableTicks(tickSpacing: number): { min: number; max: number } {
  return { min: Math.ceil(MIN_TICK / tickSpacing) * tickSpacing, max: Math.floor(MAX_TICK / tickSpacing) * tickSpacing };
}

/** The centre for a tick: rounded down to the spacing, so [centre, centre + spacing) holds the tick. */
export function backgroundCenter(tick: number, tickSpacing: number): number {
  return Math.floor(tick / tickSpacing) * tickSpacing;
}

function placed(position: BackgroundPosition, center: number, tickSpacing: number): { tickLower: number; tickUpper: number } {
  const { min, max } = usableTicks(tickSpacing);
  let tickLower = center + position.lowerOffset;
  let tickUpper = center + position.upperOffset;
  if (tickLower < min) tickLower = min;
  if (tickUpper > max) tickUpper = max;
  if (tickUpper <= tickLower) tickUpper = tickLower + tickSpacing;
  return { tickLower, tickUpper };
}

export interface SeedBackgroundLiquidityParameters {
  pool: Pool;
  config: Pick<MarketConfig, 'backgroundLiquidity'>;
  /** Tick of the price to centre on (any tick; rounded down to the spacing). */
  centerTick: number;
}

/** Mints the full-range base and the bands on an initialized pool that has no background LPs yet. */
export function seedBackgroundLiquidity(p: SeedBackgroundLiquidityParameters): { positions: number; centerTick: number } {
  const { pool, config } = p;
  const spacing = pool.tickSpacing;
  const bg = config.backgroundLiquidity;
  let positions = 0;
  const fullLiquidity = BigInt(Math.round(bg.activeLiquidity * bg.fullRangeShare));
  if (fullLiquidity > 0n) {
    const { min, max } = usableTicks(spacing);
    pool.mint({ recipient: FULL_RANGE_OWNER, tickLower: min, tickUpper: max, amount: fullLiquidity });
    positions++;
  }
  const center = backgroundCenter(p.centerTick, spacing);
  for (const position of backgroundLiquidityShape(config, spacing)) {
    pool.mint({ recipient: position.owner, ...placed(position, center, spacing), amount: position.liquidity });
    positions++;
  }
  return { positions, centerTick: center };
}

/**
 * The centre the band positions currently sit on, found from the first band position's owner id among
 * the initialized ticks; null when the pool has none.
 */
export function findBackgroundCenter(pool: Pool, config: Pick<MarketConfig, 'backgroundLiquidity'>): number | null {
  const shape = backgroundLiquidityShape(config, pool.tickSpacing);
  const first = shape[0];
  if (first === undefined) return null;
  const width = first.upperOffset - first.lowerOffset;
  for (const tick of pool.initializedTicks()) {
    if (pool.getPosition(first.owner, tick, tick + width).liquidity > 0n) return tick - first.lowerOffset;
  }
  return null;
}

export interface RecenterBackgroundLiquidityParameters {
  pool: Pool;
  /** Tick of the new centre (the external price's tick); rounded down to the spacing. */
  centerTick: number;
  config: Pick<MarketConfig, 'backgroundLiquidity'>;
}

/**
 * Moves every band position to the new centre: burn all its liquidity, collect everything owed, and
 * mint the configured liquidity around the new centre. A no-op when the centre has not moved. Returns
 * whether anything moved.
 */
export function recenterBackgroundLiquidity(p: RecenterBackgroundLiquidityParameters): boolean {
  const { pool, config } = p;
  const spacing = pool.tickSpacing;
  const center = backgroundCenter(p.centerTick, spacing);
  const previous = findBackgroundCenter(pool, config);
  if (previous === center) return false;
  const shape = backgroundLiquidityShape(config, spacing);
  if (previous !== null) {
    for (const position of shape) {
      const { tickLower, tickUpper } = placed(position, previous, spacing);
      const info = pool.getPosition(position.owner, tickLower, tickUpper);
      if (info.liquidity > 0n) pool.burn({ owner: position.owner, tickLower, tickUpper, amount: info.liquidity });
      pool.collect({ owner: position.owner, tickLower, tickUpper, amount0Requested: MAX_UINT128, amount1Requested: MAX_UINT128 });
    }
  }
  for (const position of shape) {
    pool.mint({ recipient: position.owner, ...placed(position, center, spacing), amount: position.liquidity });
  }
  return true;
}
