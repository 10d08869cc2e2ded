-- toxic_flow_index (P2, pool, risk): how informed the pool's order flow is, over {{lookback_days}} days.
-- Parameters: {{chain}}, {{pool_address}}, {{lookback_days}}.
-- arb_volume_share: volume from addresses in labels.arbitrage_traders (tx_from);
-- top_of_block_volume_share: volume in a block's first two transactions (where CEX-DEX arbitrage sits);
-- markout_5m_bps: volume-weighted move of the pool price 5 minutes after each trade, in the trader's
--   favour (positive = LPs lost to the trader), from the token1 price in prices.usd;
-- toxicity_score = min(1, 0.5·arb_volume_share/0.5 + 0.25·top_of_block_share/0.5 + 0.25·max(0, markout)/5).
WITH pool AS (
  SELECT pool, token0, token1 FROM uniswap_v3_{{chain}}.Factory_evt_PoolCreated WHERE pool = {{pool_address}}
),
t AS (
  SELECT
    tr.block_time,
    tr.tx_from,
    COALESCE(tr.amount_usd, 0) AS amount_usd,
    tx.index AS tx_index,
    -- +1 when the trader bought token1 (profits if token1 rises), -1 when they sold it
    CASE WHEN tr.token_bought_address = p.token1 THEN 1 ELSE -1 END AS side,
    p.token1
  FROM dex.trades tr
  JOIN pool p ON tr.project_contract_address = p.pool
  JOIN {{chain}}.transactions tx ON tx.hash = tr.tx_hash AND tx.block_number = tr.block_number
  WHERE tr.blockchain = '{{chain}}' AND tr.project = 'uniswap' AND tr.version = '3'
    AND tr.project_contract_address = {{pool_address}}
    AND tr.block_time >= now() - interval '{{lookback_days}}' day
    AND tx.block_time >= now() - interval '{{lookback_days}}' day
),
marked AS (
  SELECT t.*, p0.price AS p_then, p5.price AS p_after
  FROM t
  LEFT JOIN prices.usd p0 ON p0.blockchain = '{{chain}}' AND p0.contract_address = t.token1 AND p0.minute = date_trunc('minute', t.block_time)
  LEFT JOIN prices.usd p5 ON p5.blockchain = '{{chain}}' AND p5.contract_address = t.token1 AND p5.minute = date_trunc('minute', t.block_time) + interval '5' minute
),
arbs AS (
  SELECT DISTINCT address FROM labels.arbitrage_traders WHERE blockchain = '{{chain}}'
),
agg AS (
  SELECT
    count(*) AS trades,
    sum(amount_usd) AS volume_usd,
    sum(CASE WHEN a.address IS NOT NULL THEN amount_usd ELSE 0 END) / nullif(sum(amount_usd), 0) AS arb_volume_share,
    sum(CASE WHEN tx_index <= 1 THEN amount_usd ELSE 0 END) / nullif(sum(amount_usd), 0) AS top_of_block_volume_share,
    sum(CASE WHEN p_then > 0 AND p_after > 0 THEN amount_usd * side * (p_after / p_then - 1) * 1e4 END)
      / nullif(sum(CASE WHEN p_then > 0 AND p_after > 0 THEN amount_usd END), 0) AS markout_5m_bps
  FROM marked m
  LEFT JOIN arbs a ON a.address = m.tx_from
)
SELECT
  trades,
  COALESCE(volume_usd, 0) AS volume_usd,
  COALESCE(arb_volume_share, 0) AS arb_volume_share,
  COALESCE(top_of_block_volume_share, 0) AS top_of_block_volume_share,
  markout_5m_bps,
  least(1.0,
    0.5 * COALESCE(arb_volume_share, 0) / 0.5
    + 0.25 * COALESCE(top_of_block_volume_share, 0) / 0.5
    + 0.25 * greatest(0.0, COALESCE(markout_5m_bps, 0)) / 5
  ) AS toxicity_score
FROM agg
