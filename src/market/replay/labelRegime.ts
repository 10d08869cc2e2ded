/**
 * A regime label for a recorded window, estimated from the window's own minute path (never handed to
 * the agent as an oracle: it is for reporting `by_regime`, as the drawn regime is in the sim market).
 *
 * Rules, first match wins (thresholds checked against the 180 six-hour windows of the recorded data):
 * 1. trend_up / trend_down: the window's net log return is at least 1.5% and at least 1.75 of its own
 *    σ·√T (a drift that stands out of the noise; ≈10% of the recorded windows, mostly July–August 2022).
 * 2. jumpy: the jump share of variance (1 − bipower/realised) is at least 0.45 and the largest
 *    one-minute move is at least 10 bipower σ — in a market that is not quiet (σ ≥ the low/mid
 *    boundary), because in quiet markets pool-price microstructure alone makes jump shares of 0.5–0.9.
 * 3. mean_revert: the 30-minute variance ratio is at most 0.5 (30-minute moves undo half the 1-minute
 *    variance; an OU with the mean_revert regime's 2-h half-life gives ≈0.85, so this is strict).
 * 4. low / mid / high by volatility, split at the geometric mid-points of the configured regimes'
 *    volatilities (15/45/90% → 26% and 64%).
 */
import type { MarketConfig } from '../marketConfig.ts';
import type { RegimeName } from '../types.ts';
import type { WindowStats } from './windowStats.ts';

export const TREND_MIN_LOG_RETURN = 0.015;
export const TREND_MIN_T = 1.75;
export const JUMPY_MIN_JUMP_SHARE = 0.45;
export const JUMPY_MIN_MAX_MOVE_SIGMAS = 10;
export const MEAN_REVERT_MAX_VARIANCE_RATIO = 0.5;

export function labelRegime(params: { stats: WindowStats; windowSeconds: number; config: Pick<MarketConfig, 'regimes'> }): RegimeName {
  const { stats, config } = params;
  const years = params.windowSeconds / (365 * 86_400);
  const sd = stats.volAnnual * Math.sqrt(years);
  const t = sd > 0 ? stats.netLogReturn / sd : 0;
  if (Math.abs(stats.netLogReturn) >= TREND_MIN_LOG_RETURN && Math.abs(t) >= TREND_MIN_T) return stats.netLogReturn > 0 ? 'trend_up' : 'trend_down';
  const lowMid = Math.sqrt(config.regimes.low.volAnnual * config.regimes.mid.volAnnual);
  const midHigh = Math.sqrt(config.regimes.mid.volAnnual * config.regimes.high.volAnnual);
  if (stats.jumpShare >= JUMPY_MIN_JUMP_SHARE && stats.maxMoveSigmas >= JUMPY_MIN_MAX_MOVE_SIGMAS && stats.volAnnual >= lowMid) return 'jumpy';
  if (stats.varianceRatio <= MEAN_REVERT_MAX_VARIANCE_RATIO) return 'mean_revert';
  if (stats.volAnnual < lowMid) return 'low';
  if (stats.volAnnual < midHigh) return 'mid';
  return 'high';
}
