/**
 * Splits a strategy's net PnL over an episode into parts that add up to it exactly (up to float
 * rounding): what holding the starting tokens made (market move), fees earned, the loss versus
 * holding of the position (impermanent loss; it contains the LVR the arbitrageurs took), the cost of
 * the strategy's own swaps, and gas. Net PnL is end value minus start value minus gas, all marked at
 * the external price; gas is subtracted once, here, and nowhere else.
 */
export interface AttributionInput {
  /** Value of all holdings (positions, uncollected fees, idle tokens) at the start, before the action. */
  startValueUsd: number;
  /** The same holdings (token amounts at the start) valued at the end price. */
  hodlEndValueUsd: number;
  /** Value of all holdings at the end. */
  endValueUsd: number;
  /** Fees earned during the window, valued at the end price. */
  feesUsd: number;
  swapCostUsd: number;
  gasUsd: number;
  /** Measured separately from per-block principal changes; a diagnostic part of `ilUsd`. */
  lvrUsd: number;
}

export interface Attribution {
  net_pnl_usd: number;
  market_pnl_usd: number;
  fees_usd: number;
  /** Loss versus holding the starting tokens, excluding fees and swap costs (positive = loss). */
  il_usd: number;
  /** Loss versus rebalancing of the positions' principal (positive = loss). */
  lvr_usd: number;
  swap_cost_usd: number;
  gas_usd: number;
  /** net − (market + fees − il − swap cost − gas): zero up to float rounding. */
  residual_usd: number;
}

export function attribute(input: AttributionInput): Attribution {
  const net = input.endValueUsd - input.startValueUsd - input.gasUsd;
  const market = input.hodlEndValueUsd - input.startValueUsd;
  const il = input.hodlEndValueUsd - (input.endValueUsd - input.feesUsd) - input.swapCostUsd;
  const residual = net - (market + input.feesUsd - il - input.swapCostUsd - input.gasUsd);
  return {
    net_pnl_usd: net,
    market_pnl_usd: market,
    fees_usd: input.feesUsd,
    il_usd: il,
    lvr_usd: input.lvrUsd,
    swap_cost_usd: input.swapCostUsd,
    gas_usd: input.gasUsd,
    residual_usd: residual,
  };
}
