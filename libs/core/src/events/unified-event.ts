import type { Decimal } from '../decimal/decimal';

/**
 * The unified event model of DESIGN.md, internal form: prices and amounts are exact
 * Decimals. The JSON form (decimals as strings) is produced by toJsonEvent/fromJsonEvent.
 */
export type TakerSide = 'buy' | 'sell' | 'unknown';

export interface EventBase {
  /** Lower-case exchange id from the registry, e.g. `binance`. */
  readonly exchange: string;
  /** Normalized symbol: BASE-QUOTE, BASE-QUOTE-PERP, BASE-QUOTE-YYMMDD, BASE-QUOTE-YYMMDD-STRIKE-C|P. */
  readonly symbol: string;
  /** Symbol as the exchange writes it. */
  readonly nativeSymbol: string;
  /** Exchange event time, epoch ms; a fractional part carries sub-ms precision. */
  readonly ts: number;
  /** Epoch ms when the gate received it. */
  readonly localTs: number;
}

export interface TradeEvent extends EventBase {
  readonly type: 'trade';
  readonly id: string;
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly side: TakerSide;
}

/** One price level: [price, amount]; amount 0 deletes the level. */
export type BookLevel = readonly [price: Decimal, amount: Decimal];

export interface BookEvent extends EventBase {
  readonly type: 'book';
  readonly snapshot: boolean;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly seq: string | null;
  /** Previous sequence where the protocol has one (e.g. Binance `pu`, Coinbase none). */
  readonly prevSeq?: string | null;
  /** Set to false when the exchange's checksum does not match the maintained book. */
  readonly checksumValid?: boolean;
}

export interface BboEvent extends EventBase {
  readonly type: 'bbo';
  readonly bidPrice: Decimal;
  readonly bidAmount: Decimal;
  readonly askPrice: Decimal;
  readonly askAmount: Decimal;
}

export type CandleInterval = '1s' | '1m' | '5m' | '1h';

export interface CandleEvent extends EventBase {
  readonly type: 'candle';
  readonly interval: CandleInterval;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
  readonly trades: number;
  /** Candle window start and end, epoch ms (end exclusive). */
  readonly start: number;
  readonly end: number;
}

export type FeedState =
  | 'connecting'
  | 'subscribing'
  | 'live'
  | 'stale'
  | 'backoff'
  | 'reconnecting'
  | 'stopped'
  | 'gap'
  | 'resync';

/** A missing range of exchange sequence numbers, inclusive on both ends. */
export interface GapRange {
  readonly from: string;
  readonly to: string;
}

export interface StatusEvent extends EventBase {
  readonly type: 'status';
  readonly state: FeedState;
  readonly reason: string;
  readonly gaps: readonly GapRange[];
}

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertEvent extends EventBase {
  readonly type: 'alert';
  readonly kind: string;
  readonly severity: AlertSeverity;
  readonly detail: string;
}

export type UnifiedEvent =
  TradeEvent | BookEvent | BboEvent | CandleEvent | StatusEvent | AlertEvent;

export type UnifiedEventType = UnifiedEvent['type'];
