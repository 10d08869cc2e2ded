-- gas_regime (P0, global): gas paid per Uniswap v3 LP action, last {{lookback_days}} days.
-- Parameters: {{chain}} (a Dune chain schema, e.g. ethereum), {{lookback_days}} (number).
-- One row per action (mint, increase_liquidity, decrease_liquidity, collect, burn, multicall)
-- plus the row action = 'all' over every LP transaction; calibration reads gas_usd_p75 of 'all'.
-- Actions are classified by the 4-byte selector of the transaction sent to the
-- NonfungiblePositionManager; multicall (0xac9650d8) is kept apart because most rebalances
-- (decrease + collect + burn + mint) go through it. USD uses the ETH price of the same minute
-- (WETH in prices.usd on Ethereum: chains whose gas token is not ETH need another price row).
WITH lp_tx AS (
  SELECT
    t.block_time,
    CASE bytearray_substring(t.data, 1, 4)
      WHEN 0x88316456 THEN 'mint'
      WHEN 0x219f5d17 THEN 'increase_liquidity'
      WHEN 0x0c49ccbe THEN 'decrease_liquidity'
      WHEN 0xfc6f7865 THEN 'collect'
      WHEN 0x42966c68 THEN 'burn'
      WHEN 0xac9650d8 THEN 'multicall'
      ELSE 'other'
    END AS action,
    CAST(t.gas_used AS DOUBLE) AS gas_used,
    CAST(t.gas_price AS DOUBLE) AS gas_price_wei
  FROM {{chain}}.transactions t
  WHERE t.to = 0xc36442b4a4522e871399cd717abdd847ab11fe88
    AND t.success
    AND t.block_time >= now() - interval '{{lookback_days}}' day
),
eth AS (
  SELECT minute, price
  FROM prices.usd
  WHERE blockchain = 'ethereum'
    AND contract_address = 0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2
    AND minute >= now() - interval '{{lookback_days}}' day - interval '1' hour
),
priced AS (
  SELECT
    l.action,
    l.gas_used,
    l.gas_price_wei / 1e9 AS gas_gwei,
    l.gas_used * l.gas_price_wei / 1e18 * e.price AS gas_usd,
    e.price AS eth_usd
  FROM lp_tx l
  JOIN eth e ON e.minute = date_trunc('minute', l.block_time)
  WHERE l.action <> 'other'
),
last_hour AS (
  SELECT avg(CAST(b.base_fee_per_gas AS DOUBLE)) / 1e9 AS gwei
  FROM {{chain}}.blocks b
  WHERE b.time >= now() - interval '1' hour
),
by_action AS (
  SELECT action, priced.* FROM priced
  UNION ALL
  SELECT 'all' AS action, priced.* FROM priced
)
SELECT
  a.action,
  count(*) AS tx_count,
  approx_percentile(a.gas_used, 0.5) AS gas_used_median,
  approx_percentile(a.gas_gwei, 0.5) AS gas_price_gwei_median,
  approx_percentile(a.gas_gwei, 0.9) AS gas_price_gwei_p90,
  max(h.gwei) AS gas_price_gwei_last_hour,
  approx_percentile(a.gas_usd, 0.5) AS gas_usd_median,
  approx_percentile(a.gas_usd, 0.75) AS gas_usd_p75,
  approx_percentile(a.gas_usd, 0.9) AS gas_usd_p90,
  approx_percentile(a.eth_usd, 0.5) AS eth_usd
FROM (SELECT action, gas_used, gas_gwei, gas_usd, eth_usd FROM by_action) a
CROSS JOIN last_hour h
GROUP BY a.action
ORDER BY a.action
