import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { readRealDataInputs } from './fromRealData.ts';

const DAY = 'ethereum-0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640-2024-01-05';
const MINUTE_HEADER = 'timestamp,netAmount0,netAmount1,closeTick,openTick,lowestTick,highestTick,inAmount0,inAmount1,currentLiquidity';
const MINUTE_ROWS = [
  '2024-01-05 00:00:00,1896925364,-835312916639995304,199045.0,199045.0,199045.0,199045.0,1919611474,10000000000000000,12453647101533358277',
  '2024-01-05 00:01:00,80389587217,-35395146543385074471,199050,199045,199043,199045,80396587217,3085490361053837,12453647101533358277',
];
test('calibrate --from-real-data reads recorded CSVs as strictly: a minute CSV cut inside its last field is an error naming file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clmm-truncated-'));
  try {
    const file = join(dir, `${DAY}.minute.csv`);
    const whole = `${MINUTE_HEADER}\n${MINUTE_ROWS.join('\n')}\n`;
    writeFileSync(file, whole);
    assert.equal(readRealDataInputs({ dir }).files.length, 1);
    writeFileSync(file, whole.slice(0, whole.length - 10));
    assert.throws(() => readRealDataInputs({ dir }), (e: unknown) => e instanceof ClmmLabError && e.code === 'REAL_DATA_MISSING' && e.message.startsWith(file) && /line 3\b/.test(e.message) && /cut short/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
