import type { BookSide } from './market-event';

/** [ticks, lots] of one level. */
export type Level = readonly [ticks: number, lots: number];

/**
 * Integer order book of one symbol: price ticks → resting lots per side. Small (tens of
 * levels), so best prices are found by a scan instead of a sorted structure.
 */
export class OrderBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();

  side(side: BookSide): Map<number, number> {
    return side === 'bid' ? this.bids : this.asks;
  }

  /** Sets a level (lots 0 deletes it). */
  set(side: BookSide, ticks: number, lots: number): void {
    const m = this.side(side);
    if (lots <= 0) m.delete(ticks);
    else m.set(ticks, lots);
  }

  bestBid(): number | undefined {
    let best: number | undefined;
    for (const t of this.bids.keys()) if (best === undefined || t > best) best = t;
    return best;
  }

  bestAsk(): number | undefined {
    let best: number | undefined;
    for (const t of this.asks.keys()) if (best === undefined || t < best) best = t;
    return best;
  }

  /** The level furthest from the touch (the one trimmed when a side is over its depth). */
  worst(side: BookSide): number | undefined {
    let w: number | undefined;
    for (const t of this.side(side).keys()) {
      if (w === undefined || (side === 'bid' ? t < w : t > w)) w = t;
    }
    return w;
  }

  /** Best-first levels of a side, at most `limit`. */
  levels(side: BookSide, limit = Number.POSITIVE_INFINITY): Level[] {
    const out = [...this.side(side).entries()];
    out.sort(side === 'bid' ? (x, y) => y[0] - x[0] : (x, y) => x[0] - y[0]);
    return out.length > limit ? out.slice(0, limit) : out;
  }
}
