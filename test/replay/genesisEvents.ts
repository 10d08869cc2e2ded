/**
 * Parser for the genesis event log of a Uniswap v3 pool as recorded in
 * `uniswap-v3-polars/*.events.csv` (see the data README §4). Every integer is parsed exactly
 * (BigInt for amounts, prices and liquidity; checked safe integers for ticks and indices), and any
 * malformed value is reported with its line, row and column so a bad fixture fails loudly instead
 * of silently replaying the wrong thing.
 */

/** The columns the file must start with, in this order (the file header is checked exactly). */
export const GENESIS_COLUMNS = [
  'event',
  'block_number',
  'block_timestamp',
  'transaction_index',
  'log_index',
  'transaction_hash',
  'sqrtPriceX96',
  'tick',
  'liquidity',
  'amount0',
  'amount1',
  'tick_lower',
  'tick_upper',
  'owner',
  'sender',
  'recipient',
  'gas_price',
  'gas_used',
] as const;

export type GenesisColumn = (typeof GENESIS_COLUMNS)[number];

/** Where an event sits in the file and on chain; `line` is 1-based and counts the header. */
export interface EventPosition {
  line: number;
  blockNumber: number;
  logIndex: number;
  transactionHash: string;
}

export interface InitializeEvent extends EventPosition {
  kind: 'INITIALIZE';
  sqrtPriceX96: bigint;
  tick: number;
}

/** MINT / BURN: `liquidity` added or removed; amounts are the unsigned token amounts of the event. */
export interface ModifyEvent extends EventPosition {
  kind: 'MINT' | 'BURN';
  owner: string;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  amount0: bigint;
  amount1: bigint;
}

/** COLLECT: amounts actually collected (none occur in the genesis file, but the format allows them). */
export interface CollectEvent extends EventPosition {
  kind: 'COLLECT';
  owner: string;
  tickLower: number;
  tickUpper: number;
  amount0: bigint;
  amount1: bigint;
}

/** SWAP: signed pool deltas (+ = into the pool) and the on-chain post-swap state. */
export interface SwapEvent extends EventPosition {
  kind: 'SWAP';
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
}

export type GenesisEvent = InitializeEvent | ModifyEvent | CollectEvent | SwapEvent;

/** A malformed file; the message names the file, line, data row and column. */
export class EventParseError extends Error {
  constructor(source: string, line: number, column: string | undefined, message: string) {
    const where = column === undefined ? `line ${line}` : `line ${line} (data row ${line - 1}), column "${column}"`;
    super(`${source}: ${where}: ${message}`);
    this.name = 'EventParseError';
  }
}

const UINT_RE = /^[0-9]+$/;
const INT_RE = /^-?[0-9]+$/;
/** Tick-like values may be written as floats ("199060.0"), as README §6 warns. */
const TICK_RE = /^-?[0-9]+(\.0+)?$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const HASH_RE = /^0x[0-9a-fA-F]{64}$/;

/** Reads one row's fields by column name, turning every problem into an EventParseError. */
class RowReader {
  constructor(
    private readonly source: string,
    readonly line: number,
    private readonly fields: readonly string[],
  ) {}

  private raw(column: GenesisColumn): string {
    const value = this.fields[GENESIS_COLUMNS.indexOf(column)];
    if (value === undefined) throw this.error(column, 'missing field');
    return value;
  }

  error(column: string | undefined, message: string): EventParseError {
    return new EventParseError(this.source, this.line, column, message);
  }

  /** A required unsigned integer. */
  uint(column: GenesisColumn): bigint {
    const v = this.raw(column);
    if (!UINT_RE.test(v)) throw this.error(column, `expected an unsigned integer, got ${JSON.stringify(v)}`);
    return BigInt(v);
  }

  /** A required signed integer. */
  int(column: GenesisColumn): bigint {
    const v = this.raw(column);
    if (!INT_RE.test(v)) throw this.error(column, `expected a signed integer, got ${JSON.stringify(v)}`);
    return BigInt(v);
  }

  /** A required integer that must fit a JS number exactly (ticks, block numbers, indices). */
  smallInt(column: GenesisColumn): number {
    const v = this.raw(column);
    if (!TICK_RE.test(v)) throw this.error(column, `expected an integer, got ${JSON.stringify(v)}`);
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw this.error(column, `integer out of range: ${v}`);
    return n;
  }

  /** A required tick within the v3 tick range. */
  tick(column: GenesisColumn): number {
    const n = this.smallInt(column);
    if (n < -887272 || n > 887272) throw this.error(column, `tick out of range: ${n}`);
    return n;
  }

  address(column: GenesisColumn): string {
    const v = this.raw(column);
    if (!ADDRESS_RE.test(v)) throw this.error(column, `expected a 20-byte hex address, got ${JSON.stringify(v)}`);
    return v.toLowerCase();
  }

  hash(column: GenesisColumn): string {
    const v = this.raw(column);
    if (!HASH_RE.test(v)) throw this.error(column, `expected a 32-byte hex hash, got ${JSON.stringify(v)}`);
    return v.toLowerCase();
  }

  /** Columns that do not apply to this event type must be empty, so a shifted row is caught. */
  empty(...columns: GenesisColumn[]): void {
    for (const c of columns) {
      const v = this.raw(c);
      if (v !== '') throw this.error(c, `expected empty for this event type, got ${JSON.stringify(v)}`);
    }
  }
}

function position(r: RowReader): EventPosition {
  return {
    line: r.line,
    blockNumber: r.smallInt('block_number'),
    logIndex: r.smallInt('log_index'),
    transactionHash: r.hash('transaction_hash'),
  };
}

function rangeOf(r: RowReader): { tickLower: number; tickUpper: number } {
  const tickLower = r.tick('tick_lower');
  const tickUpper = r.tick('tick_upper');
  if (tickLower >= tickUpper) throw r.error('tick_upper', `tick_upper ${tickUpper} must exceed tick_lower ${tickLower}`);
  return { tickLower, tickUpper };
}

function parseRow(r: RowReader, kind: string): GenesisEvent {
  switch (kind) {
    case 'INITIALIZE': {
      r.empty('liquidity', 'amount0', 'amount1', 'tick_lower', 'tick_upper', 'owner');
      return { kind, ...position(r), sqrtPriceX96: r.uint('sqrtPriceX96'), tick: r.tick('tick') };
    }
    case 'MINT':
    case 'BURN': {
      r.empty('sqrtPriceX96', 'tick');
      return {
        kind,
        ...position(r),
        owner: r.address('owner'),
        ...rangeOf(r),
        liquidity: r.uint('liquidity'),
        amount0: r.uint('amount0'),
        amount1: r.uint('amount1'),
      };
    }
    case 'COLLECT': {
      r.empty('sqrtPriceX96', 'tick');
      return { kind, ...position(r), owner: r.address('owner'), ...rangeOf(r), amount0: r.uint('amount0'), amount1: r.uint('amount1') };
    }
    case 'SWAP': {
      r.empty('tick_lower', 'tick_upper', 'owner');
      return {
        kind,
        ...position(r),
        amount0: r.int('amount0'),
        amount1: r.int('amount1'),
        sqrtPriceX96: r.uint('sqrtPriceX96'),
        tick: r.tick('tick'),
        liquidity: r.uint('liquidity'),
      };
    }
    default:
      throw r.error('event', `unknown event type ${JSON.stringify(kind)} (expected INITIALIZE, MINT, BURN, COLLECT or SWAP)`);
  }
}

/**
 * Parses the whole file. Checks the header, the field count of every row, each value's format,
 * and that rows are strictly increasing in (block_number, log_index), the replay order.
 * @param source a name for error messages (usually the file path)
 */
export function parseGenesisEvents(text: string, source = 'events.csv'): GenesisEvent[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0];
  if (header === undefined) throw new EventParseError(source, 1, undefined, 'empty file');
  const expected = GENESIS_COLUMNS.join(',');
  if (header.replace(/\r$/, '') !== expected) {
    throw new EventParseError(source, 1, undefined, `unexpected header\n  got:      ${header}\n  expected: ${expected}`);
  }
  const events: GenesisEvent[] = [];
  let previous: EventPosition | undefined;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const fields = (lines[i] ?? '').replace(/\r$/, '').split(',');
    if (fields.length !== GENESIS_COLUMNS.length) {
      throw new EventParseError(source, lineNo, undefined, `expected ${GENESIS_COLUMNS.length} fields, got ${fields.length}`);
    }
    const reader = new RowReader(source, lineNo, fields);
    const event = parseRow(reader, fields[0] ?? '');
    if (previous !== undefined) {
      const ordered = event.blockNumber > previous.blockNumber || (event.blockNumber === previous.blockNumber && event.logIndex > previous.logIndex);
      if (!ordered) {
        throw reader.error('log_index', `rows must be strictly increasing in (block_number, log_index); (${event.blockNumber}, ${event.logIndex}) follows (${previous.blockNumber}, ${previous.logIndex}) on line ${previous.line}`);
      }
    }
    previous = event;
    events.push(event);
  }
  return events;
}

/** Number of events of each kind, for asserting the fixture is the expected one. */
export function countByKind(events: readonly GenesisEvent[]): Record<GenesisEvent['kind'], number> {
  const counts = { INITIALIZE: 0, MINT: 0, BURN: 0, COLLECT: 0, SWAP: 0 };
  for (const e of events) counts[e.kind]++;
  return counts;
}
