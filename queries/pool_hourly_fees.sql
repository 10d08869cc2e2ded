-- pool_hourly_fees (P0, pool): the pool's hourly volume, fees, swap count and price, last {{hours}} hours.
-- Parameters: {{chain}}, {{pool_address}} (0x… literal, a varbinary in DuneSQL), {{hours}} (number).
-- Source of the swap windows (1h/6h/24h) and metric windows (6h/24h) and of the calibration's
-- fee inputs (median / p90 of hourly fees, computed by clmm-lab from these rows).
-- fees_usd = volume × the pool's fee tier (Factory PoolCreated.fee, in hundredths of a bip).
-- price = token1 per token0 in human units from each trade's amounts (token0 = the lower address),
-- e.g. USDC per WETH for the USDC/WETH pools; hours without a trade are absent.
WITH pool AS (
  SELECT pool, token0, token1, CAST(fee AS DOUBLE) / 1e6 AS fee_rate
  FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated
  WHERE pool = {{pool_address}}
),
trades AS (
  SELECT
    date_trunc('hour', t.block_time) AS hour,
    t.block_number,
    t.evt_index,
    COALESCE(t.amount_usd, 0) AS amount_usd,
    CASE
      WHEN t.token_bought_address = p.token1 AND t.token_bought_amount > 0 THEN t.token_sold_amount / t.token_bought_amount
      WHEN t.token_sold_address = p.token1 AND t.token_sold_amount > 0 THEN t.token_bought_amount / t.token_sold_amount
    END AS token0_per_token1,
    p.fee_rate
  FROM dex.trades t
  JOIN pool p ON t.project_contract_address = p.pool
  WHERE t.blockchain = '{{chain}}'
    AND t.project = 'uniswap'
    AND t.version = '3'
    AND t.project_contract_address = {{pool_address}}
    AND t.block_time >= date_trunc('hour', now()) - interval '{{hours}}' hour
)
SELECT
  hour,
  sum(amount_usd) AS volume_usd,
  sum(amount_usd) * max(fee_rate) AS fees_usd,
  count(*) AS swap_count,
  max_by(token0_per_token1, block_number * 100000 + evt_index) AS price_close,
  max(token0_per_token1) AS price_high,
  min(token0_per_token1) AS price_low
FROM trades
GROUP BY hour
ORDER BY hour
