import type { BookLevel } from '@feedgate/core';
import type { BookView } from '../protocol/book-rules';
import { compareDecimal, decimalKey } from './decimal-order';

/**
 * A maintained L2 book, kept only when the protocol has a checksum to verify. Levels are
 * keyed by canonical price; sorting happens on demand for the checksum view.
 */
export class OrderBook {
  private readonly bids = new Map<string, BookLevel>();
  private readonly asks = new Map<string, BookLevel>();

  /** Bound on levels per side: a side growing past it means a broken feed (reported by caller). */
  constructor(readonly maxLevelsPerSide = 100_000) {}

  reset(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** Applies levels; returns false when a side outgrew its bound. */
  apply(bids: readonly BookLevel[], asks: readonly BookLevel[]): boolean {
    applySide(this.bids, bids);
    applySide(this.asks, asks);
    return this.bids.size <= this.maxLevelsPerSide && this.asks.size <= this.maxLevelsPerSide;
  }

  view(depth: number): BookView {
    const bids = [...this.bids.values()].sort((a, b) => compareDecimal(b[0], a[0]));
    const asks = [...this.asks.values()].sort((a, b) => compareDecimal(a[0], b[0]));
    return { bids: bids.slice(0, depth), asks: asks.slice(0, depth) };
  }
}

function applySide(side: Map<string, BookLevel>, levels: readonly BookLevel[]): void {
  for (const level of levels) {
    const key = decimalKey(level[0]);
    if (level[1].mantissa === 0n) side.delete(key);
    else side.set(key, level);
  }
}
