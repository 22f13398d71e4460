import type { BookSide } from './market-event';

/** [ticks, lots] of one level. */
export type Level = readonly [ticks: number, lots: number];

/** Best and worst price of one side, remembered until a change can move them. */
interface Extremes {
  best: number | undefined;
  worst: number | undefined;
  /** False once a level at the remembered price was deleted: the next read scans. */
  bestKnown: boolean;
  worstKnown: boolean;
}

/**
 * Integer order book of one symbol: price ticks → resting lots per side. Small (tens of
 * levels), so best prices are found by a scan instead of a sorted structure; every market step
 * reads the touch several times, so the best and worst price of each side are remembered
 * (a new level can only extend them, a deleted one at them forgets them). The sides are
 * read-only outside: every write goes through `set`.
 */
export class OrderBook {
  private readonly bidLevels = new Map<number, number>();
  private readonly askLevels = new Map<number, number>();
  private readonly bidEnds: Extremes = fresh();
  private readonly askEnds: Extremes = fresh();

  get bids(): ReadonlyMap<number, number> {
    return this.bidLevels;
  }

  get asks(): ReadonlyMap<number, number> {
    return this.askLevels;
  }

  side(side: BookSide): ReadonlyMap<number, number> {
    return side === 'bid' ? this.bidLevels : this.askLevels;
  }

  /** Sets a level (lots 0 deletes it). */
  set(side: BookSide, ticks: number, lots: number): void {
    const bid = side === 'bid';
    const m = bid ? this.bidLevels : this.askLevels;
    const e = bid ? this.bidEnds : this.askEnds;
    if (lots <= 0) {
      if (!m.delete(ticks)) return;
      if (ticks === e.best) e.bestKnown = false;
      if (ticks === e.worst) e.worstKnown = false;
      return;
    }
    m.set(ticks, lots);
    // Known extremes of an empty side are `undefined`: any level replaces them.
    if (e.bestKnown && (e.best === undefined || (bid ? ticks > e.best : ticks < e.best))) {
      e.best = ticks;
    }
    if (e.worstKnown && (e.worst === undefined || (bid ? ticks < e.worst : ticks > e.worst))) {
      e.worst = ticks;
    }
  }

  bestBid(): number | undefined {
    const e = this.bidEnds;
    if (!e.bestKnown) {
      e.best = scan(this.bidLevels, true);
      e.bestKnown = true;
    }
    return e.best;
  }

  bestAsk(): number | undefined {
    const e = this.askEnds;
    if (!e.bestKnown) {
      e.best = scan(this.askLevels, false);
      e.bestKnown = true;
    }
    return e.best;
  }

  /** The level furthest from the touch (the one trimmed when a side is over its depth). */
  worst(side: BookSide): number | undefined {
    const bid = side === 'bid';
    const e = bid ? this.bidEnds : this.askEnds;
    if (!e.worstKnown) {
      e.worst = scan(bid ? this.bidLevels : this.askLevels, !bid);
      e.worstKnown = true;
    }
    return e.worst;
  }

  /** Best-first levels of a side, at most `limit`. */
  levels(side: BookSide, limit = Number.POSITIVE_INFINITY): Level[] {
    const out = [...this.side(side).entries()];
    out.sort(side === 'bid' ? (x, y) => y[0] - x[0] : (x, y) => x[0] - y[0]);
    return out.length > limit ? out.slice(0, limit) : out;
  }
}

function fresh(): Extremes {
  return { best: undefined, worst: undefined, bestKnown: true, worstKnown: true };
}

/** The highest (or lowest) price of a side; undefined when it is empty. */
function scan(m: ReadonlyMap<number, number>, highest: boolean): number | undefined {
  let out: number | undefined;
  for (const t of m.keys()) if (out === undefined || (highest ? t > out : t < out)) out = t;
  return out;
}
