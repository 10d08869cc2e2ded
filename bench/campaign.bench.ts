/**
 * The campaign at its defaults (six-hour episodes, 8 lanes, 2 workers; the agent and all eight
 * baselines on every path): wall time, episodes per second and peak memory of a 1,000-episode run,
 * the same for a quarter-size run (memory must stay flat in the number of episodes), and the
 * campaign's engine swaps per second divided by the engine's raw replay rate of the same market
 * flow (arbitrage and noise swaps through applyBlock on bare pool copies) measured in this run.
 * Each campaign runs in its own process so its peak RSS is its own.
 *
 * Usage: npm run bench:campaign -- [--episodes N] [--workers W]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from '../src/clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../src/clmm/price.ts';
import { applyBlock } from '../src/market/applyBlock.ts';
import { seedBackgroundLiquidity } from '../src/market/backgroundLiquidity.ts';
import { initialGasState } from '../src/market/gasModel.ts';
import { generateEpisodeMarket } from '../src/market/generateEpisodeMarket.ts';
import { defaultMarketConfig } from '../src/market/marketConfig.ts';
import { drawRegime, parseRegimeMix } from '../src/market/regimeMix.ts';
import { createRng } from '../src/market/Rng.ts';
import { DEFAULT_REGIME_MIX } from '../src/config/settingsTable.ts';

const { values } = parseArgs({ options: { episodes: { type: 'string' }, workers: { type: 'string' }, child: { type: 'string' }, 'data-dir': { type: 'string' } } });
const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface CampaignFigures {
  episodes: number;
  wallS: number;
  peakRssMb: number;
  engineSwaps: number;
}

/** One campaign in this process (the child side); prints its figures as JSON. */
async function child(episodes: number, workers: number, dataDir: string): Promise<void> {
  const { main } = await import('../src/cli/main.ts');
  const t0 = performance.now();
  const code = await main(['node', 'clmm-lab', 'campaign', '--episodes', String(episodes), '--workers', String(workers), '--run-id', 'bench', '--data-dir', dataDir], { env: {}, print: (line) => process.stderr.write(`${line}\n`) });
  const wallS = (performance.now() - t0) / 1000;
  if (code !== 0) process.exit(code);
  const summary = JSON.parse(readFileSync(join(dataDir, 'runs', 'bench', 'metrics_summary.json'), 'utf8')) as { total_engine_swaps: number };
  const figures: CampaignFigures = { episodes, wallS, peakRssMb: process.resourceUsage().maxRSS / 1024, engineSwaps: summary.total_engine_swaps };
  console.log(JSON.stringify(figures));
}

function runCampaign(episodes: number, workers: number): CampaignFigures {
  const dataDir = mkdtempSync(join(tmpdir(), 'clmm-bench-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(episodes), '--workers', String(workers), '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`campaign of ${episodes} episodes exited ${r.status}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as CampaignFigures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The engine alone on the same kind of flow: applyBlock over whole episodes on bare pool copies. */
function rawReplayRate(episodes: number, copies: number): { swapsPerS: number; swaps: number } {
  const config = defaultMarketConfig();
  const spec = config.pool;
  const startRaw = 10 ** (spec.decimals1 - spec.decimals0) / config.startPriceUsd;
  const template = new Pool({ fee: spec.fee, tickSpacing: spec.tickSpacing });
  template.initialize(rawPriceToSqrtPriceX96(startRaw));
  seedBackgroundLiquidity({ pool: template, config, centerTick: template.slot0.tick });
  const mix = parseRegimeMix(DEFAULT_REGIME_MIX).mix;
  const root = createRng(42);
  const markets = Array.from({ length: episodes }, (_, i) => {
    const rng = root.fork(`episode:${i}`);
    return generateEpisodeMarket({ config, rng: rng.fork('market'), regime: drawRegime(mix, rng.fork('regime')), startRawPrice: startRaw, gasState: initialGasState(config), blocks: 21600 / 12 }).market;
  });
  const stats = { swaps: 0 };
  const replay = () => {
    for (const market of markets) {
      for (let c = 0; c < copies; c++) {
        const pool = template.clone();
        let cursor = 0;
        for (let b = 0; b < market.blocks; b++) cursor = applyBlock({ pool, market, block: b, tradeCursor: cursor, config, stats });
      }
    }
  };
  replay(); // warm-up
  stats.swaps = 0;
  const t0 = performance.now();
  replay();
  const seconds = (performance.now() - t0) / 1000;
  return { swapsPerS: stats.swaps / seconds, swaps: stats.swaps };
}

async function mainBench(): Promise<void> {
  const episodes = Number(values.episodes ?? 1000);
  const workers = Number(values.workers ?? 2);
  if (!Number.isSafeInteger(episodes) || episodes < 8) throw new Error(`--episodes must be an integer >= 8, got ${values.episodes}`);
  if (!Number.isSafeInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, got ${values.workers}`);
  console.log(`campaign benchmark: ${episodes} episodes, 8 lanes, ${workers} workers, six-hour episodes, agent + 8 baselines per path`);
  const quarter = runCampaign(Math.max(8, Math.round(episodes / 4)), workers);
  const full = runCampaign(episodes, workers);
  const raw = rawReplayRate(16, 8);
  const fmt = (f: CampaignFigures) => `${f.episodes} episodes: wall ${f.wallS.toFixed(1)} s, ${(f.episodes / f.wallS).toFixed(1)} episodes/s, peak memory ${f.peakRssMb.toFixed(0)} MB, ${(f.engineSwaps / f.wallS / 1000).toFixed(0)}k engine swaps/s`;
  console.log(fmt(quarter));
  console.log(fmt(full));
  console.log(`engine raw replay (applyBlock on bare pool copies, 1 thread): ${(raw.swapsPerS / 1000).toFixed(0)}k swaps/s over ${raw.swaps} swaps`);
  console.log(`peak memory ratio (${full.episodes} vs ${quarter.episodes} episodes): ${(full.peakRssMb / quarter.peakRssMb).toFixed(2)}`);
  console.log(`wall time for ${full.episodes} episodes: ${full.wallS.toFixed(1)} s (target < 90 s)`);
  console.log(`campaign/raw swap rate ratio: ${(full.engineSwaps / full.wallS / raw.swapsPerS).toFixed(2)} (target >= 0.5)`);
}

if (values.child !== undefined) await child(Number(values.child), Number(values.workers ?? 2), values['data-dir']!);
else await mainBench();
