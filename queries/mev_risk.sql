-- mev_risk (P2, pool, risk): sandwich attacks in the pool over {{lookback_days}} days.
-- Parameters: {{chain}}, {{pool_address}}, {{lookback_days}}.
-- Sources: dex.sandwiched (victim legs), dex.trades (pool volume).
-- mev_risk_score = min(1, sandwich_volume_share / 0.05): 5% of volume sandwiched or more is the top
-- of the scale (the planner treats >= 0.5 as a high risk signal).
WITH pool_volume AS (
  SELECT sum(COALESCE(amount_usd, 0)) AS v
  FROM dex.trades
  WHERE blockchain = '{{chain}}' AND project = 'uniswap' AND version = '3'
    AND project_contract_address = {{pool_address}}
    AND block_time >= now() - interval '{{lookback_days}}' day
),
victims AS (
  SELECT count(*) AS n, sum(COALESCE(amount_usd, 0)) AS v
  FROM dex.sandwiched
  WHERE blockchain = '{{chain}}'
    AND project_contract_address = {{pool_address}}
    AND block_time >= now() - interval '{{lookback_days}}' day
)
SELECT
  victims.n AS sandwiches,
  COALESCE(victims.v, 0) AS sandwiched_volume_usd,
  COALESCE(pool_volume.v, 0) AS pool_volume_usd,
  COALESCE(victims.v / nullif(pool_volume.v, 0), 0) AS sandwich_volume_share,
  least(1.0, COALESCE(victims.v / nullif(pool_volume.v, 0), 0) / 0.05) AS mev_risk_score
FROM victims CROSS JOIN pool_volume
