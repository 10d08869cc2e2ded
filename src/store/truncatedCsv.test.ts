import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { loadEventLog, loadMinuteBars } from './realData.ts';

const DAY = 'ethereum-0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640-2024-01-05';
const MINUTE_HEADER = 'timestamp,netAmount0,netAmount1,closeTick,openTick,lowestTick,highestTick,inAmount0,inAmount1,currentLiquidity';
const MINUTE_ROWS = [
  '2024-01-05 00:00:00,1896925364,-835312916639995304,199045.0,199045.0,199045.0,199045.0,1919611474,10000000000000000,12453647101533358277',
  '2024-01-05 00:01:00,80389587217,-35395146543385074471,199050,199045,199043,199045,80396587217,3085490361053837,12453647101533358277',
];
const EVENT_HEADER = 'block_number,block_timestamp,tx_type,transaction_hash,pool_tx_index,pool_log_index,proxy_log_index,sender,receipt,amount0,amount1,total_liquidity,total_liquidity_delta,sqrtPriceX96,current_tick,position_id,tick_lower,tick_upper,liquidity';
const SWAP = '18937382,2024-01-05 00:00:23,SWAP,0x0b,33,169,,0x3f,0x3f,-22686110,10000000000000000,12453647101533358277,0,1662995104975155420368771254341874,199045.0,,,,';
const MINT = '18937605,2024-01-05 00:44:59,MINT,0xf6,4,36,,0x51,,7589502067301,738908802009978532321,401697640259903404485,389297572651811471360,1664315632465534182883962852669835,199061.0,,199060.0,199070.0,389297572651811471360';

function truncatedError(file: string, line: number) {
  return (e: unknown) => {
    assert.ok(e instanceof ClmmLabError, String(e));
    assert.equal(e.code, 'REAL_DATA_MISSING');
    assert.ok(e.message.startsWith(file), e.message);
    assert.match(e.message, new RegExp(`line ${line}\\b`));
    assert.match(e.message, /cut short/);
    assert.equal(e.details?.line, line);
    return true;
  };
}

test('a minute CSV cut inside its last field is an error naming file and line, not accepted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clmm-truncated-'));
  try {
    const file = join(dir, `${DAY}.minute.csv`);
    const whole = `${MINUTE_HEADER}\n${MINUTE_ROWS.join('\n')}\n`;
    writeFileSync(file, whole);
    assert.equal(loadMinuteBars(dir)[0]!.bars.length, 2);
    // cut inside currentLiquidity of the last row: the field count is still right
    writeFileSync(file, whole.slice(0, whole.length - 10));
    assert.throws(() => loadMinuteBars(dir), truncatedError(file, 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an event log cut inside its last field is an error naming file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clmm-truncated-'));
  try {
    const file = join(dir, `${DAY}.tick.csv`);
    const whole = `${EVENT_HEADER}\n${SWAP}\n${MINT}\n`;
    writeFileSync(file, whole);
    assert.equal(loadEventLog(file).length, 2);
    writeFileSync(file, whole.slice(0, whole.length - 5));
    assert.throws(() => loadEventLog(file), truncatedError(file, 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
