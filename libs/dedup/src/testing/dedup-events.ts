import {
  Decimal,
  type BboEvent,
  type BookEvent,
  type BookLevel,
  type StatusEvent,
  type TradeEvent,
} from '@feedgate/core';

/** Small builders of unified events for dedup tests and benchmarks. */
export class DedupEvents {
  static trade(id: string, over: Partial<TradeEvent> = {}): TradeEvent {
    return {
      type: 'trade',
      exchange: 'binance',
      symbol: 'BTC-USDT',
      nativeSymbol: 'BTCUSDT',
      ts: 1_700_000_000_000,
      localTs: 1_700_000_000_005,
      id,
      price: Decimal.parse('65000.10'),
      amount: Decimal.parse('0.002'),
      side: 'buy',
      ...over,
    };
  }

  static book(
    seq: string | null,
    levels: [string, string][],
    over: Partial<BookEvent> = {},
  ): BookEvent {
    const toLevel = ([p, a]: [string, string]): BookLevel => [Decimal.parse(p), Decimal.parse(a)];
    return {
      type: 'book',
      exchange: 'coinbase',
      symbol: 'ETH-USD',
      nativeSymbol: 'ETH-USD',
      ts: 1_700_000_000_000,
      localTs: 1_700_000_000_003,
      snapshot: false,
      bids: levels.map(toLevel),
      asks: [],
      seq,
      ...over,
    };
  }

  static bbo(ts: number, bid: string, ask: string, over: Partial<BboEvent> = {}): BboEvent {
    return {
      type: 'bbo',
      exchange: 'okx',
      symbol: 'BTC-USDT',
      nativeSymbol: 'BTC-USDT',
      ts,
      localTs: ts + 2,
      bidPrice: Decimal.parse(bid),
      bidAmount: Decimal.parse('1.5'),
      askPrice: Decimal.parse(ask),
      askAmount: Decimal.parse('2'),
      ...over,
    };
  }

  static status(ts: number, reason: string, over: Partial<StatusEvent> = {}): StatusEvent {
    return {
      type: 'status',
      exchange: 'kraken',
      symbol: 'BTC-USD',
      nativeSymbol: 'XBT/USD',
      ts,
      localTs: ts,
      state: 'gap',
      reason,
      gaps: [{ from: '10', to: '12' }],
      ...over,
    };
  }
}
