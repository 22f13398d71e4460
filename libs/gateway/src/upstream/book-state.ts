import type { BookEvent, BookLevel, Decimal, JsonBookEvent, JsonBookLevel } from '@feedgate/core';

type Side = Map<string, BookLevel>;

/**
 * One exchange's order book for one symbol, maintained from snapshot + deltas so that a new
 * book subscriber can start with a snapshot. Levels are keyed by the normalized price text
 * (so `1.0` and `1` are the same level); each side is trimmed back to `maxLevels` (once past 125% of it), dropping the
 * levels farthest from the touch, so a runaway feed cannot grow memory.
 */
export class BookState {
  private readonly bids: Side = new Map();
  private readonly asks: Side = new Map();
  private meta: Pick<BookEvent, 'exchange' | 'symbol' | 'nativeSymbol' | 'ts' | 'localTs'>;
  private seq: string | null = null;
  /** False until the first snapshot: deltas before it describe an unknown book. */
  private synced = false;

  constructor(
    first: BookEvent,
    private readonly maxLevels: number,
  ) {
    this.meta = first;
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
    this.meta = e;
    this.seq = e.seq;
    applyLevels(this.bids, e.bids);
    applyLevels(this.asks, e.asks);
    // Trimming sorts a side, so it runs only past 125% of the cap: amortized, not per delta.
    const slack = this.maxLevels + Math.ceil(this.maxLevels / 4);
    if (this.bids.size > slack) trim(this.bids, this.maxLevels, true);
    if (this.asks.size > slack) trim(this.asks, this.maxLevels, false);
  }

  /** The current book as a JSON snapshot event (bids descending, asks ascending). */
  toJsonSnapshot(): JsonBookEvent {
    const { exchange, symbol, nativeSymbol, ts, localTs } = this.meta;
    // prettier-ignore
    return {
      type: 'book', exchange, symbol, nativeSymbol, ts, localTs, snapshot: true,
      bids: sorted(this.bids, true), asks: sorted(this.asks, false), seq: this.seq,
    };
  }
}

function applyLevels(side: Side, levels: readonly BookLevel[]): void {
  for (const level of levels) {
    const key = level[0].normalize().toString();
    if (level[1].sign() === 0) side.delete(key);
    else side.set(key, level);
  }
}

function ordered(side: Side, descending: boolean): BookLevel[] {
  const levels = [...side.values()];
  levels.sort((a, b) => (descending ? b[0].compare(a[0]) : a[0].compare(b[0])));
  return levels;
}

function trim(side: Side, max: number, descending: boolean): void {
  for (const level of ordered(side, descending).slice(max)) {
    side.delete(level[0].normalize().toString());
  }
}

const text = (d: Decimal): string => d.toString();

function sorted(side: Side, descending: boolean): JsonBookLevel[] {
  return ordered(side, descending).map((l) => [text(l[0]), text(l[1])] as const);
}
