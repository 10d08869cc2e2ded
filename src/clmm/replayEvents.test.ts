/**
 * Ground truth for the engine: replays the complete on-chain history of Ethereum USDC/WETH 0.3%
 * from its Initialize (data README §4) and requires every Mint/Burn amount and every Swap's
 * post-swap sqrtPriceX96, tick, liquidity and amounts to match the chain exactly.
 * Data directory: $CLMM_REAL_DATA, default ../shared/data/real relative to the repo root.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from './Pool.ts';
import { countByKind, parseGenesisEvents } from '../../test/replay/genesisEvents.ts';
import { GENESIS_EVENTS_FILE, readRealDataFile } from '../../test/replay/realData.ts';
import { replayEvents } from '../../test/replay/replayEvents.ts';

const REPO_ROOT = new URL('../../', import.meta.url);

function loadGenesis() {
  const { path, text } = readRealDataFile(REPO_ROOT, GENESIS_EVENTS_FILE);
  return parseGenesisEvents(text, path);
}

test('genesis log of USDC/WETH 0.3% has the expected events', () => {
  const counts = countByKind(loadGenesis());
  assert.deepEqual(counts, { INITIALIZE: 1, MINT: 76, BURN: 5, COLLECT: 0, SWAP: 107 });
});

test('replaying the genesis log reproduces every recorded event exactly', (t) => {
  const events = loadGenesis();
  const report = replayEvents(new Pool({ fee: 3000 }), events);

  assert.deepEqual(report.applied, { INITIALIZE: 1, MINT: 76, BURN: 5, COLLECT: 0, SWAP: 107 });
  // Swaps come from routers as either exact input or exact output (none hit a price limit);
  // README §4 found 93 + 14, and the replay must agree on which is which.
  const exactInput = report.swapModes.filter((m) => m === 'exactInput').length;
  const exactOutput = report.swapModes.filter((m) => m === 'exactOutput').length;
  t.diagnostic(`swaps reproduced: ${exactInput} as exact input, ${exactOutput} as exact output`);
  assert.equal(exactInput, 93);
  assert.equal(exactOutput, 14);

  const lastSwap = events.findLast((e) => e.kind === 'SWAP');
  assert.ok(lastSwap?.kind === 'SWAP');
  assert.equal(report.pool.slot0.sqrtPriceX96, lastSwap.sqrtPriceX96);
});
