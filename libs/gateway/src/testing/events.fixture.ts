import { type BboEvent, type BookEvent, Decimal, type TradeEvent } from '@feedgate/core';

const d = (s: string) => Decimal.parse(s);
const base = (exchange: string, symbol: string, ts: number) => ({
  exchange,
  symbol,
  nativeSymbol: symbol.replace('-', ''),
  ts,
  localTs: ts + 1,
});

export function bbo(exchange: string, symbol: string, n: number): BboEvent {
  return {
    type: 'bbo',
    ...base(exchange, symbol, 1_700_000_000_000 + n),
    bidPrice: d(`${100 + n}.5`),
    bidAmount: d('1.25'),
    askPrice: d(`${101 + n}.5`),
    askAmount: d('2'),
  };
}

export function trade(exchange: string, symbol: string, n: number): TradeEvent {
  return {
    type: 'trade',
    ...base(exchange, symbol, 1_700_000_000_000 + n),
    id: String(n),
    price: d(`${100 + n}.25`),
    amount: d('0.1'),
    side: n % 2 ? 'buy' : 'sell',
  };
}

export function book(
  exchange: string,
  symbol: string,
  snapshot: boolean,
  bids: [string, string][],
  asks: [string, string][],
  seq: number,
): BookEvent {
  return {
    type: 'book',
    ...base(exchange, symbol, 1_700_000_000_000 + seq),
    snapshot,
    bids: bids.map(([p, a]) => [d(p), d(a)] as const),
    asks: asks.map(([p, a]) => [d(p), d(a)] as const),
    seq: String(seq),
  };
}
