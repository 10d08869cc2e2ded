/**
 * Parser for demeter-fetch's decoded pool events (`*.tick.csv` and `*.pool.tick.csv`, data README
 * §3). Only the on-chain fields are kept (README §3 quirks): a swap's signed amounts, post-swap price,
 * tick and active liquidity; a mint's or burn's range and liquidity. COLLECT rows are validated and
 * dropped. Rows must be strictly increasing in (block, log index).
 */
import { bigintField, intField, readCsv, textField, timestampField, type FieldAt } from './csvFields.ts';
import { ReplayDataError } from './ReplayDataError.ts';

interface RecordedEventBase {
  /** 1-based line in the file. */
  line: number;
  blockNumber: number;
  /** Block time, seconds since the Unix epoch (UTC). */
  timestamp: number;
  logIndex: number;
}

export interface RecordedSwap extends RecordedEventBase {
  kind: 'SWAP';
  /** Signed pool deltas: + = into the pool. */
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  /** Active liquidity after the swap. */
  liquidity: bigint;
}

export interface RecordedLiquidityChange extends RecordedEventBase {
  kind: 'MINT' | 'BURN';
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
}

export type RecordedEvent = RecordedSwap | RecordedLiquidityChange;

const KINDS = new Set(['SWAP', 'MINT', 'BURN', 'COLLECT']);

export function parseEventLog(text: string, file: string): RecordedEvent[] {
  const table = readCsv(text, file);
  const c = {
    block: table.column('block_number'),
    time: table.column('block_timestamp'),
    kind: table.column('tx_type'),
    logIndex: table.column('pool_log_index', 'log_index'),
    amount0: table.column('amount0'),
    amount1: table.column('amount1'),
    totalLiquidity: table.column('total_liquidity'),
    sqrtPriceX96: table.column('sqrtPriceX96'),
    tick: table.column('current_tick'),
    tickLower: table.column('tick_lower'),
    tickUpper: table.column('tick_upper'),
    liquidity: table.column('liquidity'),
  };
  const events: RecordedEvent[] = [];
  let lastBlock = -1;
  let lastLog = -1;
  for (let row = 0; row < table.rows.length; row++) {
    const at = (column: number): FieldAt => ({ table, row, column });
    const line = table.lineOf(row);
    const kind = textField(at(c.kind));
    if (!KINDS.has(kind)) throw new ReplayDataError({ file, line, column: 'tx_type', problem: `expected SWAP, MINT, BURN or COLLECT, got "${kind}"` });
    const blockNumber = intField(at(c.block));
    const logIndex = intField(at(c.logIndex));
    if (blockNumber < lastBlock || (blockNumber === lastBlock && logIndex <= lastLog)) {
      throw new ReplayDataError({ file, line, column: table.header[c.logIndex], problem: `(block ${blockNumber}, log ${logIndex}) is not after the previous row's (${lastBlock}, ${lastLog})` });
    }
    lastBlock = blockNumber;
    lastLog = logIndex;
    const base = { line, blockNumber, timestamp: timestampField(at(c.time)), logIndex };
    if (kind === 'SWAP') {
      const swap: RecordedSwap = {
        kind,
        ...base,
        amount0: bigintField(at(c.amount0)),
        amount1: bigintField(at(c.amount1)),
        sqrtPriceX96: bigintField(at(c.sqrtPriceX96), 1n),
        tick: intField(at(c.tick)),
        liquidity: bigintField(at(c.totalLiquidity), 0n),
      };
      if ((swap.amount0 > 0n) === (swap.amount1 > 0n)) {
        throw new ReplayDataError({ file, line, column: 'amount0', problem: `a swap must have exactly one positive amount, got amount0 ${swap.amount0}, amount1 ${swap.amount1}` });
      }
      events.push(swap);
    } else if (kind === 'MINT' || kind === 'BURN') {
      const change: RecordedLiquidityChange = {
        kind,
        ...base,
        tickLower: intField(at(c.tickLower)),
        tickUpper: intField(at(c.tickUpper)),
        liquidity: bigintField(at(c.liquidity), 0n),
      };
      if (change.tickLower >= change.tickUpper) throw new ReplayDataError({ file, line, column: 'tick_lower', problem: `tick_lower ${change.tickLower} is not below tick_upper ${change.tickUpper}` });
      events.push(change);
    }
  }
  return events;
}
