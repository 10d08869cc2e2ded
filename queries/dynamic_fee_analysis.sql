-- dynamic_fee_analysis (P1, pool; depends on pool_hourly_fees): daily fees against daily realised
-- volatility over {{lookback_days}} days: does the fee tier pay for the volatility an LP carries?
-- Parameters: {{chain}}, {{pool_address}}, {{lookback_days}}.
-- realized_vol_ann: from hourly log returns of the pool's last swap tick per hour
-- (price = 1.0001^tick, so the log return is Δtick · ln(1.0001)), annualised with sqrt(24·365).
-- fees_per_vol_point_usd = fees_usd / (100 · realized_vol_ann): fees earned per point of volatility.
WITH pool AS (
  SELECT pool, CAST(fee AS DOUBLE) / 1e6 AS fee_rate
  FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated
  WHERE pool = {{pool_address}}
),
daily_flow AS (
  SELECT date_trunc('day', t.block_time) AS day, sum(COALESCE(t.amount_usd, 0)) AS volume_usd, sum(COALESCE(t.amount_usd, 0)) * max(p.fee_rate) AS fees_usd, count(*) AS swap_count
  FROM dex.trades t
  JOIN pool p ON t.project_contract_address = p.pool
  WHERE t.blockchain = '{{chain}}' AND t.project = 'uniswap' AND t.version = '3'
    AND t.project_contract_address = {{pool_address}}
    AND t.block_time >= date_trunc('day', now()) - interval '{{lookback_days}}' day
  GROUP BY 1
),
hourly_tick AS (
  SELECT date_trunc('hour', s.evt_block_time) AS h, max_by(s.tick, s.evt_block_number * 100000 + s.evt_index) AS tick
  FROM uniswap_v3_{{chain}}.Pair_evt_Swap s
  WHERE s.contract_address = {{pool_address}}
    AND s.evt_block_time >= date_trunc('day', now()) - interval '{{lookback_days}}' day
  GROUP BY 1
),
hourly_ret AS (
  SELECT date_trunc('day', h) AS day, (tick - lag(tick) OVER (ORDER BY h)) * ln(1.0001) AS r
  FROM hourly_tick
),
daily_vol AS (
  SELECT day, sqrt(avg(r * r) * 24 * 365) AS realized_vol_ann
  FROM hourly_ret
  WHERE r IS NOT NULL
  GROUP BY 1
)
SELECT
  f.day,
  f.volume_usd,
  f.fees_usd,
  f.swap_count,
  v.realized_vol_ann,
  f.fees_usd / nullif(100 * v.realized_vol_ann, 0) AS fees_per_vol_point_usd
FROM daily_flow f
LEFT JOIN daily_vol v ON v.day = f.day
ORDER BY f.day
