import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LearningStateError } from '../agent/LearningStateError.ts';
import { AgentConfigError } from '../agent/parseAgentConfigPatch.ts';
import { PoolArgumentError } from '../clmm/PoolArgumentError.ts';
import { PoolRevertError } from '../clmm/PoolRevertError.ts';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { ERROR_CODES } from '../errors/errorCodes.ts';
import { DuneError } from '../intel/dune/DuneError.ts';
import { MarketConfigError } from '../market/marketConfig.ts';
import { RegimeMixError } from '../market/regimeMix.ts';
import { ReplayDataError } from '../market/replay/ReplayDataError.ts';
import { reportError } from './reportError.ts';

function report(error: unknown): { exit: number; lines: unknown[] } {
  const lines: unknown[] = [];
  return { exit: reportError(error, (line) => lines.push(line)), lines };
}

test("every core error class is a ClmmLabError with a registered code and keeps its own fields", () => {
  const revert = new PoolRevertError('SPL', 'price limit');
  assert.equal(revert.revertCode, 'SPL');
  assert.deepEqual(revert.details, { revertCode: 'SPL' });
  assert.equal(revert.message, 'pool reverted: SPL (price limit)');
  const argument = new PoolArgumentError('tickLower', 'an int24');
  assert.equal(argument.field, 'tickLower');
  const learning = new LearningStateError('regimes.low.count', 'expected a count', { details: { got: -1 } });
  assert.equal(learning.field, 'regimes.low.count');
  assert.deepEqual(learning.details, { got: -1 });
  const agent = new AgentConfigError('evGate.margin', 'a finite number', 'x');
  assert.equal(agent.field, 'evGate.margin');
  assert.equal(agent.expected, 'a finite number');
  const market = new MarketConfigError('noise.maxUsd', 'a size', 1);
  assert.deepEqual([market.field, market.expected, market.details], ['noise.maxUsd', 'a size', { field: 'noise.maxUsd', expected: 'a size', got: 1 }]);
  const mix = new RegimeMixError('low:x', 'weight "x" is not a number');
  assert.equal(mix.part, 'low:x');
  const replay = new ReplayDataError({ file: 'a.minute.csv', line: 3, column: 'close', problem: 'not a number' });
  assert.deepEqual([replay.file, replay.line, replay.column], ['a.minute.csv', 3, 'close']);
  const expected: Array<[ClmmLabError, string, string]> = [
    [revert, 'POOL_REVERT', 'PoolRevertError'],
    [argument, 'POOL_BAD_ARGUMENT', 'PoolArgumentError'],
    [learning, 'BAD_LEARNING_STATE', 'LearningStateError'],
    [agent, 'BAD_CONFIG', 'AgentConfigError'],
    [market, 'BAD_CONFIG', 'MarketConfigError'],
    [mix, 'BAD_REGIME_MIX', 'RegimeMixError'],
    [replay, 'REAL_DATA_MISSING', 'ReplayDataError'],
  ];
  for (const [error, code, name] of expected) {
    assert.ok(error instanceof ClmmLabError, name);
    assert.equal(error.code, code);
    assert.ok(error.code in ERROR_CODES);
    assert.equal(error.name, name);
  }
});

test('the CLI maps any ClmmLabError to its code, message and exit code', () => {
  assert.deepEqual(report(new PoolRevertError('TLU')), { exit: 1, lines: ['error [POOL_REVERT]: pool reverted: TLU'] });
  assert.deepEqual(report(new PoolArgumentError('amount', 'a uint128')), { exit: 2, lines: ['error [POOL_BAD_ARGUMENT]: amount must be a uint128'] });
  assert.equal(report(new LearningStateError('version', 'expected 1')).exit, 2);
  assert.equal(report(new AgentConfigError('x', 'a number')).exit, 2);
  assert.equal(report(new MarketConfigError('x', 'a number')).exit, 2);
  assert.equal(report(new RegimeMixError('', 'is empty')).exit, 2);
  assert.equal(report(new ReplayDataError({ file: 'f', problem: 'empty' })).exit, 2);
  assert.equal(report(new DuneError('DUNE_UNAUTHORIZED', 'bad key')).exit, 2);
  assert.equal(report(new DuneError('DUNE_SERVER', 'down')).exit, 3);
  assert.equal(report(new ClmmLabError('INTERRUPTED', 'stopped')).exit, 130);
  const internal = report(new TypeError('boom'));
  assert.equal(internal.exit, 1);
  assert.equal(internal.lines[0], 'error [INTERNAL]: unexpected fault, please report it');
});
