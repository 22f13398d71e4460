import type { AlertEvent, Decimal, TradeEvent } from '@feedgate/core';
import { APPROX_SLACK, approxOf, decimalOf } from '../util/decimal-stats';
import { VenueMap } from '../util/venue-map';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import { NO_ALERTS, type DetectorPort } from './anomaly-detector.port';
import { WashWindow } from './wash-window';

/**
 * Suspected wash trading: the same price AND the same amount traded minRepeats times or more
 * within windowMs on one exchange+symbol. Prices/amounts are keyed by their normalized value
 * (`1.50` and `1.5` are the same). Trades under minNotional are ignored. Bounded per series by
 * a ring of maxTracked trades.
 */
export class WashTradeDetector implements DetectorPort {
  private readonly series = new VenueMap<WashWindow>();
  private readonly minNotional: Decimal | null;

  constructor(
    private readonly cfg: AlertConfig['washTrade'],
    private readonly maxKeys: number,
  ) {
    this.minNotional = cfg.minNotional > 0 ? decimalOf(cfg.minNotional) : null;
  }

  onTrade(t: TradeEvent, _nowMs: number): readonly AlertEvent[] {
    // Dust is neither remembered nor counted (see AlertConfig.washTrade.minNotional).
    if (this.minNotional !== null && this.belowMinNotional(t, this.minNotional)) return NO_ALERTS;
    let s = this.series.get(t.exchange, t.symbol);
    if (s === undefined) {
      if (this.series.size >= this.maxKeys) return NO_ALERTS;
      s = new WashWindow(this.cfg.maxTracked);
      this.series.set(t.exchange, t.symbol, s);
    }
    // Expire by arrival order against this trade's ts: cheap, and exact for in-order feeds.
    s.expire(t.ts - this.cfg.windowMs);
    const n = s.add(t.ts, t.price, t.amount);
    if (n < this.cfg.minRepeats) return NO_ALERTS;
    const detail = `${t.exchange} ${t.symbol}: ${n} trades of ${t.amount} at ${t.price} within ${this.cfg.windowMs} ms`;
    return [
      makeAlert('wash-trade', n >= 2 * this.cfg.minRepeats ? 'critical' : 'warning', t, detail),
    ];
  }

  tick(nowMs: number): readonly AlertEvent[] {
    // Series whose newest trade is long gone hold no useful state: free them.
    for (const [exchange, symbol, s] of this.series.entries()) {
      const newest = s.newestTs();
      if (newest === undefined || nowMs - newest > this.cfg.windowMs * 2) {
        this.series.delete(exchange, symbol);
      }
    }
    return NO_ALERTS;
  }

  /** price × amount < min, exactly; a float estimate settles the cases far from the limit. */
  private belowMinNotional(t: TradeEvent, min: Decimal): boolean {
    const approx = approxOf(t.price) * approxOf(t.amount);
    const limit = this.cfg.minNotional;
    if (approx < limit * (1 - APPROX_SLACK)) return true;
    if (approx > limit * (1 + APPROX_SLACK)) return false;
    return t.price.mul(t.amount).lt(min); // close to the limit, or NaN
  }
}
