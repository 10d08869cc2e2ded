-- regime_frequencies (P1, pair; depends on realized_vol_jumps): share of {{window_hours}}-hour windows in
-- each of the seven regimes over {{lookback_days}} days, with the median volatility and the pair's
-- Uniswap v3 volume and fees per hour (all fee tiers) in each.
-- Parameters: {{chain}}, {{token0}}, {{token1}}, {{lookback_days}} (90), {{window_hours}} (6).
-- The classification is the one in realized_vol_jumps.sql (same thresholds; see docs/intel.md).
WITH px AS (
  SELECT p1.minute, LN(p1.price / p0.price) AS lp
  FROM prices.usd p1
  JOIN prices.usd p0 ON p0.minute = p1.minute AND p0.blockchain = '{{chain}}' AND p0.contract_address = {{token0}}
  WHERE p1.blockchain = '{{chain}}'
    AND p1.contract_address = {{token1}}
    AND p1.minute >= date_trunc('hour', now()) - interval '{{lookback_days}}' day
    AND p1.minute < date_trunc('hour', now())
),
ret AS (
  SELECT
    minute,
    from_unixtime(floor(to_unixtime(minute) / ({{window_hours}} * 3600)) * ({{window_hours}} * 3600)) AS window_start,
    lp - lag(lp) OVER (ORDER BY minute) AS r
  FROM px
),
ret2 AS (
  SELECT window_start, minute, r, lag(r) OVER (PARTITION BY window_start ORDER BY minute) AS r_prev, floor(to_unixtime(minute) / 1800) AS block30
  FROM ret
  WHERE r IS NOT NULL
),
blocks AS (
  SELECT window_start, block30, sum(r) AS r30 FROM ret2 GROUP BY window_start, block30
),
win AS (
  SELECT window_start, count(*) AS n, sum(r * r) AS rv, sum(abs(r) * abs(COALESCE(r_prev, 0))) AS bp_sum, max(abs(r)) AS max_abs, sum(r) AS net
  FROM ret2
  GROUP BY window_start
  HAVING count(*) >= 0.8 * {{window_hours}} * 60
),
stats AS (
  SELECT
    w.window_start,
    w.net,
    w.max_abs,
    sqrt(w.rv / w.n * 525600) AS vol,
    sqrt(pi() / 2 * w.bp_sum * w.n / (w.n - 1) / w.n) AS sigma_bp,
    CASE WHEN w.rv > 0 THEN abs(w.net) / sqrt(w.rv) ELSE 0 END AS drift_z,
    CASE WHEN w.rv > 0 THEN (SELECT sum(b.r30 * b.r30) FROM blocks b WHERE b.window_start = w.window_start) / w.rv ELSE 1 END AS variance_ratio
  FROM win w
),
classified AS (
  SELECT
    window_start,
    vol,
    CASE
      WHEN max_abs >= 10 * sigma_bp AND max_abs >= 0.005 THEN 'jumpy'
      WHEN drift_z >= 1.5 AND net > 0 THEN 'trend_up'
      WHEN drift_z >= 1.5 THEN 'trend_down'
      WHEN variance_ratio < 0.7 THEN 'mean_revert'
      WHEN vol < 0.30 THEN 'low'
      WHEN vol < 0.60 THEN 'mid'
      ELSE 'high'
    END AS regime
  FROM stats
),
pools AS (
  SELECT pool, CAST(fee AS DOUBLE) / 1e6 AS fee_rate
  FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated
  WHERE token0 = {{token0}} AND token1 = {{token1}}
),
flow AS (
  SELECT
    from_unixtime(floor(to_unixtime(t.block_time) / ({{window_hours}} * 3600)) * ({{window_hours}} * 3600)) AS window_start,
    sum(COALESCE(t.amount_usd, 0)) AS volume_usd,
    sum(COALESCE(t.amount_usd, 0) * p.fee_rate) AS fees_usd
  FROM dex.trades t
  JOIN pools p ON t.project_contract_address = p.pool
  WHERE t.blockchain = '{{chain}}' AND t.project = 'uniswap' AND t.version = '3'
    AND t.block_time >= date_trunc('hour', now()) - interval '{{lookback_days}}' day
  GROUP BY 1
)
SELECT
  c.regime,
  count(*) AS windows,
  CAST(count(*) AS DOUBLE) / sum(count(*)) OVER () AS share,
  approx_percentile(c.vol, 0.5) AS vol_median,
  approx_percentile(f.volume_usd, 0.5) / {{window_hours}} AS volume_usd_per_hour,
  approx_percentile(f.fees_usd, 0.5) / {{window_hours}} AS fees_usd_per_hour
FROM classified c
LEFT JOIN flow f ON f.window_start = c.window_start
GROUP BY c.regime
ORDER BY c.regime
