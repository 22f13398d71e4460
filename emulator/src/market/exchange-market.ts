import type { MarketBatch } from './market-event';
import { SymbolMarket } from './symbol-market';

export interface ExchangeMarketSymbol {
  readonly symbol: string;
  readonly nativeSymbol: string;
}

/**
 * The markets of one exchange plus their rate accounting: each clock tick runs rate × dt
 * steps per symbol, carrying the fraction over so a low rate still produces its events.
 */
export class ExchangeMarket {
  readonly markets = new Map<string, SymbolMarket>();
  private readonly carry = new Map<string, number>();

  constructor(
    readonly exchange: string,
    symbols: readonly ExchangeMarketSymbol[],
    seed: string | number,
    depth: number,
    /** Market steps per second per symbol. */
    public ratePerSymbol: number,
    /** Per normalized symbol overrides of `ratePerSymbol` (a quiet market, a busy one). */
    private readonly rates: Readonly<Record<string, number>> = {},
    /** Added to each symbol's first trade id, sequence and update id (SymbolMarketOptions). */
    idBase = 0,
  ) {
    for (const s of symbols) {
      this.markets.set(
        s.nativeSymbol,
        new SymbolMarket({
          exchange,
          symbol: s.symbol,
          nativeSymbol: s.nativeSymbol,
          seed,
          depth,
          idBase,
        }),
      );
      this.carry.set(s.nativeSymbol, 0);
    }
  }

  get(nativeSymbol: string): SymbolMarket | undefined {
    return this.markets.get(nativeSymbol);
  }

  /** One clock tick of `dtMs`; returns the non-empty batches. */
  tick(dtMs: number, ts: number): MarketBatch[] {
    const out: MarketBatch[] = [];
    for (const [native, market] of this.markets) {
      const rate = this.rates[market.options.symbol] ?? this.ratePerSymbol;
      const due = (this.carry.get(native) ?? 0) + (rate * dtMs) / 1000;
      const steps = Math.floor(due);
      this.carry.set(native, due - steps);
      const batch = market.batch(steps, ts);
      if (batch.book || batch.gap || batch.trades.length > 0 || batch.scenarios) out.push(batch);
    }
    return out;
  }
}
