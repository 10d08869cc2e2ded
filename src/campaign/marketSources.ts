/**
 * Where a lane's episodes get their market. `sim`: the regime model, one stream per episode index
 * forked from the run's seed, so every strategy and every worker sees the same path (common random
 * numbers). `replay`: consecutive windows of the recorded data (window = index mod window count),
 * labelled with the regime their statistics show.
 */
import type { MarketSource } from '../market/MarketSource.ts';
import type { RunContext } from '../episode/RunContext.ts';
import { createRng } from '../market/Rng.ts';
import { generateEpisodeMarket } from '../market/generateEpisodeMarket.ts';
import type { ReplayWindowInfo } from '../market/replay/replayEpisodeMarkets.ts';
import { drawRegime } from '../market/regimeMix.ts';
import { replayEpisodeMarkets } from '../store/realData.ts';

export function simMarketSource(ctx: RunContext): MarketSource {
  const root = createRng(ctx.seed);
  const blocks = ctx.horizonSeconds / ctx.blockSeconds;
  return {
    regime: (index) => drawRegime(ctx.regimeMix, root.fork(`episode:${index}`).fork('regime')),
    episodeMarket: ({ index, regime, startRawPrice, gasState }) =>
      generateEpisodeMarket({ config: ctx.marketConfig, rng: root.fork(`episode:${index}`).fork('market'), regime, startRawPrice, gasState, blocks }),
  };
}

export interface ReplayMarketSource extends MarketSource {
  windowCount: number;
  windows: ReplayWindowInfo[];
}

export function replayMarketSource(ctx: RunContext, realDataDir: string): ReplayMarketSource {
  const replay = replayEpisodeMarkets({ dataDir: realDataDir, horizonSeconds: ctx.horizonSeconds, blockSeconds: ctx.blockSeconds, config: ctx.marketConfig, rng: createRng(ctx.seed).fork('replay') });
  return {
    windowCount: replay.windowCount,
    windows: replay.windows,
    regime: (index) => replay.windows[index % replay.windowCount]!.regime,
    episodeMarket: ({ index, gasState }) => replay.episodeMarket({ index, gasState }),
  };
}

export function marketSourceFor(ctx: RunContext, realDataDir: string): MarketSource {
  return ctx.market === 'replay' ? replayMarketSource(ctx, realDataDir) : simMarketSource(ctx);
}
