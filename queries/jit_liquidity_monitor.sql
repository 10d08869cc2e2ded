-- jit_liquidity_monitor (P2, pool, risk): just-in-time liquidity over {{lookback_days}} days.
-- Parameters: {{chain}}, {{pool_address}}, {{lookback_days}}.
-- A JIT pair: a Mint and a Burn of the same range by the same transaction sender in the same block,
-- the mint's transaction before the burn's, with a swap of the pool between them (Allium's
-- definition, refs/dune-api.md §10.4). jit_block_volume_share = pool volume in blocks with a JIT
-- pair / all pool volume.
WITH mints AS (
  SELECT m.evt_block_number AS block_number, m.evt_tx_hash, tx."from" AS sender, m.tickLower, m.tickUpper, tx.index AS tx_index
  FROM uniswap_v3_{{chain}}.Pair_evt_Mint m
  JOIN {{chain}}.transactions tx ON tx.hash = m.evt_tx_hash AND tx.block_number = m.evt_block_number
  WHERE m.contract_address = {{pool_address}}
    AND m.evt_block_time >= now() - interval '{{lookback_days}}' day
    AND tx.block_time >= now() - interval '{{lookback_days}}' day
),
burns AS (
  SELECT b.evt_block_number AS block_number, tx."from" AS sender, b.tickLower, b.tickUpper, tx.index AS tx_index
  FROM uniswap_v3_{{chain}}.Pair_evt_Burn b
  JOIN {{chain}}.transactions tx ON tx.hash = b.evt_tx_hash AND tx.block_number = b.evt_block_number
  WHERE b.contract_address = {{pool_address}}
    AND b.evt_block_time >= now() - interval '{{lookback_days}}' day
    AND tx.block_time >= now() - interval '{{lookback_days}}' day
),
swaps AS (
  SELECT s.evt_block_number AS block_number, tx.index AS tx_index
  FROM uniswap_v3_{{chain}}.Pair_evt_Swap s
  JOIN {{chain}}.transactions tx ON tx.hash = s.evt_tx_hash AND tx.block_number = s.evt_block_number
  WHERE s.contract_address = {{pool_address}}
    AND s.evt_block_time >= now() - interval '{{lookback_days}}' day
    AND tx.block_time >= now() - interval '{{lookback_days}}' day
),
pairs AS (
  SELECT DISTINCT m.block_number, m.evt_tx_hash
  FROM mints m
  JOIN burns b ON b.block_number = m.block_number AND b.sender = m.sender AND b.tickLower = m.tickLower AND b.tickUpper = m.tickUpper AND b.tx_index > m.tx_index
  WHERE EXISTS (SELECT 1 FROM swaps s WHERE s.block_number = m.block_number AND s.tx_index > m.tx_index AND s.tx_index < b.tx_index)
),
vol AS (
  SELECT block_number, sum(COALESCE(amount_usd, 0)) AS v
  FROM dex.trades
  WHERE blockchain = '{{chain}}' AND project = 'uniswap' AND version = '3'
    AND project_contract_address = {{pool_address}}
    AND block_time >= now() - interval '{{lookback_days}}' day
  GROUP BY 1
)
SELECT
  (SELECT count(*) FROM pairs) AS jit_pairs,
  (SELECT count(DISTINCT block_number) FROM pairs) AS jit_blocks,
  COALESCE((SELECT sum(v) FROM vol WHERE block_number IN (SELECT block_number FROM pairs)), 0) AS volume_in_jit_blocks_usd,
  COALESCE((SELECT sum(v) FROM vol WHERE block_number IN (SELECT block_number FROM pairs)) / nullif((SELECT sum(v) FROM vol), 0), 0) AS jit_block_volume_share
