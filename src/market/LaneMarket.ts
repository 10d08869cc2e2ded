/**
 * One lane's simulated market timeline: the window of each episode the lane runs, in index order,
 * each continuing from the lane's last external price and gas state. The lane reads the market it
 * observes from here (external price, gas, ETH/USD) and a simulated venue runs the same window's
 * blocks on its pool copies, so both see one world. Episode `index` spans blocks
 * [index × blocks, (index + 1) × blocks); the blocks of other lanes' windows pass unseen.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { GasState } from './gasModel.ts';
import { initialGasState } from './gasModel.ts';
import type { MarketConfig } from './marketConfig.ts';
import type { MarketSource } from './MarketSource.ts';
import type { EpisodeMarket, RegimeName } from './types.ts';

export interface MarketWindow {
  /** Global episode index. */
  index: number;
  regime: RegimeName;
  /** Block height of the window's first block. */
  startBlock: number;
  market: EpisodeMarket;
}

/** What a venue needs of the timeline: the window open now. */
export interface MarketWindows {
  current(): MarketWindow | null;
}

export class LaneMarket implements MarketWindows {
  private readonly source: MarketSource;
  private rawPrice: number;
  private gasState: GasState;
  private window: MarketWindow | null = null;

  constructor(params: { source: MarketSource; config: Pick<MarketConfig, 'pool' | 'startPriceUsd' | 'gas'> }) {
    const { config } = params;
    this.source = params.source;
    this.rawPrice = 10 ** (config.pool.decimals1 - config.pool.decimals0) / config.startPriceUsd;
    this.gasState = initialGasState(config);
  }

  /** The lane's external raw price now (the start price before the first window). */
  get startRawPrice(): number {
    return this.rawPrice;
  }

  /** Opens episode `index`'s window; the lane's price and gas carry on from the previous window's end. */
  open(index: number): MarketWindow {
    if (this.window !== null && index <= this.window.index) throw new ClmmLabError('INTERNAL', `a lane opens its market windows in index order: ${index} after ${this.window.index}`);
    const regime = this.source.regime(index);
    const { market, endRawPrice, endGasState } = this.source.episodeMarket({ index, regime, startRawPrice: this.rawPrice, gasState: this.gasState });
    this.rawPrice = endRawPrice;
    this.gasState = endGasState;
    this.window = { index, regime, startBlock: index * market.blocks, market };
    return this.window;
  }

  current(): MarketWindow | null {
    return this.window;
  }
}
