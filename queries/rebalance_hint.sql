-- rebalance_hint (P1, pool; depends on pool_hourly_fees, gas_regime): how far the price moves in
-- 6 hours and what a rebalance costs in hours of pool fees, over the last {{lookback_days}} days.
-- Parameters: {{chain}}, {{pool_address}}, {{lookback_days}}.
-- tick_move_6h_* = percentiles of (max tick - min tick) over UTC-aligned 6-hour windows of swaps;
-- suggested_width_ticks = the p90 move rounded up to the pool's tick spacing (a range that would have
-- held the price for 9 windows in 10); rebalance_gas_usd = median USD gas of a multicall rebalance
-- plus a mint over the same days (NonfungiblePositionManager); breakeven_hours = that gas divided
-- by the pool's median hourly fees (what the whole pool earns: an LP's share is smaller).
WITH pool AS (
  SELECT pool, tickSpacing AS tick_spacing, CAST(fee AS DOUBLE) / 1e6 AS fee_rate
  FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated
  WHERE pool = {{pool_address}}
),
swaps AS (
  SELECT s.evt_block_time, s.evt_block_number, s.evt_index, s.tick
  FROM uniswap_v3_{{chain}}.Pair_evt_Swap s
  WHERE s.contract_address = {{pool_address}}
    AND s.evt_block_time >= now() - interval '{{lookback_days}}' day
),
windows AS (
  SELECT from_unixtime(floor(to_unixtime(evt_block_time) / 21600) * 21600) AS w, max(tick) - min(tick) AS move
  FROM swaps
  GROUP BY 1
),
hourly AS (
  SELECT date_trunc('hour', tr.block_time) AS h, sum(COALESCE(tr.amount_usd, 0)) * max(p.fee_rate) AS fees
  FROM dex.trades tr
  JOIN pool p ON tr.project_contract_address = p.pool
  WHERE tr.blockchain = '{{chain}}' AND tr.project = 'uniswap' AND tr.version = '3'
    AND tr.project_contract_address = {{pool_address}}
    AND tr.block_time >= now() - interval '{{lookback_days}}' day
  GROUP BY 1
),
gas AS (
  SELECT approx_percentile(CAST(t.gas_used AS DOUBLE) * CAST(t.gas_price AS DOUBLE) / 1e18 * e.price, 0.5) AS usd
  FROM {{chain}}.transactions t
  JOIN prices.usd e ON e.blockchain = 'ethereum' AND e.contract_address = 0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2 AND e.minute = date_trunc('minute', t.block_time)
  WHERE t.to = 0xc36442b4a4522e871399cd717abdd847ab11fe88
    AND t.success
    AND bytearray_substring(t.data, 1, 4) IN (0xac9650d8, 0x88316456)
    AND t.block_time >= now() - interval '{{lookback_days}}' day
)
SELECT
  (SELECT max_by(tick, evt_block_number * 100000 + evt_index) FROM swaps) AS current_tick,
  approx_percentile(w.move, 0.5) AS tick_move_6h_p50,
  approx_percentile(w.move, 0.9) AS tick_move_6h_p90,
  CAST(ceil(approx_percentile(w.move, 0.9) / max(p.tick_spacing)) * max(p.tick_spacing) AS BIGINT) AS suggested_width_ticks,
  (SELECT approx_percentile(fees, 0.5) FROM hourly) AS fees_usd_per_hour,
  -- a rebalance is two transactions: multicall(decrease + collect + burn) and mint
  2 * (SELECT usd FROM gas) AS rebalance_gas_usd,
  2 * (SELECT usd FROM gas) / nullif((SELECT approx_percentile(fees, 0.5) FROM hourly), 0) AS breakeven_hours
FROM windows w CROSS JOIN pool p
