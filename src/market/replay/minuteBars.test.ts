import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampedCloseTick, parseMinuteBars } from './minuteBars.ts';
import { parseEventLog } from './eventLog.ts';
import { ReplayDataError } from './ReplayDataError.ts';
import { daysFromCivil } from './csvFields.ts';

const HEADER = 'timestamp,netAmount0,netAmount1,closeTick,openTick,lowestTick,highestTick,inAmount0,inAmount1,currentLiquidity';
const ROW1 = '2024-01-05 00:00:00,1896925364,-835312916639995304,199045.0,199045.0,199045.0,199045.0,1919611474,10000000000000000,12453647101533358277';
const ROW2 = '2024-01-05 00:01:00,80389587217,-35395146543385074471,199050,199045,199043,199045,80396587217,3085490361053837,12453647101533358277';

test('minute bars parse exactly (bigints, float-written ticks, UTC timestamps)', () => {
  const bars = parseMinuteBars(`${HEADER}\n${ROW1}\n${ROW2}\n`, 'x.minute.csv');
  assert.equal(bars.length, 2);
  assert.equal(bars[0]!.timestamp, daysFromCivil(2024, 1, 5) * 86400);
  assert.equal(bars[0]!.timestamp, 1704412800);
  assert.equal(bars[0]!.netAmount1, -835312916639995304n);
  assert.equal(bars[0]!.currentLiquidity, 12453647101533358277n);
  assert.equal(bars[0]!.closeTick, 199045);
  // a stale close outside [low, high] is kept as recorded and clamped on use (README §2 quirk 1)
  assert.equal(bars[1]!.closeTick, 199050);
  assert.equal(clampedCloseTick(bars[1]!), 199045);
});

function fails(text: string, pattern: RegExp, line?: number, column?: string): void {
  assert.throws(
    () => parseMinuteBars(text, 'bad.minute.csv'),
    (error: unknown) => {
      assert.ok(error instanceof ReplayDataError, String(error));
      assert.equal(error.code, 'REAL_DATA_MISSING');
      assert.match(error.message, /^bad\.minute\.csv/);
      assert.match(error.message, pattern);
      if (line !== undefined) assert.equal(error.line, line);
      if (column !== undefined) assert.equal(error.column, column);
      return true;
    },
  );
}

test('bad minute files fail naming the file, line and column', () => {
  fails('', /empty/);
  fails(`${HEADER}\n`, /no rows/);
  fails(HEADER.replace('closeTick', 'close') + `\n${ROW1}\n`, /missing column "closeTick"/, 1, 'closeTick');
  fails(`${HEADER}\n${ROW1}\n${ROW2.replace('80396587217', '8.5e10')}\n`, /expected an integer, got "8.5e10"/, 3, 'inAmount0');
  fails(`${HEADER}\n${ROW1.replace('1919611474', '-5')}\n`, /expected an integer >= 0/, 2, 'inAmount0');
  fails(`${HEADER}\n${ROW1.replace('199045.0,199045.0,199045.0,199045.0', '199045.5,199045,199045,199045')}\n`, /expected an integer/, 2, 'closeTick');
  fails(`${HEADER}\n${ROW1.replace('2024-01-05 00:00:00', '2024-13-05 00:00:00')}\n`, /not a valid date/, 2, 'timestamp');
  fails(`${HEADER}\n${ROW1.replace('2024-01-05 00:00:00', '05/01/2024')}\n`, /YYYY-MM-DD HH:MM:SS/, 2, 'timestamp');
  fails(`${HEADER}\n${ROW2}\n${ROW1}\n`, /does not increase/, 3, 'timestamp');
  fails(`${HEADER}\n${ROW1},7\n`, /has 11 fields, the header has 10/, 2);
  fails(`${HEADER}\n${ROW1.replace('199045.0,199045.0,199045.0,199045.0', '199045,199045,199050,199040')}\n`, /lowestTick 199050 is above highestTick 199040/, 2, 'lowestTick');
});

const EVENT_HEADER = 'block_number,block_timestamp,tx_type,transaction_hash,pool_tx_index,pool_log_index,proxy_log_index,sender,receipt,amount0,amount1,total_liquidity,total_liquidity_delta,sqrtPriceX96,current_tick,position_id,tick_lower,tick_upper,liquidity';
const SWAP = '18937382,2024-01-05 00:00:23,SWAP,0x0b,33,169,,0x3f,0x3f,-22686110,10000000000000000,12453647101533358277,0,1662995104975155420368771254341874,199045.0,,,,';
const MINT = '18937605,2024-01-05 00:44:59,MINT,0xf6,4,36,,0x51,,7589502067301,738908802009978532321,401697640259903404485,389297572651811471360,1664315632465534182883962852669835,199061.0,,199060.0,199070.0,389297572651811471360';
const COLLECT = '18937605,2024-01-05 00:44:59,COLLECT,0xf6,4,40,,0x51,0x51,1,1,1,0,1664315632465534182883962852669835,199061.0,,199060.0,199070.0,';

test('event logs keep the on-chain fields of swaps, mints and burns', () => {
  const events = parseEventLog(`${EVENT_HEADER}\n${SWAP}\n${MINT}\n${COLLECT}\n`, 'x.tick.csv');
  assert.equal(events.length, 2);
  const swap = events[0]!;
  assert.ok(swap.kind === 'SWAP');
  assert.equal(swap.amount0, -22686110n);
  assert.equal(swap.liquidity, 12453647101533358277n);
  assert.equal(swap.tick, 199045);
  assert.equal(swap.timestamp, 1704412823);
  const mint = events[1]!;
  assert.ok(mint.kind === 'MINT');
  assert.deepEqual([mint.tickLower, mint.tickUpper, mint.liquidity], [199060, 199070, 389297572651811471360n]);
  // the *.pool.tick.csv variant names the index columns tx_index / log_index
  const poolHeader = EVENT_HEADER.replace('pool_tx_index', 'tx_index').replace('pool_log_index', 'log_index');
  assert.equal(parseEventLog(`${poolHeader}\n${SWAP}\n`, 'x.pool.tick.csv').length, 1);
});

test('bad event logs fail naming the file, line and column', () => {
  const check = (text: string, pattern: RegExp, line: number) =>
    assert.throws(
      () => parseEventLog(text, 'bad.tick.csv'),
      (e: unknown) => e instanceof ReplayDataError && pattern.test(e.message) && e.line === line && e.message.startsWith('bad.tick.csv'),
    );
  check(`${EVENT_HEADER}\n${SWAP.replace('SWAP', 'SWOP')}\n`, /tx_type.*expected SWAP, MINT, BURN or COLLECT/, 2);
  check(`${EVENT_HEADER}\n${MINT}\n${SWAP}\n`, /is not after the previous row/, 3);
  check(`${EVENT_HEADER}\n${SWAP.replace('-22686110', '22686110')}\n`, /exactly one positive amount/, 2);
  check(`${EVENT_HEADER}\n${MINT.replace('199060.0,199070.0', '199070.0,199060.0')}\n`, /tick_lower 199070 is not below tick_upper 199060/, 2);
  check(`${EVENT_HEADER}\n${SWAP.replace('1662995104975155420368771254341874', 'x')}\n`, /column sqrtPriceX96: expected an integer/, 2);
});
