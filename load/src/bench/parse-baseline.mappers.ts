import { Decimal, type TakerSide, type TradeEvent } from '@feedgate/core';

/**
 * The "obvious" parser the generated ones are measured against: JSON.parse of the whole frame,
 * then a hand-written mapping of the trade frames. Number tokens lose their text on this path
 * (one reason feedgate does not do it), so numbers are re-read via String().
 */
type Json = Record<string, unknown>;
type Mapper = (frame: string, localTs: number) => TradeEvent[];

const dec = (v: unknown): Decimal => Decimal.parse(String(v));
const trade = (
  exchange: string,
  nativeSymbol: string,
  id: unknown,
  price: unknown,
  amount: unknown,
  side: TakerSide,
  ts: number,
  localTs: number,
): TradeEvent => ({
  type: 'trade',
  exchange,
  symbol: nativeSymbol,
  nativeSymbol,
  ts,
  localTs,
  id: String(id),
  price: dec(price),
  amount: dec(amount),
  side,
});

const binanceLike =
  (exchange: string): Mapper =>
  (frame, localTs) => {
    const o = JSON.parse(frame) as Json;
    const d = (o.data ?? o) as Json;
    const id = d.e === 'aggTrade' ? d.a : d.t;
    return [trade(exchange, String(d.s), id, d.p, d.q, d.m ? 'sell' : 'buy', Number(d.T), localTs)];
  };

export const BASELINE_TRADE_MAPPERS: Readonly<Record<string, Mapper>> = {
  binance: binanceLike('binance'),
  'binance-futures': binanceLike('binance-futures'),
  coinbase: (frame, localTs) => {
    const o = JSON.parse(frame) as Json;
    const side: TakerSide = o.side === 'buy' ? 'sell' : 'buy';
    return [
      trade(
        'coinbase',
        String(o.product_id),
        o.trade_id,
        o.price,
        o.size,
        side,
        Date.parse(String(o.time)),
        localTs,
      ),
    ];
  },
  okx: (frame, localTs) => {
    const o = JSON.parse(frame) as { data: Json[] };
    return o.data.map((d) =>
      trade(
        'okx',
        String(d.instId),
        d.tradeId,
        d.px,
        d.sz,
        d.side as TakerSide,
        Number(d.ts),
        localTs,
      ),
    );
  },
  bybit: (frame, localTs) => {
    const o = JSON.parse(frame) as { data: Json[] };
    return o.data.map((d) =>
      trade(
        'bybit',
        String(d.s),
        d.i,
        d.p,
        d.v,
        d.S === 'Buy' ? 'buy' : 'sell',
        Number(d.T),
        localTs,
      ),
    );
  },
  kraken: (frame, localTs) => {
    const o = JSON.parse(frame) as [number, string[][], string, string];
    return o[1].map((r, i) =>
      trade(
        'kraken',
        o[3],
        `${r[2]}-${i}`,
        r[0],
        r[1],
        r[3] === 'b' ? 'buy' : 'sell',
        Number(r[2]) * 1000,
        localTs,
      ),
    );
  },
};
