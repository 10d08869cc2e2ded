/**
 * Parser for demeter's 1-minute pool bars (`*.minute.csv`, data README §2). Each row is one UTC
 * minute built from Swap events only; amounts are raw base units (read exactly as bigints), ticks may
 * be written as floats. The parser validates and keeps the data as recorded — in particular a stale
 * `closeTick` outside [lowestTick, highestTick] (README §2 quirk 1) is kept, and the replay clamps it.
 */
import { bigintField, intField, readCsv, timestampField, type FieldAt } from './csvFields.ts';
import { ReplayDataError } from './ReplayDataError.ts';

export interface MinuteBar {
  /** Start of the minute, seconds since the Unix epoch (UTC). */
  timestamp: number;
  netAmount0: bigint;
  netAmount1: bigint;
  closeTick: number;
  openTick: number;
  lowestTick: number;
  highestTick: number;
  /** What swappers paid in during the minute, fee included (raw units, >= 0). */
  inAmount0: bigint;
  inAmount1: bigint;
  /** Active liquidity after the minute's last swap (raw uint128). */
  currentLiquidity: bigint;
}

export const MINUTE_BAR_COLUMNS = ['timestamp', 'netAmount0', 'netAmount1', 'closeTick', 'openTick', 'lowestTick', 'highestTick', 'inAmount0', 'inAmount1', 'currentLiquidity'] as const;

export function parseMinuteBars(text: string, file: string): MinuteBar[] {
  const table = readCsv(text, file);
  const col = Object.fromEntries(MINUTE_BAR_COLUMNS.map((name) => [name, table.column(name)])) as Record<(typeof MINUTE_BAR_COLUMNS)[number], number>;
  const bars: MinuteBar[] = [];
  for (let row = 0; row < table.rows.length; row++) {
    const at = (column: number): FieldAt => ({ table, row, column });
    const bar: MinuteBar = {
      timestamp: timestampField(at(col.timestamp)),
      netAmount0: bigintField(at(col.netAmount0)),
      netAmount1: bigintField(at(col.netAmount1)),
      closeTick: intField(at(col.closeTick)),
      openTick: intField(at(col.openTick)),
      lowestTick: intField(at(col.lowestTick)),
      highestTick: intField(at(col.highestTick)),
      inAmount0: bigintField(at(col.inAmount0), 0n),
      inAmount1: bigintField(at(col.inAmount1), 0n),
      currentLiquidity: bigintField(at(col.currentLiquidity), 0n),
    };
    const line = table.lineOf(row);
    if (bar.timestamp % 60 !== 0) throw new ReplayDataError({ file, line, column: 'timestamp', problem: 'is not at the start of a minute' });
    if (bar.lowestTick > bar.highestTick) throw new ReplayDataError({ file, line, column: 'lowestTick', problem: `lowestTick ${bar.lowestTick} is above highestTick ${bar.highestTick}` });
    const previous = bars[bars.length - 1];
    if (previous !== undefined && bar.timestamp <= previous.timestamp) {
      throw new ReplayDataError({ file, line, column: 'timestamp', problem: 'does not increase (rows must be in time order without duplicates)' });
    }
    bars.push(bar);
  }
  if (bars.length === 0) throw new ReplayDataError({ file, problem: 'has a header but no rows' });
  return bars;
}

/** The bar's close clamped into its own [low, high] (README §2 quirk 1: stale closes). */
export function clampedCloseTick(bar: MinuteBar): number {
  return bar.closeTick < bar.lowestTick ? bar.lowestTick : bar.closeTick > bar.highestTick ? bar.highestTick : bar.closeTick;
}
