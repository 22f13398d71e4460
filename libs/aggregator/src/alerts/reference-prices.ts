import type { Decimal } from '@feedgate/core';
import { approxOf, decimalMedian, decimalMid } from '../util/decimal-stats';

/** A venue's latest reference: a trade price, or a quote whose exact mid is computed on demand. */
interface Ref {
  price: Decimal | null;
  bid: Decimal | null;
  ask: Decimal | null;
  /** The price as a double (see approxOf), for the float prefilter. */
  approx: number;
  at: number;
}

/**
 * Latest reference price (trade price or quote mid) of each venue per symbol, for the
 * cross-exchange median. Bounded by maxSymbols; one entry per venue, updated in place.
 * `collect` gathers the fresh references of the other venues into a reused scratch list, then
 * `approxMedian` / `exactMedian` read it: nearly every check is settled by the float median, so the
 * exact one (a Decimal sort, maybe a mid) is computed only near the threshold.
 */
export class ReferencePrices {
  private readonly bySymbol = new Map<string, Map<string, Ref>>();
  private readonly picked: Ref[] = [];
  private readonly approx: number[] = [];
  private pickedCount = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxSymbols: number,
  ) {}

  set(symbol: string, exchange: string, price: Decimal, nowMs: number): void {
    const r = this.refOf(symbol, exchange);
    if (r === undefined) return;
    r.price = price;
    r.bid = r.ask = null;
    r.approx = approxOf(price);
    r.at = nowMs;
  }

  /** A quote's mid (bid + ask) / 2 as the reference, the exact Decimal only computed if needed. */
  setMid(symbol: string, exchange: string, bid: Decimal, ask: Decimal, nowMs: number): void {
    const r = this.refOf(symbol, exchange);
    if (r === undefined) return;
    r.price = null;
    r.bid = bid;
    r.ask = ask;
    r.approx = (approxOf(bid) + approxOf(ask)) / 2;
    r.at = nowMs;
  }

  /** How many references the last `collect` picked. */
  get collectedCount(): number {
    return this.pickedCount;
  }

  /** Picks the fresh references of every venue except `exclude`; returns how many. */
  collect(symbol: string, exclude: string, nowMs: number): number {
    let n = 0;
    const venues = this.bySymbol.get(symbol);
    if (venues !== undefined) {
      for (const [ex, r] of venues) {
        if (ex !== exclude && nowMs - r.at <= this.maxAgeMs) this.picked[n++] = r;
      }
    }
    this.pickedCount = n;
    return n;
  }

  /** Median of the picked references as doubles (NaN if any is not representable). */
  approxMedian(): number {
    const n = this.pickedCount;
    const a = this.approx;
    for (let i = 0; i < n; i++) {
      // Insertion sort: a handful of venues.
      const v = this.picked[i].approx;
      let j = i;
      while (j > 0 && a[j - 1] > v) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = v;
    }
    for (let i = 0; i < n; i++) if (Number.isNaN(a[i])) return Number.NaN;
    const mid = n >> 1;
    return n % 2 === 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
  }

  /** Exact median of the picked references (null when none were picked). */
  exactMedian(): Decimal | null {
    const prices: Decimal[] = [];
    for (let i = 0; i < this.pickedCount; i++) {
      const r = this.picked[i];
      r.price ??= decimalMid(r.bid!, r.ask!);
      prices.push(r.price);
    }
    return decimalMedian(prices);
  }

  /** Forgets references older than maxAge (bounded memory for delisted symbols). */
  sweep(nowMs: number): void {
    this.picked.length = this.pickedCount = 0; // drop references to forgotten entries
    for (const [symbol, venues] of this.bySymbol) {
      for (const [ex, r] of venues) if (nowMs - r.at > this.maxAgeMs) venues.delete(ex);
      if (venues.size === 0) this.bySymbol.delete(symbol);
    }
  }

  private refOf(symbol: string, exchange: string): Ref | undefined {
    let venues = this.bySymbol.get(symbol);
    if (venues === undefined) {
      if (this.bySymbol.size >= this.maxSymbols) return undefined;
      this.bySymbol.set(symbol, (venues = new Map()));
    }
    let r = venues.get(exchange);
    if (r === undefined) {
      r = { price: null, bid: null, ask: null, approx: Number.NaN, at: 0 };
      venues.set(exchange, r);
    }
    return r;
  }
}
