import type { Decimal } from '../decimal/decimal';
import { isExchangeId } from '../exchanges/exchange.registry';
import { isNormalizedSymbol } from '../symbols/symbol.normalizer';
import {
  asObject,
  readBoolean,
  readDecimal,
  readFinite,
  readGaps,
  readLevels,
  readNullableString,
  readOneOf,
  readString,
} from './event-json.reader';
import {
  ALERT_SEVERITIES,
  CANDLE_INTERVALS,
  FEED_STATES,
  TAKER_SIDES,
  UNIFIED_EVENT_TYPES,
} from './event-vocabulary';
import { InvalidEventError } from './invalid-event.error';
import type {
  AlertEvent,
  BboEvent,
  BookEvent,
  BookLevel,
  CandleEvent,
  EventBase,
  StatusEvent,
  TradeEvent,
  UnifiedEvent,
} from './unified-event';

/** The JSON form of a type: every Decimal becomes its decimal string, everything else as is. */
export type JsonOf<T> = T extends Decimal
  ? string
  : T extends readonly [infer A, infer B]
    ? readonly [JsonOf<A>, JsonOf<B>]
    : T extends readonly (infer U)[]
      ? readonly JsonOf<U>[]
      : T extends object
        ? { readonly [K in keyof T]: JsonOf<T[K]> }
        : T;

export type JsonBookLevel = JsonOf<BookLevel>;
export type JsonTradeEvent = JsonOf<TradeEvent>;
export type JsonBookEvent = JsonOf<BookEvent>;
export type JsonBboEvent = JsonOf<BboEvent>;
export type JsonCandleEvent = JsonOf<CandleEvent>;
export type JsonStatusEvent = JsonOf<StatusEvent>;
export type JsonAlertEvent = JsonOf<AlertEvent>;
/** DESIGN.md's JSON contract for events (gateway, admin, tests). */
export type JsonUnifiedEvent = JsonOf<UnifiedEvent>;

const levelsToJson = (levels: readonly BookLevel[]): JsonBookLevel[] =>
  levels.map((l) => [l[0].toString(), l[1].toString()] as const);

/**
 * Internal → JSON form. Field order is fixed (type, exchange, symbol, nativeSymbol, ts, localTs,
 * then the type's fields) so JSON.stringify output is stable; optional book fields appear only
 * when set. Decimals print exactly as held (trailing zeros the exchange sent are kept).
 */
export function toJsonEvent(e: UnifiedEvent): JsonUnifiedEvent {
  const { exchange, symbol, nativeSymbol, ts, localTs } = e;
  switch (e.type) {
    case 'trade':
      // prettier-ignore
      return {
        type: 'trade', exchange, symbol, nativeSymbol, ts, localTs,
        id: e.id, price: e.price.toString(), amount: e.amount.toString(), side: e.side,
      };
    case 'book': {
      // prettier-ignore
      const out: { -readonly [K in keyof JsonBookEvent]: JsonBookEvent[K] } = {
        type: 'book', exchange, symbol, nativeSymbol, ts, localTs,
        snapshot: e.snapshot, bids: levelsToJson(e.bids), asks: levelsToJson(e.asks), seq: e.seq,
      };
      if (e.prevSeq !== undefined) out.prevSeq = e.prevSeq;
      if (e.checksumValid !== undefined) out.checksumValid = e.checksumValid;
      return out;
    }
    case 'bbo':
      // prettier-ignore
      return {
        type: 'bbo', exchange, symbol, nativeSymbol, ts, localTs,
        bidPrice: e.bidPrice.toString(), bidAmount: e.bidAmount.toString(),
        askPrice: e.askPrice.toString(), askAmount: e.askAmount.toString(),
      };
    case 'candle':
      // prettier-ignore
      return {
        type: 'candle', exchange, symbol, nativeSymbol, ts, localTs, interval: e.interval,
        open: e.open.toString(), high: e.high.toString(), low: e.low.toString(),
        close: e.close.toString(), volume: e.volume.toString(),
        trades: e.trades, start: e.start, end: e.end,
      };
    case 'status':
      // prettier-ignore
      return {
        type: 'status', exchange, symbol, nativeSymbol, ts, localTs,
        state: e.state, reason: e.reason, gaps: e.gaps.map((g) => ({ from: g.from, to: g.to })),
      };
    case 'alert':
      // prettier-ignore
      return {
        type: 'alert', exchange, symbol, nativeSymbol, ts, localTs,
        kind: e.kind, severity: e.severity, detail: e.detail,
      };
  }
}

/**
 * JSON form (already JSON.parse'd, untrusted) → internal form, validating everything:
 * `type` known; `exchange` in the registry; `symbol` a canonical normalized symbol;
 * `nativeSymbol` a non-empty string; `ts`/`localTs` finite numbers; prices and amounts
 * decimal STRINGS (JSON numbers are rejected: they have been through a float), amounts and
 * volume ≥ 0; `side`, `interval`, `state`, `severity` in their sets; book levels
 * [price, amount] pairs; `seq` string or null; candle `trades` a non-negative integer and
 * `end` ≥ `start`. Unknown extra fields are ignored (forward compatibility) and not copied.
 * Throws InvalidEventError naming the first bad field.
 */
export function fromJsonEvent(x: unknown): UnifiedEvent {
  const o = asObject(x, '$');
  const type = readOneOf(o, 'type', UNIFIED_EVENT_TYPES);
  const exchange = readString(o, 'exchange');
  if (!isExchangeId(exchange)) throw new InvalidEventError('exchange', 'unknown exchange id');
  const symbol = readString(o, 'symbol');
  if (!isNormalizedSymbol(symbol)) throw new InvalidEventError('symbol', 'not a normalized symbol');
  const base: EventBase = {
    exchange,
    symbol,
    nativeSymbol: readString(o, 'nativeSymbol', true),
    ts: readFinite(o, 'ts'),
    localTs: readFinite(o, 'localTs'),
  };
  switch (type) {
    case 'trade':
      // prettier-ignore
      return {
        type, ...base,
        id: readString(o, 'id'), price: readDecimal(o, 'price'),
        amount: readDecimal(o, 'amount', true), side: readOneOf(o, 'side', TAKER_SIDES),
      };
    case 'book': {
      // prettier-ignore
      const book: { -readonly [K in keyof BookEvent]: BookEvent[K] } = {
        type, ...base,
        snapshot: readBoolean(o, 'snapshot'), bids: readLevels(o, 'bids'),
        asks: readLevels(o, 'asks'), seq: readNullableString(o, 'seq'),
      };
      if (o.prevSeq !== undefined) book.prevSeq = readNullableString(o, 'prevSeq');
      if (o.checksumValid !== undefined) book.checksumValid = readBoolean(o, 'checksumValid');
      return book;
    }
    case 'bbo':
      // prettier-ignore
      return {
        type, ...base,
        bidPrice: readDecimal(o, 'bidPrice'), bidAmount: readDecimal(o, 'bidAmount', true),
        askPrice: readDecimal(o, 'askPrice'), askAmount: readDecimal(o, 'askAmount', true),
      };
    case 'candle': {
      const trades = readFinite(o, 'trades');
      if (!Number.isSafeInteger(trades) || trades < 0) {
        throw new InvalidEventError('trades', 'expected a non-negative integer');
      }
      const start = readFinite(o, 'start');
      const end = readFinite(o, 'end');
      if (end < start) throw new InvalidEventError('end', 'must not be before start');
      // prettier-ignore
      return {
        type, ...base, interval: readOneOf(o, 'interval', CANDLE_INTERVALS),
        open: readDecimal(o, 'open'), high: readDecimal(o, 'high'), low: readDecimal(o, 'low'),
        close: readDecimal(o, 'close'), volume: readDecimal(o, 'volume', true), trades, start, end,
      };
    }
    case 'status':
      // prettier-ignore
      return {
        type, ...base, state: readOneOf(o, 'state', FEED_STATES),
        reason: readString(o, 'reason'), gaps: readGaps(o, 'gaps'),
      };
    case 'alert':
      // prettier-ignore
      return {
        type, ...base, kind: readString(o, 'kind', true),
        severity: readOneOf(o, 'severity', ALERT_SEVERITIES), detail: readString(o, 'detail'),
      };
  }
}
