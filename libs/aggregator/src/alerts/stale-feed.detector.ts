import type { AlertEvent } from '@feedgate/core';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import type { DetectorPort } from './anomaly-detector.port';

interface Venue {
  lastAt: number;
  nativeSymbol: string;
  /** Already alerted for the current silence; re-armed when the venue speaks again. */
  alerted: boolean;
}

/**
 * An exchange+symbol silent for more than silentMs while at least one other venue still updates
 * the same symbol: its feed (not the market) is the likely problem. A market quiet everywhere
 * raises nothing. One alert per silence episode. Silence is measured on the injected clock.
 */
export class StaleFeedDetector implements DetectorPort {
  private readonly bySymbol = new Map<string, Map<string, Venue>>();

  constructor(
    private readonly cfg: AlertConfig['staleFeed'],
    private readonly maxKeys: number,
  ) {}

  onActivity(exchange: string, symbol: string, nativeSymbol: string, nowMs: number): void {
    let venues = this.bySymbol.get(symbol);
    if (venues === undefined) {
      if (this.bySymbol.size >= this.maxKeys) return;
      this.bySymbol.set(symbol, (venues = new Map()));
    }
    const v = venues.get(exchange);
    if (v === undefined) venues.set(exchange, { lastAt: nowMs, nativeSymbol, alerted: false });
    else {
      v.lastAt = Math.max(v.lastAt, nowMs);
      v.alerted = false;
    }
  }

  tick(nowMs: number): readonly AlertEvent[] {
    const out: AlertEvent[] = [];
    for (const [symbol, venues] of this.bySymbol) {
      let live = 0;
      for (const v of venues.values()) if (nowMs - v.lastAt <= this.cfg.silentMs) live++;
      for (const [exchange, v] of venues) {
        const silent = nowMs - v.lastAt;
        if (silent > this.cfg.forgetAfterMs) {
          venues.delete(exchange);
          continue;
        }
        if (live === 0 || v.alerted || silent <= this.cfg.silentMs) continue;
        v.alerted = true;
        const detail = `${exchange} ${symbol} silent for ${Math.round(silent)} ms (limit ${this.cfg.silentMs}) while ${live} other venue(s) are live`;
        out.push(
          makeAlert(
            'stale-feed',
            'warning',
            { exchange, symbol, nativeSymbol: v.nativeSymbol, ts: nowMs, localTs: nowMs },
            detail,
          ),
        );
      }
      if (venues.size === 0) this.bySymbol.delete(symbol);
    }
    return out;
  }
}
