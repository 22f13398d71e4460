import { KeyPartition } from './key-partition';

/** The keys of one exchange: symbol → partition, in a null-prototype dictionary. */
interface ExchangeKeys {
  readonly bySymbol: Record<string, KeyPartition | undefined>;
  count: number;
}

/**
 * exchange → symbol → partition, with small integer indexes (reused after a key is dropped) so
 * the window's ring can name a key in 4 bytes. Two levels avoid building an `exchange:symbol`
 * string per event; a one-entry cache serves the common run of events of one key (one frame).
 * The levels are null-prototype dictionaries rather than Maps: V8 looks string keys up there
 * about twice as fast (measured ~36 vs ~80 ns per two-level lookup here), and every event does it.
 */
export class KeyRegistry {
  private byExchange: Record<string, ExchangeKeys | undefined> = Object.create(null);
  private readonly parts: (KeyPartition | undefined)[] = [];
  private readonly freeIndexes: number[] = [];
  private lastExchange: string | null = null;
  private lastSymbol: string | null = null;
  private lastPart: KeyPartition | undefined = undefined;
  size = 0;

  get(exchange: string, symbol: string): KeyPartition | undefined {
    if (exchange === this.lastExchange && symbol === this.lastSymbol) return this.lastPart;
    const part = this.byExchange[exchange]?.bySymbol[symbol];
    if (part !== undefined) {
      this.lastExchange = exchange;
      this.lastSymbol = symbol;
      this.lastPart = part;
    }
    return part;
  }

  at(index: number): KeyPartition {
    return this.parts[index] as KeyPartition;
  }

  create(exchange: string, symbol: string): KeyPartition {
    const index =
      this.freeIndexes.length > 0 ? (this.freeIndexes.pop() as number) : this.parts.length;
    const part = new KeyPartition(exchange, symbol, index);
    this.parts[index] = part;
    let keys = this.byExchange[exchange];
    if (keys === undefined) {
      keys = { bySymbol: Object.create(null), count: 0 };
      this.byExchange[exchange] = keys;
    }
    keys.bySymbol[symbol] = part;
    keys.count++;
    this.size++;
    this.lastExchange = exchange;
    this.lastSymbol = symbol;
    this.lastPart = part;
    return part;
  }

  remove(part: KeyPartition): void {
    const keys = this.byExchange[part.exchange];
    if (keys !== undefined) {
      delete keys.bySymbol[part.symbol];
      if (--keys.count === 0) delete this.byExchange[part.exchange];
    }
    this.parts[part.index] = undefined;
    this.freeIndexes.push(part.index);
    part.index = -1;
    this.size--;
    if (this.lastPart === part) {
      this.lastExchange = this.lastSymbol = null;
      this.lastPart = undefined;
    }
  }

  /** Every live partition (used when the ring is re-laid out). */
  forEach(fn: (part: KeyPartition) => void): void {
    for (const part of this.parts) if (part !== undefined) fn(part);
  }

  clear(): void {
    this.byExchange = Object.create(null);
    this.parts.length = 0;
    this.freeIndexes.length = 0;
    this.lastExchange = this.lastSymbol = null;
    this.lastPart = undefined;
    this.size = 0;
  }
}
