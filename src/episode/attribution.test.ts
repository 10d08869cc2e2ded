import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { attribute } from './attribution.ts';

test('the parts add up to the net PnL, which is end minus start minus gas', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e4, noNaN: true }),
      fc.double({ min: -10, max: 1e3, noNaN: true }),
      fc.double({ min: 0, max: 1e3, noNaN: true }),
      (start, hodlEnd, end, fees, swapCost, gas) => {
        const a = attribute({ startValueUsd: start, hodlEndValueUsd: hodlEnd, endValueUsd: end, feesUsd: fees, swapCostUsd: swapCost, gasUsd: gas, lvrUsd: 0 });
        const sum = a.market_pnl_usd + a.fees_usd - a.il_usd - a.swap_cost_usd - a.gas_usd;
        return Math.abs(a.net_pnl_usd - (end - start - gas)) <= 1e-9 * (1 + Math.abs(end) + Math.abs(start)) && Math.abs(a.net_pnl_usd - sum) <= 1e-6 && Math.abs(a.residual_usd) <= 1e-6;
      },
    ),
  );
});

test('a position that only earned fees, with no price move, has zero impermanent loss', () => {
  const a = attribute({ startValueUsd: 10_000, hodlEndValueUsd: 10_000, endValueUsd: 10_012, feesUsd: 12, swapCostUsd: 0, gasUsd: 3, lvrUsd: 0 });
  assert.equal(a.net_pnl_usd, 9);
  assert.equal(a.il_usd, 0);
  assert.equal(a.market_pnl_usd, 0);
});
