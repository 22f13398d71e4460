import type { BookLevel, Decimal } from '@feedgate/core';
import type { BookView } from '../protocol/book-rules';
import { compareDecimal } from './decimal-order';

/**
 * A maintained L2 book, kept only when the protocol has a checksum to verify. Each side is an
 * array kept in book order (bids highest first, asks lowest first) with one entry per price
 * VALUE (1.50 and 1.5 are one level; the latest level object is kept, so the checksum sees the
 * exchange's own text). The checksum runs on every delta: a view is then the top `depth` of
 * each array, where sorting the whole side each time cost a sort plus BigInt temporaries per
 * comparison.
 */
export class OrderBook {
  private readonly bids: BookLevel[] = [];
  private readonly asks: BookLevel[] = [];

  /** Bound on levels per side: a side growing past it means a broken feed (reported by caller). */
  constructor(readonly maxLevelsPerSide = 100_000) {}

  reset(): void {
    this.bids.length = 0;
    this.asks.length = 0;
  }

  /** Applies levels; returns false when a side outgrew its bound. */
  apply(bids: readonly BookLevel[], asks: readonly BookLevel[]): boolean {
    applySide(this.bids, bids, -1);
    applySide(this.asks, asks, 1);
    return this.bids.length <= this.maxLevelsPerSide && this.asks.length <= this.maxLevelsPerSide;
  }

  view(depth: number): BookView {
    return { bids: this.bids.slice(0, depth), asks: this.asks.slice(0, depth) };
  }
}

/** `order` 1: ascending prices (asks); -1: descending (bids). */
function applySide(side: BookLevel[], levels: readonly BookLevel[], order: 1 | -1): void {
  for (const level of levels) {
    const price = level[0];
    const i = lowerBound(side, price, order);
    const found = i < side.length && compareDecimal(side[i][0], price) === 0;
    if (level[1].mantissa === 0n) {
      if (found) side.splice(i, 1);
    } else if (found) side[i] = level;
    else side.splice(i, 0, level);
  }
}

/** First index whose price is not better than `price` (where `price` goes, or already is). */
function lowerBound(side: readonly BookLevel[], price: Decimal, order: 1 | -1): number {
  let lo = 0;
  let hi = side.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order * compareDecimal(side[mid][0], price) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
