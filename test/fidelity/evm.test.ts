/** The EVM driver on its own: deployment, revert decoding, storage reads, and the op plumbing. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { encodeAbiParameters } from 'viem';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../src/clmm/TickMath.ts';
import { EvmDeployment, revertCode, type EvmPool } from './EvmPool.ts';
import { generateOps } from './generator.ts';
import { opFromJson, opToJson, payment } from './ops.ts';

const Q96 = 1n << 96n;
let deployment: EvmDeployment;

before(async () => {
  deployment = await EvmDeployment.deploy();
});

test('revertCode decodes Error(string) and reasonless reverts', () => {
  const reason = `0x08c379a0${encodeAbiParameters([{ type: 'string' }], ['LOK']).slice(2)}` as const;
  assert.equal(revertCode(reason), 'LOK');
  assert.equal(revertCode('0x'), 'NO_REASON');
  assert.equal(revertCode('0x12345678'), 'RAW:0x12345678');
});

test('every call before initialize reverts LOK, except a swap of 0 (AS comes first)', async () => {
  const pool = await deployment.createPool(3000);
  const range = { tickLower: -60, tickUpper: 60 };
  assert.deepEqual(await pool.mint({ recipient: 'a', ...range, amount: 1n }), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.burn({ owner: 'a', ...range, amount: 0n }), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.collect({ owner: 'a', ...range, amount0Requested: 1n, amount1Requested: 1n }), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.swap({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n }), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.swap({ zeroForOne: true, amountSpecified: 0n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n }), { ok: false, code: 'AS' });
  assert.deepEqual(await pool.setFeeProtocol(4, 4), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.collectProtocol({ amount0Requested: 1n, amount1Requested: 1n }), { ok: false, code: 'LOK' });
  assert.deepEqual(await pool.initialize(MIN_SQRT_RATIO - 1n), { ok: false, code: 'R' });
  assert.deepEqual(await pool.initialize(MAX_SQRT_RATIO), { ok: false, code: 'R' });
  assert.deepEqual(await pool.initialize(Q96), { ok: true, result: null });
  assert.deepEqual(await pool.initialize(Q96), { ok: false, code: 'AI' });
});

test('pool calls return their values and revert with the contract reason strings', async () => {
  const pool = await deployment.createPool(500);
  await pool.initialize(Q96);
  const range = { tickLower: -100, tickUpper: 100 };
  const minted = await pool.mint({ recipient: 'a', ...range, amount: 10n ** 18n });
  assert.ok(minted.ok && minted.result !== null && minted.result.amount0 > 0n && minted.result.amount1 > 0n);
  assert.deepEqual(await pool.mint({ recipient: 'a', ...range, amount: 0n }), { ok: false, code: 'NO_REASON' });
  assert.deepEqual(await pool.mint({ recipient: 'a', tickLower: -95, tickUpper: 100, amount: 1n }), { ok: false, code: 'NO_REASON' });
  assert.deepEqual(await pool.mint({ recipient: 'a', tickLower: 100, tickUpper: -100, amount: 1n }), { ok: false, code: 'TLU' });
  assert.deepEqual(await pool.mint({ recipient: 'a', ...range, amount: 10n ** 18n, pay: { adjust0: -1n, adjust1: 0n } }), { ok: false, code: 'M0' });
  assert.deepEqual(await pool.mint({ recipient: 'a', ...range, amount: 10n ** 18n, pay: { adjust0: 0n, adjust1: -1n } }), { ok: false, code: 'M1' });
  const swap = { zeroForOne: true, amountSpecified: 10n ** 15n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n };
  assert.deepEqual(await pool.swap({ ...swap, pay: { adjust0: -1n, adjust1: 0n } }), { ok: false, code: 'IIA' });
  assert.deepEqual(await pool.swap({ ...swap, sqrtPriceLimitX96: Q96 }), { ok: false, code: 'SPL' });
  const swapped = await pool.swap(swap);
  assert.ok(swapped.ok && swapped.result !== null && swapped.result.amount0 === 10n ** 15n && swapped.result.amount1 < 0n);
  assert.deepEqual(await pool.burn({ owner: 'b', ...range, amount: 0n }), { ok: false, code: 'NP' });
  assert.deepEqual(await pool.burn({ owner: 'a', ...range, amount: 10n ** 18n + 1n }), { ok: false, code: 'LS' });
  assert.deepEqual(await pool.setFeeProtocol(3, 0), { ok: false, code: 'NO_REASON' });
  assert.deepEqual(await pool.setFeeProtocol(4, 10), { ok: true, result: null });
});

test('a reverted call leaves the pool unchanged', async () => {
  const pool = await deployment.createPool(3000);
  await pool.initialize(Q96);
  await pool.mint({ recipient: 'a', tickLower: -600, tickUpper: 600, amount: 10n ** 20n });
  const read = (): ReturnType<EvmPool['read']> => pool.read([-600, 600], [{ owner: 'a', tickLower: -600, tickUpper: 600 }]);
  const before = await read();
  const r = await pool.swap({ zeroForOne: false, amountSpecified: -(10n ** 18n), sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n, pay: { adjust0: 0n, adjust1: -5n } });
  assert.deepEqual(r, { ok: false, code: 'IIA' });
  assert.deepEqual(await read(), before);
});

test('slot-by-slot storage reads agree with the pool getters (PoolLens)', async () => {
  const pool = await deployment.createPool(10000);
  await pool.initialize(Q96 * 3n);
  await pool.setFeeProtocol(5, 7);
  await pool.mint({ recipient: 'a', tickLower: -887200, tickUpper: 887200, amount: 10n ** 18n });
  await pool.mint({ recipient: 'b', tickLower: -2000, tickUpper: 400, amount: 3n * 10n ** 18n });
  for (let i = 0; i < 6; i++) {
    await pool.swap({ zeroForOne: i % 2 === 0, amountSpecified: 10n ** 18n, sqrtPriceLimitX96: i % 2 === 0 ? Q96 / 4n : Q96 * 16n });
  }
  await pool.burn({ owner: 'b', tickLower: -2000, tickUpper: 400, amount: 10n ** 18n });
  const ticks = [-887200, 887200, -2000, 400, 0, -200];
  const positions = [
    { owner: 'a', tickLower: -887200, tickUpper: 887200 },
    { owner: 'b', tickLower: -2000, tickUpper: 400 },
    { owner: 'c', tickLower: -2000, tickUpper: 400 },
  ];
  const viaStorage = await pool.read(ticks, positions);
  assert.deepEqual(viaStorage, await pool.readViaLens(ticks, positions));
  assert.equal(viaStorage.feeProtocol, 5 + (7 << 4));
  assert.ok(viaStorage.ticks[1]!.liquidityNet < 0n && viaStorage.positions[1]!.tokensOwed0 > 0n && viaStorage.protocolFees0 > 0n);
});

test('ops survive a JSON round trip and generation is deterministic', () => {
  const ops = generateOps({ count: 300, seed: 11 });
  assert.equal(ops.filter((op) => op.kind !== 'create').length, 300);
  assert.deepEqual(ops.map(opToJson), generateOps({ count: 300, seed: 11 }).map(opToJson));
  for (const op of ops) assert.deepEqual(opFromJson(opToJson(op)), op);
  assert.notDeepEqual(ops.map(opToJson), generateOps({ count: 300, seed: 12 }).map(opToJson));
});

test('payment follows the callee: max(0, max(owed, 0) + adjust)', () => {
  assert.equal(payment(10n, 0n), 10n);
  assert.equal(payment(10n, -3n), 7n);
  assert.equal(payment(10n, -30n), 0n);
  assert.equal(payment(-10n, 0n), 0n);
  assert.equal(payment(-10n, 4n), 4n);
});
