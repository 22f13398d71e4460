import type { FeedState, StatusEvent } from '@feedgate/core';

/** The part of Nest's Logger this needs (a test passes a recorder). */
export interface StatusLogSink {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * States that mean data may be missing or late on this feed: an operator should see them.
 * Not `stopped`: that is a shutdown or an admin stop, each logged where it is decided.
 */
const DEGRADED: ReadonlySet<FeedState> = new Set(['stale', 'backoff', 'gap', 'resync']);

/** (exchange, symbol) pairs remembered; past this the oldest is forgotten (a bound, far above a gate's load). */
const MAX_TRACKED = 10_000;

/**
 * Logs the feed-state transitions of a gate's connectors: a connection or symbol going degraded
 * (backoff with the error that ended the session, a gap, a resync, a stale channel) at warn,
 * and its return to live at log. Without it a reconnect showed only as a counter, so an incident
 * (e.g. both replicas dropping the same exchange at once) could not be placed in time.
 * Only transitions are logged, so a flapping feed writes two lines per flap, not one per event.
 */
export class FeedStatusLogger {
  /** Last state per `exchange|symbol`, and whether it has been degraded since it was last live. */
  private readonly last = new Map<string, { state: FeedState; degraded: boolean }>();

  constructor(
    private readonly sink: StatusLogSink,
    private readonly gateId: string,
  ) {}

  observe(e: StatusEvent): void {
    const key = `${e.exchange}|${e.symbol}`;
    const prev = this.last.get(key);
    if (prev?.state === e.state) return;
    const line = `${this.gateId} ${e.exchange} ${e.symbol} ${prev?.state ?? 'new'} → ${e.state}: ${e.reason}`;
    let degraded = prev?.degraded ?? false;
    if (DEGRADED.has(e.state)) {
      this.sink.warn(line);
      degraded = true;
    } else if (e.state === 'live' && degraded) {
      this.sink.log(line);
      degraded = false;
    }
    this.last.delete(key);
    this.last.set(key, { state: e.state, degraded });
    if (this.last.size > MAX_TRACKED) this.last.delete(this.last.keys().next().value as string);
  }
}
