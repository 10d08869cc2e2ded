-- liquidity_depth (P1, pool, EXPENSIVE): active liquidity by tick bucket around the current price,
-- rebuilt from the pool's whole Mint/Burn history (a full scan: refreshed on its 6-hour TTL only).
-- Parameters: {{chain}}, {{pool_address}}, {{bucket_ticks}} (100), {{buckets_each_side}} (50).
-- liquidity of a bucket = Σ over positions whose [tickLower, tickUpper) covers the bucket's lower
-- tick of (minted - burned) L; a decimal string (uint128 does not fit a double exactly).
WITH events AS (
  SELECT tickLower AS tick_lower, tickUpper AS tick_upper, CAST(amount AS INT256) AS dl
  FROM uniswap_v3_{{chain}}.Pair_evt_Mint
  WHERE contract_address = {{pool_address}}
  UNION ALL
  SELECT tickLower, tickUpper, -CAST(amount AS INT256)
  FROM uniswap_v3_{{chain}}.Pair_evt_Burn
  WHERE contract_address = {{pool_address}}
),
ranges AS (
  SELECT tick_lower, tick_upper, sum(dl) AS l
  FROM events
  GROUP BY 1, 2
  HAVING sum(dl) > 0
),
cur AS (
  SELECT max_by(tick, evt_block_number * 100000 + evt_index) AS tick
  FROM uniswap_v3_{{chain}}.Pair_evt_Swap
  WHERE contract_address = {{pool_address}}
    AND evt_block_time >= now() - interval '1' day
),
buckets AS (
  SELECT CAST(floor(c.tick / {{bucket_ticks}}) * {{bucket_ticks}} + k * {{bucket_ticks}} AS BIGINT) AS bucket_tick_lower, c.tick AS current_tick
  FROM cur c
  CROSS JOIN UNNEST(sequence(-{{buckets_each_side}}, {{buckets_each_side}})) AS s(k)
)
SELECT
  b.bucket_tick_lower,
  b.bucket_tick_lower - b.current_tick AS distance_ticks,
  CAST(COALESCE(sum(r.l), 0) AS VARCHAR) AS liquidity,
  b.current_tick
FROM buckets b
LEFT JOIN ranges r ON r.tick_lower <= b.bucket_tick_lower AND r.tick_upper > b.bucket_tick_lower
GROUP BY b.bucket_tick_lower, b.current_tick
ORDER BY b.bucket_tick_lower
