-- realized_vol_jumps (P0, pair): volatility and window regimes of the pair, last {{lookback_days}} days.
-- Parameters: {{chain}}, {{token0}}, {{token1}} (0x… literals, token0 < token1), {{lookback_days}},
-- {{window_hours}} (the episode horizon, 6).
-- Price = USD price of token1 / USD price of token0 per minute (prices.usd), forward gaps ignored.
-- Each {{window_hours}}-hour window (UTC-aligned) with at least 80% of its minutes is classified with
-- the same rules as clmm-lab's calibration from recorded data (src/intel/calibration/regimeWindows.ts):
--   r = 1-minute log returns; rv = Σr²; vol = sqrt(rv / n · 525600);
--   bipower bv = (π/2) Σ|r_t||r_{t-1}| · n/(n-1); σ_bp = sqrt(bv / n);
--   jumpy        if max|r| ≥ 10·σ_bp and max|r| ≥ 0.5%;
--   trend_up/down if |Σr| / sqrt(rv) ≥ 1.5 (sign of Σr);
--   mean_revert  if the 30-minute variance ratio Σ(R30²) / rv < 0.7;
--   else low / mid / high by vol < 0.30 / < 0.60 / ≥ 0.60.
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
  SELECT
    window_start,
    minute,
    r,
    lag(r) OVER (PARTITION BY window_start ORDER BY minute) AS r_prev,
    floor(to_unixtime(minute) / 1800) AS block30
  FROM ret
  WHERE r IS NOT NULL
),
blocks AS (
  SELECT window_start, block30, sum(r) AS r30 FROM ret2 GROUP BY window_start, block30
),
win AS (
  SELECT
    s.window_start,
    count(*) AS n,
    sum(s.r * s.r) AS rv,
    sum(abs(s.r) * abs(COALESCE(s.r_prev, 0))) AS bp_sum,
    max(abs(s.r)) AS max_abs,
    sum(s.r) AS net
  FROM ret2 s
  GROUP BY s.window_start
  HAVING count(*) >= 0.8 * {{window_hours}} * 60
),
stats AS (
  SELECT
    w.window_start,
    w.n,
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
)
SELECT
  count(*) AS windows,
  approx_percentile(vol, 0.5) AS vol_median,
  approx_percentile(vol, 0.9) AS vol_p90,
  avg(CASE WHEN regime = 'jumpy' THEN 1.0 ELSE 0.0 END) AS jump_rate,
  avg(CASE WHEN regime IN ('trend_up', 'trend_down') THEN 1.0 ELSE 0.0 END) AS trend_rate,
  avg(CASE WHEN regime = 'trend_up' THEN 1.0 ELSE 0.0 END) AS trend_up_rate,
  avg(CASE WHEN regime = 'trend_down' THEN 1.0 ELSE 0.0 END) AS trend_down_rate,
  avg(CASE WHEN regime = 'mean_revert' THEN 1.0 ELSE 0.0 END) AS mean_revert_rate,
  min(window_start) AS first_window_start,
  max(window_start) + interval '{{window_hours}}' hour AS last_window_end
FROM classified
