import type { MarketBatch } from '../market/market-event';
import type { BookView } from './kraken-book';

/**
 * What Kraken encodes for one market batch, shared by the connections that get the same frames.
 * Kraken books are diffs of each subscription's own depth-limited view, so the dialect cannot
 * declare `sharedEncoding`; but subscriptions of one depth that were sent the same view last
 * time (the common case: every connection saw the last tick) get the same update. Views are
 * immutable once made, so "the same view" is object identity. Valid for one batch: the server
 * encodes a batch for all its connections before the market moves on.
 */
export class KrakenTickCache {
  private batch: MarketBatch | null = null;
  private readonly frames = new Map<string, string[]>();
  private readonly views = new Map<number, BookView>();
  private readonly updates = new Map<BookView, string[]>();

  /** Frames that depend on the batch alone (trades, ticker), by channel. */
  shared(batch: MarketBatch, channel: string, make: () => string[]): string[] {
    this.use(batch);
    let out = this.frames.get(channel);
    if (!out) {
      out = make();
      this.frames.set(channel, out);
    }
    return out;
  }

  /** The book view of `depth` after this batch, one object for every subscription. */
  view(batch: MarketBatch, depth: number, make: () => BookView): BookView {
    this.use(batch);
    let v = this.views.get(depth);
    if (!v) {
      v = make();
      this.views.set(depth, v);
    }
    return v;
  }

  /** The update from view `before` to this batch's view (of the same depth). */
  update(batch: MarketBatch, before: BookView, make: () => string[]): string[] {
    this.use(batch);
    let out = this.updates.get(before);
    if (!out) {
      out = make();
      this.updates.set(before, out);
    }
    return out;
  }

  private use(batch: MarketBatch): void {
    if (batch === this.batch) return;
    this.batch = batch;
    this.frames.clear();
    this.views.clear();
    this.updates.clear();
  }
}
