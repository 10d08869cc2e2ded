/** Where a lane's episodes get their market: the regime model, or recorded windows. */
import type { GasState } from './gasModel.ts';
import type { EpisodeMarket, RegimeName } from './types.ts';

export interface MarketSource {
  /** The market of global episode `index`, continuing from the lane's last external price and gas state. */
  episodeMarket(params: { index: number; regime: RegimeName; startRawPrice: number; gasState: GasState }): { market: EpisodeMarket; endRawPrice: number; endGasState: GasState };
  /** The regime of episode `index` (drawn from the mix, or labelled from the recorded window). */
  regime(index: number): RegimeName;
}
