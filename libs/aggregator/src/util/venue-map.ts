/**
 * Values keyed by (exchange, symbol) in two plain Maps: the hot paths look a venue up per event,
 * and a nested lookup on the event's own strings is cheaper than building and hashing an
 * `exchange:symbol` string each time.
 */
export class VenueMap<T> {
  private readonly byExchange = new Map<string, Map<string, T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(exchange: string, symbol: string): T | undefined {
    return this.byExchange.get(exchange)?.get(symbol);
  }

  set(exchange: string, symbol: string, value: T): void {
    let bySymbol = this.byExchange.get(exchange);
    if (bySymbol === undefined) this.byExchange.set(exchange, (bySymbol = new Map()));
    if (!bySymbol.has(symbol)) this.count++;
    bySymbol.set(symbol, value);
  }

  delete(exchange: string, symbol: string): boolean {
    const bySymbol = this.byExchange.get(exchange);
    if (bySymbol === undefined || !bySymbol.delete(symbol)) return false;
    this.count--;
    if (bySymbol.size === 0) this.byExchange.delete(exchange);
    return true;
  }

  /** Entries in insertion order per exchange; deleting the current entry while iterating is safe. */
  *entries(): IterableIterator<[exchange: string, symbol: string, value: T]> {
    for (const [exchange, bySymbol] of this.byExchange) {
      for (const [symbol, value] of bySymbol) yield [exchange, symbol, value];
    }
  }
}
