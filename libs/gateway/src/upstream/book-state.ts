import type { BookEvent, BookLevel, Decimal, JsonBookEvent, JsonBookLevel } from '@feedgate/core';
import { BookSide } from './book-side';
import { levelKey } from './level.key';

/**
 * One exchange's order book for one symbol, maintained from snapshot + deltas so that a new
 * book subscriber can start with a snapshot. Levels are keyed by price value (levelKey: `1.0`
 * and `1` are the same level) and held compactly (BookSide); each side is trimmed back to
 * `maxLevels` (once past 125% of it), dropping the levels farthest from the touch, so a
 * runaway feed cannot grow memory.
 */
export class BookState {
  private readonly bids = new BookSide();
  private readonly asks = new BookSide();
  // What a snapshot prints of the last event, as fields: holding the event itself (or a copy)
  // would make every delta retain a young object in this long-lived one.
  private exchange: string;
  private symbol: string;
  private nativeSymbol: string;
  private ts: number;
  private localTs: number;
  private seq: string | null = null;
  /** False until the first snapshot: deltas before it describe an unknown book. */
  private synced = false;

  constructor(
    first: BookEvent,
    private readonly maxLevels: number,
  ) {
    this.exchange = first.exchange;
    this.symbol = first.symbol;
    this.nativeSymbol = first.nativeSymbol;
    this.ts = first.ts;
    this.localTs = first.localTs;
    this.apply(first);
  }

  get isSynced(): boolean {
    return this.synced;
  }

  get depth(): { bids: number; asks: number } {
    return { bids: this.bids.size, asks: this.asks.size };
  }

  apply(e: BookEvent): void {
    if (e.snapshot) {
      this.bids.clear();
      this.asks.clear();
      this.synced = true;
    }
    if (!this.synced) return;
    this.exchange = e.exchange;
    this.symbol = e.symbol;
    this.nativeSymbol = e.nativeSymbol;
    this.ts = e.ts;
    this.localTs = e.localTs;
    this.seq = e.seq;
    this.bids.apply(e.bids);
    this.asks.apply(e.asks);
    // Trimming sorts a side, so it runs only past 125% of the cap: amortized, not per delta.
    const slack = this.maxLevels + Math.ceil(this.maxLevels / 4);
    if (this.bids.size > slack) trim(this.bids, this.maxLevels, true);
    if (this.asks.size > slack) trim(this.asks, this.maxLevels, false);
  }

  /** The current book as a JSON snapshot event (bids descending, asks ascending). */
  toJsonSnapshot(): JsonBookEvent {
    const { exchange, symbol, nativeSymbol, ts, localTs } = this;
    // prettier-ignore
    return {
      type: 'book', exchange, symbol, nativeSymbol, ts, localTs, snapshot: true,
      bids: sorted(this.bids, true), asks: sorted(this.asks, false), seq: this.seq,
    };
  }
}

function ordered(side: BookSide, descending: boolean): BookLevel[] {
  const levels = side.levels();
  levels.sort((a, b) => (descending ? b[0].compare(a[0]) : a[0].compare(b[0])));
  return levels;
}

function trim(side: BookSide, max: number, descending: boolean): void {
  for (const level of ordered(side, descending).slice(max)) side.remove(levelKey(level[0]));
}

const text = (d: Decimal): string => d.toString();

function sorted(side: BookSide, descending: boolean): JsonBookLevel[] {
  return ordered(side, descending).map((l) => [text(l[0]), text(l[1])] as const);
}
