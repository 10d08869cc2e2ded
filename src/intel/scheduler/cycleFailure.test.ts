import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cycleFailure } from './cycleFailure.ts';
import type { RefreshOutcome } from './scheduler.ts';

const ok = (key: string): RefreshOutcome => ({ key, query: key, ok: true, credits: 5 });
const failed = (key: string, code: string): RefreshOutcome => ({ key, query: key, ok: false, credits: 0, error: { code, message: `${code} happened` } });

test('a cycle whose refreshes all failed for a failed service ends as that service error (exit 3)', () => {
  const e = cycleFailure({ outcomes: [failed('a', 'DUNE_SERVER'), failed('b', 'DUNE_RATE_LIMITED')] });
  assert.equal(e?.code, 'DUNE_SERVER');
  assert.equal(e?.kind, 'external');
  assert.match(e!.message, /every refresh failed \(2 of 2 failed\); a: DUNE_SERVER/);
});

test('a bad-input failure (DUNE_UNAUTHORIZED, an unknown query id) ends the cycle as bad input (exit 2), even beside successes', () => {
  assert.equal(cycleFailure({ outcomes: [failed('a', 'DUNE_SERVER'), failed('b', 'DUNE_UNAUTHORIZED')] })?.code, 'DUNE_UNAUTHORIZED');
  const e = cycleFailure({ outcomes: [ok('a'), failed('b', 'DUNE_NOT_FOUND')] });
  assert.equal(e?.kind, 'bad_input');
  assert.match(e!.message, /a refresh failed for bad input \(1 of 2 failed\); b: DUNE_NOT_FOUND/);
});

test('successes, nothing to refresh, or external failures beside successes end the cycle normally; an unregistered code is INTERNAL', () => {
  assert.equal(cycleFailure({ outcomes: [ok('a'), ok('b')] }), null);
  assert.equal(cycleFailure({ outcomes: [] }), null);
  assert.equal(cycleFailure({ outcomes: [ok('a'), failed('b', 'DUNE_TIMEOUT')] }), null);
  assert.equal(cycleFailure({ outcomes: [failed('a', 'ECONNWHATEVER')] })?.code, 'INTERNAL');
});
