import type { UnifiedEvent } from '@feedgate/core';
import type { Level } from './book-side';
import type { ConsolidatedDepthSnapshot, DepthLevel } from './consolidated-depth.model';
import {
  resolveConsolidationOptions,
  type ConsolidationOptions,
  type ResolvedConsolidationOptions,
} from './consolidated-bbo.options';
import { OrderBook } from './order-book';
import type { VenueQuote } from './venue-quote';

/**
 * Consolidated depth per symbol: every exchange's book maintained from `book` events, merged on
 * demand into the top N levels per side with the venue of each level. Same price on two venues
 * gives two levels (larger size first, then exchange id). `process` returns the venue's new top of
 * book (to feed the consolidated BBO and the book alerts); `tick` drops stale books and returns
 * snapshots of the symbols that changed since the last tick (conflated, like VWAP).
 */
export class ConsolidatedDepth {
  private readonly options: ResolvedConsolidationOptions;
  /** symbol → exchange → book. */
  private readonly books = new Map<string, Map<string, OrderBook>>();
  private readonly dirty = new Set<string>();
  private refused = 0;

  constructor(
    private readonly depth = 10,
    options: ConsolidationOptions = {},
  ) {
    this.options = resolveConsolidationOptions(options);
  }

  /** Applies a `book` event; returns the venue's top of book when the book is usable. */
  process(event: UnifiedEvent, nowMs: number): VenueQuote | null {
    if (event.type !== 'book') return null;
    let venues = this.books.get(event.symbol);
    if (venues === undefined) {
      if (this.books.size >= this.options.maxSymbols) {
        this.refused++;
        return null;
      }
      this.books.set(event.symbol, (venues = new Map()));
    }
    let book = venues.get(event.exchange);
    if (book === undefined) {
      book = new OrderBook(event.exchange, event.symbol, this.options.maxLevelsPerSide);
      venues.set(event.exchange, book);
    }
    if (!book.apply(event, nowMs)) return null;
    this.dirty.add(event.symbol);
    return book.topOfBook();
  }

  /** Top `n` levels per side across fresh, synced venue books. */
  top(symbol: string, nowMs: number, n = this.depth): ConsolidatedDepthSnapshot {
    const bids: DepthLevel[] = [];
    const asks: DepthLevel[] = [];
    let venues = 0;
    let ts = 0;
    let localTs = 0;
    for (const b of this.books.get(symbol)?.values() ?? []) {
      if (!b.synced || nowMs - b.updatedAt > this.options.staleAfterMs) continue;
      venues++;
      ts = Math.max(ts, b.ts);
      localTs = Math.max(localTs, b.localTs);
      // Each venue contributes at most n per side, so the merge sorts ≤ venues × n levels.
      for (const l of b.bids.top(n)) bids.push(tag(l, b.exchange));
      for (const l of b.asks.top(n)) asks.push(tag(l, b.exchange));
    }
    bids.sort((x, y) => order(x, y, 1));
    asks.sort((x, y) => order(x, y, -1));
    return { symbol, bids: bids.slice(0, n), asks: asks.slice(0, n), venues, ts, localTs };
  }

  tick(nowMs: number): readonly ConsolidatedDepthSnapshot[] {
    for (const [symbol, venues] of this.books) {
      for (const [ex, b] of venues) {
        if (nowMs - b.updatedAt > this.options.staleAfterMs) {
          venues.delete(ex);
          this.dirty.add(symbol);
        }
      }
    }
    const out: ConsolidatedDepthSnapshot[] = [];
    for (const symbol of this.dirty) {
      out.push(this.top(symbol, nowMs));
      if (this.books.get(symbol)?.size === 0) this.books.delete(symbol);
    }
    this.dirty.clear();
    return out;
  }

  refusedSymbols(): number {
    return this.refused;
  }
}

function tag(l: Level, exchange: string): DepthLevel {
  return { price: l.price, amount: l.amount, exchange };
}

/** Best first: price (by side), then larger amount, then exchange id. */
function order(x: DepthLevel, y: DepthLevel, dir: 1 | -1): number {
  const c = y.price.compare(x.price) * dir;
  if (c !== 0) return c;
  const a = y.amount.compare(x.amount);
  if (a !== 0) return a;
  return x.exchange < y.exchange ? -1 : x.exchange > y.exchange ? 1 : 0;
}
