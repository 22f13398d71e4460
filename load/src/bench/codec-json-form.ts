import { Decimal, type BookEvent, type BookLevel, type UnifiedEvent } from '@feedgate/core';

/** The DESIGN.md JSON form of an event: the same fields, every Decimal as its exact string. */
export type JsonEvent = Record<string, unknown>;

const levelsToJson = (levels: readonly BookLevel[]): string[][] => {
  const out: string[][] = [];
  for (let i = 0; i < levels.length; i++)
    out.push([levels[i][0].toString(), levels[i][1].toString()]);
  return out;
};
const levelsFromJson = (levels: readonly (readonly string[])[]): BookLevel[] => {
  const out: BookLevel[] = [];
  for (let i = 0; i < levels.length; i++) {
    out.push([Decimal.parse(levels[i][0]), Decimal.parse(levels[i][1])]);
  }
  return out;
};
const dec = (v: unknown): Decimal => Decimal.parse(v as string);

/**
 * Plain, hand-written mapping between unified events and their JSON form: the baseline the
 * binary codec is measured against. Written per type with object literals (no spreads or
 * reflection) so the JSON baseline is as fast as a careful mapping can be.
 */
export class CodecJsonForm {
  static toJson(e: UnifiedEvent): JsonEvent {
    const { exchange, symbol, nativeSymbol, ts, localTs } = e;
    switch (e.type) {
      case 'trade':
        return {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          id: e.id,
          price: e.price.toString(),
          amount: e.amount.toString(),
          side: e.side,
        };
      case 'book': {
        const out: JsonEvent = {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          snapshot: e.snapshot,
          bids: levelsToJson(e.bids),
          asks: levelsToJson(e.asks),
          seq: e.seq,
        };
        if (e.prevSeq !== undefined) out.prevSeq = e.prevSeq;
        if (e.checksumValid !== undefined) out.checksumValid = e.checksumValid;
        return out;
      }
      case 'bbo':
        return {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          bidPrice: e.bidPrice.toString(),
          bidAmount: e.bidAmount.toString(),
          askPrice: e.askPrice.toString(),
          askAmount: e.askAmount.toString(),
        };
      case 'candle':
        return {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          interval: e.interval,
          open: e.open.toString(),
          high: e.high.toString(),
          low: e.low.toString(),
          close: e.close.toString(),
          volume: e.volume.toString(),
          trades: e.trades,
          start: e.start,
          end: e.end,
        };
      case 'status':
        return {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          state: e.state,
          reason: e.reason,
          gaps: e.gaps,
        };
      case 'alert':
        return {
          type: e.type,
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          kind: e.kind,
          severity: e.severity,
          detail: e.detail,
        };
    }
  }

  static fromJson(j: JsonEvent): UnifiedEvent {
    const exchange = j.exchange as string;
    const symbol = j.symbol as string;
    const nativeSymbol = j.nativeSymbol as string;
    const ts = j.ts as number;
    const localTs = j.localTs as number;
    switch (j.type) {
      case 'trade':
        return {
          type: 'trade',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          id: j.id as string,
          price: dec(j.price),
          amount: dec(j.amount),
          side: j.side as 'buy',
        };
      case 'book': {
        const out: { -readonly [K in keyof BookEvent]: BookEvent[K] } = {
          type: 'book',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          snapshot: j.snapshot as boolean,
          bids: levelsFromJson(j.bids as string[][]),
          asks: levelsFromJson(j.asks as string[][]),
          seq: j.seq as string | null,
        };
        if ('prevSeq' in j) out.prevSeq = j.prevSeq as string | null;
        if ('checksumValid' in j) out.checksumValid = j.checksumValid as boolean;
        return out;
      }
      case 'bbo':
        return {
          type: 'bbo',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          bidPrice: dec(j.bidPrice),
          bidAmount: dec(j.bidAmount),
          askPrice: dec(j.askPrice),
          askAmount: dec(j.askAmount),
        };
      case 'candle':
        return {
          type: 'candle',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          interval: j.interval as '1m',
          open: dec(j.open),
          high: dec(j.high),
          low: dec(j.low),
          close: dec(j.close),
          volume: dec(j.volume),
          trades: j.trades as number,
          start: j.start as number,
          end: j.end as number,
        };
      case 'status':
        return {
          type: 'status',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          state: j.state as 'live',
          reason: j.reason as string,
          gaps: j.gaps as [],
        };
      default:
        return {
          type: 'alert',
          exchange,
          symbol,
          nativeSymbol,
          ts,
          localTs,
          kind: j.kind as string,
          severity: j.severity as 'info',
          detail: j.detail as string,
        };
    }
  }
}
