import type { Decimal } from '@feedgate/core';
import { decimalMedian } from '../util/decimal-stats';

interface Ref {
  readonly price: Decimal;
  readonly at: number;
}

/**
 * Latest reference price (trade price or quote mid) of each venue per symbol, for the
 * cross-exchange median. Bounded by maxSymbols; one entry per venue.
 */
export class ReferencePrices {
  private readonly bySymbol = new Map<string, Map<string, Ref>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxSymbols: number,
  ) {}

  set(symbol: string, exchange: string, price: Decimal, nowMs: number): void {
    let venues = this.bySymbol.get(symbol);
    if (venues === undefined) {
      if (this.bySymbol.size >= this.maxSymbols) return;
      this.bySymbol.set(symbol, (venues = new Map()));
    }
    venues.set(exchange, { price, at: nowMs });
  }

  /** Median of the fresh references of every venue except `exclude`, with how many there were. */
  medianExcluding(
    symbol: string,
    exclude: string,
    nowMs: number,
  ): { median: Decimal; n: number } | null {
    const venues = this.bySymbol.get(symbol);
    if (venues === undefined) return null;
    const prices: Decimal[] = [];
    for (const [ex, r] of venues) {
      if (ex !== exclude && nowMs - r.at <= this.maxAgeMs) prices.push(r.price);
    }
    const median = decimalMedian(prices);
    return median === null ? null : { median, n: prices.length };
  }

  /** Forgets references older than maxAge (bounded memory for delisted symbols). */
  sweep(nowMs: number): void {
    for (const [symbol, venues] of this.bySymbol) {
      for (const [ex, r] of venues) if (nowMs - r.at > this.maxAgeMs) venues.delete(ex);
      if (venues.size === 0) this.bySymbol.delete(symbol);
    }
  }
}
