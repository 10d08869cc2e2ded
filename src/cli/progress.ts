/**
 * Progress of long work: a bar on a terminal (episodes done, rate, ETA, running net PnL), plain
 * lines at every 5% when the output is not a terminal (CI logs, pipes).
 */
import cliProgress from 'cli-progress';
import type { ProgressSink } from '../campaign/executeRun.ts';

export function progressSink(params: { tty: boolean; print: (line: string) => void; label: string; now?: () => number }): ProgressSink {
  const now = params.now ?? (() => Date.now());
  let started = 0;
  let total = 0;
  if (params.tty) {
    const bar = new cliProgress.SingleBar(
      { format: `${params.label} [{bar}] {value}/{total} episodes | {rate}/s | ETA {eta_formatted} | agent net PnL {pnl}`, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(t) {
        started = now();
        total = t;
        bar.start(t, 0, { rate: '0.0', pnl: '$0.00' });
      },
      update(done, pnl) {
        const seconds = Math.max(1e-3, (now() - started) / 1000);
        bar.update(done, { rate: (done / seconds).toFixed(1), pnl: usd(pnl) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let nextReport = 0;
  return {
    start(t) {
      started = now();
      total = t;
      nextReport = Math.max(1, Math.ceil(t / 20));
    },
    update(done, pnl) {
      if (done < nextReport && done !== total) return;
      const seconds = Math.max(1e-3, (now() - started) / 1000);
      const rate = done / seconds;
      const eta = rate > 0 ? (total - done) / rate : 0;
      params.print(`${params.label}: ${done}/${total} episodes (${rate.toFixed(1)}/s, ETA ${eta.toFixed(0)} s), agent net PnL ${usd(pnl)}`);
      while (nextReport <= done) nextReport += Math.max(1, Math.ceil(total / 20));
    },
    stop() {},
  };
}

export function usd(x: number): string {
  const sign = x < 0 ? '-' : '';
  return `${sign}$${Math.abs(x).toFixed(2)}`;
}
