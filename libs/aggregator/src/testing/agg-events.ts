import {
  Decimal,
  type BboEvent,
  type BookEvent,
  type BookLevel,
  type TakerSide,
  type TradeEvent,
} from '@feedgate/core';

/** Small builders of unified events for aggregator tests and benchmarks. */
export class AggEvents {
  private static seq = 0;

  static trade(
    exchange: string,
    symbol: string,
    ts: number,
    price: string,
    amount: string,
    side: TakerSide = 'buy',
  ): TradeEvent {
    return {
      type: 'trade',
      exchange,
      symbol,
      nativeSymbol: symbol.replace('-', ''),
      ts,
      localTs: ts + 1,
      id: String(++AggEvents.seq),
      price: Decimal.parse(price),
      amount: Decimal.parse(amount),
      side,
    };
  }

  static bbo(
    exchange: string,
    symbol: string,
    ts: number,
    bid: [price: string, amount: string],
    ask: [price: string, amount: string],
  ): BboEvent {
    return {
      type: 'bbo',
      exchange,
      symbol,
      nativeSymbol: symbol.replace('-', ''),
      ts,
      localTs: ts + 1,
      bidPrice: Decimal.parse(bid[0]),
      bidAmount: Decimal.parse(bid[1]),
      askPrice: Decimal.parse(ask[0]),
      askAmount: Decimal.parse(ask[1]),
    };
  }

  static book(
    exchange: string,
    symbol: string,
    ts: number,
    snapshot: boolean,
    bids: [string, string][],
    asks: [string, string][],
  ): BookEvent {
    const lv = ([p, a]: [string, string]): BookLevel => [Decimal.parse(p), Decimal.parse(a)];
    return {
      type: 'book',
      exchange,
      symbol,
      nativeSymbol: symbol.replace('-', ''),
      ts,
      localTs: ts + 1,
      snapshot,
      bids: bids.map(lv),
      asks: asks.map(lv),
      seq: null,
    };
  }
}
