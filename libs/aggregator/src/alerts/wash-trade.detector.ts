import { eventKey, type AlertEvent, type Decimal, type TradeEvent } from '@feedgate/core';
import { decimalOf } from '../util/decimal-stats';
import { RingBuffer } from '../util/ring-buffer';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import type { DetectorPort } from './anomaly-detector.port';

interface Seen {
  readonly ts: number;
  readonly key: string;
}

interface Series {
  readonly recent: RingBuffer<Seen>;
  /** price|amount → occurrences within the window. */
  readonly counts: Map<string, number>;
}

/**
 * Suspected wash trading: the same price AND the same amount traded minRepeats times or more
 * within windowMs on one exchange+symbol. Prices/amounts are keyed by their normalized value
 * (`1.50` and `1.5` are the same). Trades under minNotional are ignored. Bounded per series by
 * a ring of maxTracked trades.
 */
export class WashTradeDetector implements DetectorPort {
  private readonly series = new Map<string, Series>();
  private readonly minNotional: Decimal | null;

  constructor(
    private readonly cfg: AlertConfig['washTrade'],
    private readonly maxKeys: number,
  ) {
    this.minNotional = cfg.minNotional > 0 ? decimalOf(cfg.minNotional) : null;
  }

  onTrade(t: TradeEvent, _nowMs: number): readonly AlertEvent[] {
    // Dust is neither remembered nor counted (see AlertConfig.washTrade.minNotional).
    if (this.minNotional !== null && t.price.mul(t.amount).lt(this.minNotional)) return [];
    const id = eventKey(t);
    let s = this.series.get(id);
    if (s === undefined) {
      if (this.series.size >= this.maxKeys) return [];
      s = { recent: new RingBuffer<Seen>(this.cfg.maxTracked), counts: new Map() };
      this.series.set(id, s);
    }
    // Expire by arrival order against this trade's ts: cheap, and exact for in-order feeds.
    for (
      let f = s.recent.peekFront();
      f !== undefined && f.ts <= t.ts - this.cfg.windowMs;
      f = s.recent.peekFront()
    ) {
      this.forget(s, s.recent.shift()!);
    }
    const p = t.price.normalize();
    const a = t.amount.normalize();
    const key = `${p.mantissa}e${p.exponent}|${a.mantissa}e${a.exponent}`;
    const evicted = s.recent.push({ ts: t.ts, key });
    if (evicted !== undefined) this.forget(s, evicted);
    const n = (s.counts.get(key) ?? 0) + 1;
    s.counts.set(key, n);
    if (n < this.cfg.minRepeats) return [];
    const detail = `${t.exchange} ${t.symbol}: ${n} trades of ${t.amount} at ${t.price} within ${this.cfg.windowMs} ms`;
    return [
      makeAlert('wash-trade', n >= 2 * this.cfg.minRepeats ? 'critical' : 'warning', t, detail),
    ];
  }

  tick(nowMs: number): readonly AlertEvent[] {
    // Series whose newest trade is long gone hold no useful state: free them.
    for (const [id, s] of this.series) {
      const newest = s.recent.peekBack();
      if (newest === undefined || nowMs - newest.ts > this.cfg.windowMs * 2) this.series.delete(id);
    }
    return [];
  }

  private forget(s: Series, e: Seen): void {
    const n = (s.counts.get(e.key) ?? 1) - 1;
    if (n <= 0) s.counts.delete(e.key);
    else s.counts.set(e.key, n);
  }
}
