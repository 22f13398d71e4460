import { Decimal, type BookEvent } from '@feedgate/core';
import { BookSide } from './book-side';
import type { VenueQuote } from './venue-quote';

/**
 * One exchange's book for one symbol, maintained from `book` events (snapshot replaces, delta
 * patches, amount 0 deletes). Sequence checks and resync happen upstream in the connector; here a
 * delta before any snapshot, or a failed checksum, leaves the book unsynced (not used) until the
 * next snapshot rather than showing a half-built book.
 */
export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
  synced = false;
  ts = 0;
  localTs = 0;
  nativeSymbol = '';
  /** Injected-clock time of the last applied event (staleness). */
  updatedAt = 0;

  constructor(
    readonly exchange: string,
    readonly symbol: string,
    maxLevelsPerSide: number,
  ) {
    this.bids = new BookSide(1, maxLevelsPerSide);
    this.asks = new BookSide(-1, maxLevelsPerSide);
  }

  /** Returns false when the event could not be applied (book unsynced). */
  apply(e: BookEvent, nowMs: number): boolean {
    if (e.checksumValid === false) {
      this.synced = false;
      return false;
    }
    if (e.snapshot) {
      this.bids.clear();
      this.asks.clear();
      this.synced = true;
    } else if (!this.synced) {
      return false;
    }
    for (const [p, a] of e.bids) this.bids.set(p, a);
    for (const [p, a] of e.asks) this.asks.set(p, a);
    this.ts = e.ts;
    this.localTs = e.localTs;
    this.nativeSymbol = e.nativeSymbol;
    this.updatedAt = nowMs;
    return true;
  }

  /** Top of book as a venue quote (null sides when empty). */
  topOfBook(): VenueQuote {
    return {
      exchange: this.exchange,
      symbol: this.symbol,
      nativeSymbol: this.nativeSymbol,
      bidPrice: this.bids.bestPrice() ?? null,
      bidAmount: this.bids.bestAmount() ?? Decimal.ZERO,
      askPrice: this.asks.bestPrice() ?? null,
      askAmount: this.asks.bestAmount() ?? Decimal.ZERO,
      ts: this.ts,
      localTs: this.localTs,
    };
  }
}
