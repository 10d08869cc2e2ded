/** What every route of one app shares: the data dir, the intel source, the metrics, the open streams. */
import type { IntelStatusSource } from './intelStatusSource.ts';
import type { ServerMetrics } from './serverMetrics.ts';

export interface ServerContext {
  dataDir: string;
  intel: IntelStatusSource;
  metrics: ServerMetrics;
  /** How often an event stream looks for new lines, and how long it stays silent before a comment line keeps the connection open. */
  events: { pollMs: number; heartbeatMs: number; retryMs: number };
  /** Aborting one ends its event stream; the app aborts them all when it closes. */
  streams: Set<AbortController>;
}
