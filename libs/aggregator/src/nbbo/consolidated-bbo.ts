import type { Decimal, UnifiedEvent } from '@feedgate/core';
import type { ConsolidatedBbo } from './consolidated-bbo.model';
import {
  resolveConsolidationOptions,
  type ConsolidationOptions,
  type ResolvedConsolidationOptions,
} from './consolidated-bbo.options';
import { quoteFromBbo, type VenueQuote } from './venue-quote';

/** A venue's latest quote; updated in place on every quote of the venue. */
interface Held {
  quote: VenueQuote;
  /** Injected-clock time of the update: staleness is about silence, not exchange time. */
  at: number;
}

interface SymbolState {
  readonly venues: Map<string, Held>;
  last: ConsolidatedBbo | null;
}

/**
 * Consolidated BBO (NBBO-style) per normalized symbol from every venue's latest quote.
 * Best bid = highest price; ties go to the larger size, then the exchange id in alphabetical
 * order (deterministic output for identical inputs). Same for the ask with the lowest price.
 * A venue silent for longer than staleAfterMs drops out. Emits only when the picture changes.
 */
export class ConsolidatedBboCalculator {
  private readonly options: ResolvedConsolidationOptions;
  private readonly symbols = new Map<string, SymbolState>();
  private refused = 0;
  // Result of the last pick(): read right after it, never across calls.
  private pickedBid: VenueQuote | null = null;
  private pickedAsk: VenueQuote | null = null;
  private pickedVenues = 0;

  constructor(options: ConsolidationOptions = {}) {
    this.options = resolveConsolidationOptions(options);
  }

  /** Applies a `bbo` event (other types ignored; feed book tops via applyQuote). */
  process(event: UnifiedEvent, nowMs: number): readonly ConsolidatedBbo[] {
    return event.type === 'bbo' ? this.applyQuote(quoteFromBbo(event), nowMs) : [];
  }

  /** Applies one venue's top of book (from a bbo event or a maintained order book). */
  applyQuote(q: VenueQuote, nowMs: number): readonly ConsolidatedBbo[] {
    let s = this.symbols.get(q.symbol);
    if (s === undefined) {
      if (this.symbols.size >= this.options.maxSymbols) {
        this.refused++;
        return [];
      }
      this.symbols.set(q.symbol, (s = { venues: new Map(), last: null }));
    }
    const held = s.venues.get(q.exchange);
    if (held === undefined) s.venues.set(q.exchange, { quote: q, at: nowMs });
    else {
      held.quote = q;
      held.at = nowMs;
    }
    return this.emitIfChanged(q.symbol, s, nowMs);
  }

  /** Drops stale venues; returns the symbols whose consolidated BBO changed by it. */
  tick(nowMs: number): readonly ConsolidatedBbo[] {
    const out: ConsolidatedBbo[] = [];
    for (const [symbol, s] of this.symbols) {
      let dropped = false;
      for (const [ex, h] of s.venues) {
        if (nowMs - h.at > this.options.staleAfterMs) {
          s.venues.delete(ex);
          dropped = true;
        }
      }
      if (dropped) out.push(...this.emitIfChanged(symbol, s, nowMs));
      if (s.venues.size === 0) this.symbols.delete(symbol); // the empty BBO was just emitted
    }
    return out;
  }

  get(symbol: string): ConsolidatedBbo | null {
    return this.symbols.get(symbol)?.last ?? null;
  }

  /** Live quotes of a symbol, one per venue (for the dashboard's per-exchange table). */
  venueQuotes(symbol: string): readonly VenueQuote[] {
    return [...(this.symbols.get(symbol)?.venues.values() ?? [])].map((h) => h.quote);
  }

  refusedSymbols(): number {
    return this.refused;
  }

  private emitIfChanged(symbol: string, s: SymbolState, nowMs: number): readonly ConsolidatedBbo[] {
    this.pick(s, nowMs);
    // Most quotes leave the consolidated picture as it was: decide that before building it.
    if (s.last !== null && this.samePick(s.last)) return NO_CHANGE;
    const next = this.build(symbol);
    s.last = next;
    return [next];
  }

  /** Best bid and ask venues (and the live venue count) into picked*. */
  private pick(s: SymbolState, nowMs: number): void {
    let bid: VenueQuote | null = null;
    let ask: VenueQuote | null = null;
    let venues = 0;
    for (const { quote: q, at } of s.venues.values()) {
      if (nowMs - at > this.options.staleAfterMs) continue; // stale even before the next tick
      venues++;
      if (
        q.bidPrice !== null &&
        (bid === null || better(q.bidPrice, q.bidAmount, q, bid.bidPrice!, bid.bidAmount, bid, 1))
      )
        bid = q;
      if (
        q.askPrice !== null &&
        (ask === null || better(q.askPrice, q.askAmount, q, ask.askPrice!, ask.askAmount, ask, -1))
      )
        ask = q;
    }
    this.pickedBid = bid;
    this.pickedAsk = ask;
    this.pickedVenues = venues;
  }

  /** sameBbo(last, the picked picture), without building the latter (kept in step with it). */
  private samePick(last: ConsolidatedBbo): boolean {
    const bid = this.pickedBid;
    const ask = this.pickedAsk;
    return (
      last.bidExchange === (bid?.exchange ?? null) &&
      last.askExchange === (ask?.exchange ?? null) &&
      last.venues === this.pickedVenues &&
      sameDecimal(last.bidPrice, bid?.bidPrice ?? null) &&
      sameDecimal(last.bidAmount, bid?.bidAmount ?? null) &&
      sameDecimal(last.askPrice, ask?.askPrice ?? null) &&
      sameDecimal(last.askAmount, ask?.askAmount ?? null)
    );
  }

  private build(symbol: string): ConsolidatedBbo {
    const bid = this.pickedBid;
    const ask = this.pickedAsk;
    const venues = this.pickedVenues;
    const cmp = bid !== null && ask !== null ? bid.bidPrice!.compare(ask.askPrice!) : -1;
    return {
      symbol,
      bidPrice: bid?.bidPrice ?? null,
      bidAmount: bid?.bidAmount ?? null,
      bidExchange: bid?.exchange ?? null,
      askPrice: ask?.askPrice ?? null,
      askAmount: ask?.askAmount ?? null,
      askExchange: ask?.exchange ?? null,
      crossed: cmp > 0,
      locked: cmp === 0,
      ts: Math.max(bid?.ts ?? Number.NEGATIVE_INFINITY, ask?.ts ?? Number.NEGATIVE_INFINITY, 0),
      localTs: Math.max(bid?.localTs ?? 0, ask?.localTs ?? 0),
      venues,
    };
  }
}

const NO_CHANGE: readonly ConsolidatedBbo[] = Object.freeze([]);

/** Value equality of two nullable decimals (the same object is the usual, cheap case). */
function sameDecimal(x: Decimal | null, y: Decimal | null): boolean {
  return x === y || (x !== null && y !== null && x.eq(y));
}

/** `dir` 1: higher price is better (bids); -1: lower is better (asks). */
function better(
  p: Decimal,
  a: Decimal,
  q: VenueQuote,
  bp: Decimal,
  ba: Decimal,
  b: VenueQuote,
  dir: 1 | -1,
): boolean {
  const c = p.compare(bp) * dir;
  if (c !== 0) return c > 0;
  const s = a.compare(ba);
  if (s !== 0) return s > 0;
  return q.exchange < b.exchange;
}
