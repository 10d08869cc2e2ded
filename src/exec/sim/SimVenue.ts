/**
 * The `sim` venue of one lane: the exact pool engine with the market's background LPs, following the
 * lane's market timeline. It hands out one port per wallet (strategy); each wallet gets its own copy
 * of the pool, made from the venue's template at the wallet's first write, so a wallet that never
 * trades (HODL) costs no pool copy and no block stepping. Until then a wallet's reads see the
 * template, which is what its copy would start from. The template never runs blocks: it only enters
 * each window (price sync, background recentring), so a copy made mid-window starts from the
 * window's start state.
 */
import { Pool } from '../../clmm/Pool.ts';
import { rawPriceToSqrtPriceX96 } from '../../clmm/price.ts';
import { getTickAtSqrtRatio } from '../../clmm/TickMath.ts';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { seedBackgroundLiquidity } from '../../market/backgroundLiquidity.ts';
import type { MarketWindow, MarketWindows } from '../../market/LaneMarket.ts';
import type { MarketConfig } from '../../market/marketConfig.ts';
import type { ExecutorPort } from '../ExecutorPort.ts';
import { enterWindow } from './enterWindow.ts';
import { SimWallet } from './SimWallet.ts';

export interface SimVenueParams {
  config: MarketConfig;
  /** The lane's market timeline: the window open now. */
  windows: MarketWindows;
  /** The external raw price the pool starts at (token1 base units per token0 base unit). */
  startRawPrice: number;
}

export interface SimWalletParams {
  /** The wallet's name (the strategy's); it owns the wallet's positions in the pool. */
  name: string;
  /** Idle tokens the wallet starts with, raw units. */
  amount0Raw: bigint;
  amount1Raw: bigint;
}

export class SimVenue {
  readonly config: MarketConfig;
  private readonly windows: MarketWindows;
  private readonly template: Pool;
  private templateWindow: MarketWindow | null = null;

  constructor(params: SimVenueParams) {
    this.config = params.config;
    this.windows = params.windows;
    const spec = params.config.pool;
    this.template = new Pool({ fee: spec.fee, tickSpacing: spec.tickSpacing });
    const sqrtPriceX96 = rawPriceToSqrtPriceX96(params.startRawPrice);
    this.template.initialize(sqrtPriceX96);
    seedBackgroundLiquidity({ pool: this.template, config: params.config, centerTick: getTickAtSqrtRatio(sqrtPriceX96) });
  }

  /** A port for one wallet of this venue. */
  port(wallet: SimWalletParams): ExecutorPort {
    return new SimWallet({ venue: this, ...wallet });
  }

  /** The window open now; a call before the lane opened one is a fault of the caller. */
  currentWindow(): MarketWindow {
    const w = this.windows.current();
    if (w === null) throw new ClmmLabError('EXEC_BAD_ADVANCE', 'sim venue: no market window is open yet (the lane opens one before calling the port)');
    return w;
  }

  /** The template brought to the current window: what a wallet without a pool copy sees. */
  templateNow(): Pool {
    const w = this.currentWindow();
    if (this.templateWindow !== w) {
      enterWindow({ pool: this.template, market: w.market, config: this.config });
      this.templateWindow = w;
    }
    return this.template;
  }
}
