import { BaselineKeyPartition } from './dedup-baseline.partition';

/**
 * Frozen copy of the key registry before it moved from Maps to dictionaries (benchmark only;
 * see BaselineDedupWindow).
 * exchange → symbol → partition, with small integer indexes (reused after a key is dropped) so
 * the window's ring can name a key in 4 bytes. Two-level maps avoid building an `exchange:symbol`
 * string per event; a one-entry cache serves the common run of events of one key (one frame).
 */
export class BaselineKeyRegistry {
  private readonly byExchange = new Map<string, Map<string, BaselineKeyPartition>>();
  private readonly parts: (BaselineKeyPartition | undefined)[] = [];
  private readonly freeIndexes: number[] = [];
  private lastExchange: string | null = null;
  private lastSymbol: string | null = null;
  private lastPart: BaselineKeyPartition | undefined = undefined;
  size = 0;

  get(exchange: string, symbol: string): BaselineKeyPartition | undefined {
    if (exchange === this.lastExchange && symbol === this.lastSymbol) return this.lastPart;
    const part = this.byExchange.get(exchange)?.get(symbol);
    if (part !== undefined) {
      this.lastExchange = exchange;
      this.lastSymbol = symbol;
      this.lastPart = part;
    }
    return part;
  }

  at(index: number): BaselineKeyPartition {
    return this.parts[index] as BaselineKeyPartition;
  }

  create(exchange: string, symbol: string): BaselineKeyPartition {
    const index =
      this.freeIndexes.length > 0 ? (this.freeIndexes.pop() as number) : this.parts.length;
    const part = new BaselineKeyPartition(exchange, symbol, index);
    this.parts[index] = part;
    let symbols = this.byExchange.get(exchange);
    if (symbols === undefined) {
      symbols = new Map();
      this.byExchange.set(exchange, symbols);
    }
    symbols.set(symbol, part);
    this.size++;
    this.lastExchange = exchange;
    this.lastSymbol = symbol;
    this.lastPart = part;
    return part;
  }

  remove(part: BaselineKeyPartition): void {
    const symbols = this.byExchange.get(part.exchange);
    symbols?.delete(part.symbol);
    if (symbols !== undefined && symbols.size === 0) this.byExchange.delete(part.exchange);
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
  forEach(fn: (part: BaselineKeyPartition) => void): void {
    for (const part of this.parts) if (part !== undefined) fn(part);
  }

  clear(): void {
    this.byExchange.clear();
    this.parts.length = 0;
    this.freeIndexes.length = 0;
    this.lastExchange = this.lastSymbol = null;
    this.lastPart = undefined;
    this.size = 0;
  }
}
