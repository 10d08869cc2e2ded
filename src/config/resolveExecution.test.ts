import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { resolveExecution } from './resolveExecution.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClmmLabError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

test('each mode resolves to its executor: mock runs on sim, MOCK_CLMM forces mock, HB_ENV=real means shadow', () => {
  assert.deepEqual(resolveExecution({ values: { execMode: null } }), { mode: 'mock', executor: 'sim' });
  assert.deepEqual(resolveExecution({ values: { execMode: 'paper', mockClmm: true } }), { mode: 'mock', executor: 'sim' });
  assert.deepEqual(resolveExecution({ values: { execMode: null, hbEnv: 'real' } }), { mode: 'shadow', executor: 'shadow' });
  assert.deepEqual(resolveExecution({ values: { execMode: 'paper' } }), { mode: 'paper', executor: 'paper' });
  assert.deepEqual(resolveExecution({ values: { execMode: 'live', iUnderstandLiveRisk: true, executor: 'gateway' } }), { mode: 'live', executor: 'gateway' });
  assert.deepEqual(resolveExecution({ values: { execMode: 'live', iUnderstandLiveRisk: true, executor: 'onchain' } }), { mode: 'live', executor: 'onchain' });
});

test('--executor outside live mode is a named error that says where the value came from', () => {
  assert.match(codeOf(() => resolveExecution({ values: { execMode: 'mock', executor: 'gateway' }, sources: { executor: 'flag' } })), /^EXEC_EXECUTOR_IGNORED: --executor gateway: .*mode is mock/);
  assert.match(codeOf(() => resolveExecution({ values: { hbEnv: 'real', executor: 'onchain' }, sources: { executor: 'env' } })), /^EXEC_EXECUTOR_IGNORED: CLMM_EXECUTOR onchain: .*mode is shadow/);
  assert.match(codeOf(() => resolveExecution({ values: { executor: 'onchain' }, sources: { executor: 'config' } })), /^EXEC_EXECUTOR_IGNORED: config\.executor/);
});

test('live needs the acknowledgement first, then an executor', () => {
  assert.match(codeOf(() => resolveExecution({ values: { execMode: 'live', executor: 'gateway' } })), /^LIVE_NOT_ACKNOWLEDGED/);
  assert.match(codeOf(() => resolveExecution({ values: { execMode: 'live', iUnderstandLiveRisk: true } })), /^EXEC_EXECUTOR_MISSING: --executor/);
});
