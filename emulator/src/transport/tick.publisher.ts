import type { ExchangeDialect } from '../dialects/exchange-dialect';
import type { GroundTruthRecorder } from '../ground-truth/ground-truth.recorder';
import type { ExchangeMarket } from '../market/exchange-market';
import type { MarketBatch } from '../market/market-event';
import type { SymbolMarket } from '../market/symbol-market';
import type { ClientConnection } from './client.connection';

/**
 * Fans one exchange's market batches out to its subscribed connections and tells the ground
 * truth what went out on at least one of them. Encodes once per topic when the dialect allows.
 */
export class TickPublisher {
  constructor(
    private readonly dialect: ExchangeDialect,
    private readonly market: ExchangeMarket,
    private readonly truth: GroundTruthRecorder,
    private readonly connections: ReadonlySet<ClientConnection>,
  ) {}

  /**
   * Sends one tick's batches to every subscribed connection. Each connection is held for the
   * tick, so its frames leave in one write instead of one per frame.
   */
  publish(batches: readonly MarketBatch[]): void {
    if (batches.length === 0) return;
    for (const conn of this.connections) conn.hold();
    try {
      this.fanOut(batches);
    } finally {
      for (const conn of this.connections) conn.release();
    }
  }

  private fanOut(batches: readonly MarketBatch[]): void {
    for (const batch of batches) {
      const market = this.market.get(batch.nativeSymbol) as SymbolMarket;
      const symbol = market.options.symbol;
      this.truth.tradeGenerated(this.dialect.id, symbol, batch.trades.length);
      this.truth.scenarioActivity(this.dialect.id, symbol, batch);
      if (batch.gap)
        this.truth.gapSuppressed(this.dialect.id, symbol, batch.gap.from, batch.gap.to);
      if (this.connections.size === 0) continue;
      const cache = new Map<string, string[]>();
      let tradesOut = false;
      let bookOut = false;
      let bboOut = false;
      for (const conn of this.connections) {
        if (!conn.hasSymbol(batch.nativeSymbol)) continue;
        for (const sub of conn.subscriptionsOf(batch.nativeSymbol)) {
          let payloads = this.dialect.sharedEncoding ? cache.get(sub.topic) : undefined;
          if (!payloads) {
            payloads = this.dialect.encode(sub, batch, market);
            if (this.dialect.sharedEncoding) cache.set(sub.topic, payloads);
          }
          let sent = false;
          for (const p of payloads) {
            const frame = this.dialect.wrap ? this.dialect.wrap(conn, sub, p) : p;
            if (conn.send(frame)) sent = true;
          }
          if (!sent) continue;
          if (sub.channel === 'trades') tradesOut = true;
          else if (sub.channel === 'book') bookOut = true;
          else bboOut = true;
        }
      }
      if (tradesOut)
        for (const t of batch.trades) this.truth.tradeSent(this.dialect.id, symbol, t.id);
      if (bookOut && batch.book) {
        this.truth.bookSent(this.dialect.id, symbol, batch.book.firstSeq, batch.book.lastSeq);
      }
      if (bboOut) this.truth.bboSent(this.dialect.id, symbol);
    }
  }
}
