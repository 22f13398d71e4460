import { RangeSet, type IntRange } from './range-set';

export type GroundTruthChannel = 'trades' | 'book' | 'bbo';

/** What the emulator did for one (exchange, symbol). */
export interface SymbolTruth {
  readonly exchange: string;
  readonly symbol: string;
  /** Trade ids generated / sent on at least one connection. */
  readonly tradesGenerated: number;
  readonly tradesSent: IntRange[];
  /** Full id log of sent trades, up to the recorder's cap (`tradeLogTruncated` past it). */
  readonly tradeLog: number[];
  readonly tradeLogTruncated: boolean;
  /** Book sequence numbers covered by deltas sent on at least one connection. */
  readonly bookSeqSent: IntRange[];
  /** Sequence ranges the market generated but a `gap` fault suppressed. */
  readonly bookGaps: IntRange[];
  /** Snapshots served (WS or REST). */
  readonly snapshots: number;
  readonly bboSent: number;
}

class SymbolRecord {
  tradesGenerated = 0;
  readonly tradesSent = new RangeSet();
  readonly tradeLog: number[] = [];
  tradeLogTruncated = false;
  readonly bookSeqSent = new RangeSet();
  readonly bookGaps = new RangeSet(1_000);
  snapshots = 0;
  bboSent = 0;
}

/**
 * Ground truth of what was emitted, so tests can prove what a client did and did not get.
 * Bounded: ids and sequences are kept as ranges; the optional full trade-id log stops at
 * `tradeLogCap` per symbol.
 */
export class GroundTruthRecorder {
  private readonly records = new Map<string, SymbolRecord>();

  constructor(private readonly tradeLogCap = 100_000) {}

  tradeGenerated(exchange: string, symbol: string, count: number): void {
    this.rec(exchange, symbol).tradesGenerated += count;
  }

  tradeSent(exchange: string, symbol: string, id: number): void {
    const r = this.rec(exchange, symbol);
    // A replayed last trade (sent again on subscribe) is logged once.
    if (r.tradesSent.has(id)) return;
    r.tradesSent.add(id);
    if (r.tradeLog.length < this.tradeLogCap) r.tradeLog.push(id);
    else r.tradeLogTruncated = true;
  }

  bookSent(exchange: string, symbol: string, from: number, to: number): void {
    this.rec(exchange, symbol).bookSeqSent.addRange(from, to);
  }

  gapSuppressed(exchange: string, symbol: string, from: number, to: number): void {
    this.rec(exchange, symbol).bookGaps.addRange(from, to);
  }

  snapshotServed(exchange: string, symbol: string): void {
    this.rec(exchange, symbol).snapshots++;
  }

  bboSent(exchange: string, symbol: string): void {
    this.rec(exchange, symbol).bboSent++;
  }

  /** Trade ids sent on at least one connection, as ranges. */
  trades(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.tradesSent.toArray() ?? [];
  }

  /** Book sequence ranges sent on at least one connection. */
  bookSequences(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.bookSeqSent.toArray() ?? [];
  }

  gaps(exchange: string, symbol: string): IntRange[] {
    return this.records.get(key(exchange, symbol))?.bookGaps.toArray() ?? [];
  }

  symbol(exchange: string, symbol: string): SymbolTruth {
    const r = this.records.get(key(exchange, symbol)) ?? new SymbolRecord();
    return {
      exchange,
      symbol,
      tradesGenerated: r.tradesGenerated,
      tradesSent: r.tradesSent.toArray(),
      tradeLog: [...r.tradeLog],
      tradeLogTruncated: r.tradeLogTruncated,
      bookSeqSent: r.bookSeqSent.toArray(),
      bookGaps: r.bookGaps.toArray(),
      snapshots: r.snapshots,
      bboSent: r.bboSent,
    };
  }

  /** Every (exchange, symbol) with a record. */
  keys(): { exchange: string; symbol: string }[] {
    return [...this.records.keys()].map((k) => {
      const i = k.indexOf('|');
      return { exchange: k.slice(0, i), symbol: k.slice(i + 1) };
    });
  }

  private rec(exchange: string, symbol: string): SymbolRecord {
    const k = key(exchange, symbol);
    let r = this.records.get(k);
    if (!r) {
      r = new SymbolRecord();
      this.records.set(k, r);
    }
    return r;
  }
}

function key(exchange: string, symbol: string): string {
  return `${exchange}|${symbol}`;
}
