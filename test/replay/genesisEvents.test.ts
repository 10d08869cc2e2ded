/** The event-log parser must read exact integers and name the row and column of bad data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventParseError, GENESIS_COLUMNS, parseGenesisEvents } from './genesisEvents.ts';
import { planSwap } from './replayEvents.ts';

const HEADER = GENESIS_COLUMNS.join(',');
const TX = '0x' + 'ab'.repeat(32);
const NFT = '0xc36442b4a4522e871399cd717abdd847ab11fe88';
const ROUTER = '0xe592427a0aece92de3edee1f18e0157c05861564';
const INIT = `INITIALIZE,100,2021-05-04 23:10:00,1,1,${TX},1377930981022373588153883738259818,195285,,,,,,,,,1,1`;
const MINT = `MINT,100,2021-05-04 23:10:00,1,2,${TX},,,10860507277202,0,9999999999999134,192180.0,193380,${NFT},,,1,1`;
const SWAP = `SWAP,101,2021-05-05 01:56:23,1,1,${TX},1377932816571815120446551350158799,195285,4303369674465501,-329608,100000000000000,,,,${ROUTER},${ROUTER},1,1`;

function file(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

test('parses exact integers, float-written ticks and signed swap deltas', () => {
  const events = parseGenesisEvents(file(INIT, MINT, SWAP));
  assert.equal(events.length, 3);
  const [init, mint, swap] = events;
  assert.ok(init?.kind === 'INITIALIZE' && mint?.kind === 'MINT' && swap?.kind === 'SWAP');
  assert.equal(init.sqrtPriceX96, 1377930981022373588153883738259818n);
  assert.equal(mint.tickLower, 192180);
  assert.equal(mint.amount1, 9999999999999134n);
  assert.equal(swap.amount0, -329608n);
  assert.equal(swap.line, 4);
  assert.deepEqual(planSwap(swap), { zeroForOne: false, exactInput: 100000000000000n, exactOutput: -329608n });
});

function parseError(text: string): string {
  try {
    parseGenesisEvents(text, 'fixture.csv');
  } catch (err) {
    assert.ok(err instanceof EventParseError, String(err));
    return err.message;
  }
  assert.fail('expected a parse error');
}

test('a bad value names its line, row and column', () => {
  const msg = parseError(file(INIT, MINT.replace('10860507277202', '1.5e13')));
  assert.match(msg, /^fixture\.csv: line 3 \(data row 2\), column "liquidity": expected an unsigned integer, got "1\.5e13"/);
  assert.match(parseError(file(SWAP.replace('-329608', '-32x'))), /line 2 .*column "amount0": expected a signed integer/);
  assert.match(parseError(file(MINT.replace('193380', '192000'))), /column "tick_upper": tick_upper 192000 must exceed tick_lower 192180/);
  assert.match(parseError(file(MINT.replace(NFT, '0x12'))), /column "owner": expected a 20-byte hex address/);
  assert.match(parseError(file(INIT.replace('INITIALIZE', 'FLASH'))), /column "event": unknown event type "FLASH"/);
  assert.match(parseError(file(INIT.replace(',,,,,,', ',,,5,,,'))), /column "amount1": expected empty for this event type/);
});

test('structural problems are reported', () => {
  assert.match(parseError(''), /line 1: empty file/);
  assert.match(parseError('event,block\n'), /line 1: unexpected header/);
  assert.match(parseError(file(INIT + ',extra')), /line 2: expected 18 fields, got 19/);
  assert.match(parseError(file(MINT, INIT)), /line 3 .*strictly increasing in \(block_number, log_index\)/);
});

test('a swap with no positive delta has no direction', () => {
  const [swap] = parseGenesisEvents(file(SWAP.replace(',100000000000000,', ',-1,')));
  assert.ok(swap?.kind === 'SWAP');
  assert.throws(() => planSwap(swap), /line 2: cannot tell the swap direction/);
});
