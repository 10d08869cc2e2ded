-- pool_health_score (P1, pool; depends on pool_hourly_fees, realized_vol_jumps): the pool's last 24 h.
-- Parameters: {{chain}}, {{pool_address}}.
-- health_score (0-100) = 40·activity + 30·breadth + 30·stability, each in [0, 1]:
--   activity  = min(1, fees_24h / (7-day average daily fees));
--   breadth   = min(1, traders_24h / 100);
--   stability = 1 - min(1, burns_24h / max(1, mints_24h + burns_24h) · 2 - 1) clamped to [0, 1]
--               (liquidity leaving faster than it arrives lowers it).
WITH pool AS (
  SELECT pool, CAST(fee AS DOUBLE) / 1e6 AS fee_rate
  FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated
  WHERE pool = {{pool_address}}
),
t AS (
  SELECT tr.block_time, COALESCE(tr.amount_usd, 0) AS amount_usd, tr.tx_from, p.fee_rate
  FROM dex.trades tr
  JOIN pool p ON tr.project_contract_address = p.pool
  WHERE tr.blockchain = '{{chain}}' AND tr.project = 'uniswap' AND tr.version = '3'
    AND tr.project_contract_address = {{pool_address}}
    AND tr.block_time >= now() - interval '7' day
),
day AS (
  SELECT
    sum(CASE WHEN block_time >= now() - interval '24' hour THEN amount_usd ELSE 0 END) AS volume_24h_usd,
    sum(CASE WHEN block_time >= now() - interval '24' hour THEN amount_usd * fee_rate ELSE 0 END) AS fees_24h_usd,
    sum(amount_usd * fee_rate) / 7 AS fees_daily_avg_7d,
    count_if(block_time >= now() - interval '24' hour) AS swaps_24h,
    count(DISTINCT CASE WHEN block_time >= now() - interval '24' hour THEN tx_from END) AS traders_24h
  FROM t
),
lp AS (
  SELECT
    (SELECT count(*) FROM uniswap_v3_{{chain}}.Pair_evt_Mint m WHERE m.contract_address = {{pool_address}} AND m.evt_block_time >= now() - interval '24' hour) AS mints_24h,
    (SELECT count(*) FROM uniswap_v3_{{chain}}.Pair_evt_Burn b WHERE b.contract_address = {{pool_address}} AND b.evt_block_time >= now() - interval '24' hour AND b.amount > 0) AS burns_24h
)
SELECT
  d.volume_24h_usd,
  d.fees_24h_usd,
  d.swaps_24h,
  d.traders_24h,
  l.mints_24h,
  l.burns_24h,
  100 * (
    0.4 * least(1.0, CASE WHEN d.fees_daily_avg_7d > 0 THEN d.fees_24h_usd / d.fees_daily_avg_7d ELSE 0 END)
    + 0.3 * least(1.0, CAST(d.traders_24h AS DOUBLE) / 100)
    + 0.3 * greatest(0.0, least(1.0, 1 - (CAST(l.burns_24h AS DOUBLE) / greatest(1, l.mints_24h + l.burns_24h) * 2 - 1)))
  ) AS health_score
FROM day d CROSS JOIN lp l
