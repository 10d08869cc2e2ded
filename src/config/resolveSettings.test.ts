import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { parseDecimal } from './parseDecimal.ts';
import { resolveSettings } from './resolveSettings.ts';
import { settingByKey } from './settingsTable.ts';

const gas = [settingByKey('gasUsd')];

function refused(sources: Parameters<typeof resolveSettings>[0], code: string, field: RegExp): void {
  assert.throws(
    () => resolveSettings(sources, gas),
    (e: unknown) => e instanceof ClmmLabError && e.code === code && field.test(e.message) && /a number in \[0, 10000\]/.test(e.message),
  );
}

test('number settings are decimal only: --gas-usd 0x10 (not 16), GAS_USD=0x10 and a config file "0x10" are bad input', () => {
  for (const raw of ['0x10', '0b101', '0o7', 'Infinity', '1_000', ' ', '1e']) {
    refused({ flags: { gasUsd: raw }, env: {} }, 'BAD_FLAG', /--gas-usd/);
    refused({ flags: {}, env: { GAS_USD: raw } }, 'BAD_ENV', /GAS_USD/);
    refused({ flags: {}, env: {}, config: { gasUsd: raw } }, 'BAD_CONFIG', /config\.gasUsd/);
  }
});

test('decimal numbers in every spelling still resolve (flag, environment, config file)', () => {
  assert.equal(resolveSettings({ flags: { gasUsd: '16' }, env: {} }, gas).values.gasUsd, 16);
  assert.equal(resolveSettings({ flags: {}, env: { GAS_USD: ' 4.20 ' } }, gas).values.gasUsd, 4.2);
  assert.equal(resolveSettings({ flags: {}, env: {}, config: { gasUsd: 1e3 } }, gas).values.gasUsd, 1000);
  assert.equal(resolveSettings({ flags: {}, env: {}, config: { gasUsd: '.5' } }, gas).values.gasUsd, 0.5);
  assert.deepEqual(['1', '+2', '-3.5', '.5', '5.', '1e3', '2.5E-2'].map(parseDecimal), [1, 2, -3.5, 0.5, 5, 1000, 0.025]);
  assert.deepEqual(['0x10', '', '1e999', 'NaN', '--1'].map(parseDecimal), [undefined, undefined, undefined, undefined, undefined]);
});
