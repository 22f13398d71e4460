import type {
  AlertSeverity,
  CandleInterval,
  FeedState,
  TakerSide,
  UnifiedEventType,
} from './unified-event';

/**
 * Runtime lists of the closed string sets in unified-event.ts, for validation and UIs.
 * Each is derived from a `satisfies Record<Union, true>` object so adding a member to a
 * union without listing it here (or the reverse) is a compile error.
 */
const keys = <T extends string>(o: Record<T, true>): readonly T[] =>
  Object.freeze(Object.keys(o) as T[]);

export const UNIFIED_EVENT_TYPES = keys<UnifiedEventType>({
  trade: true,
  book: true,
  bbo: true,
  candle: true,
  status: true,
  alert: true,
});

export const TAKER_SIDES = keys<TakerSide>({ buy: true, sell: true, unknown: true });

export const CANDLE_INTERVALS = keys<CandleInterval>({
  '1s': true,
  '1m': true,
  '5m': true,
  '1h': true,
});

export const FEED_STATES = keys<FeedState>({
  connecting: true,
  subscribing: true,
  live: true,
  stale: true,
  backoff: true,
  reconnecting: true,
  stopped: true,
  gap: true,
  resync: true,
});

export const ALERT_SEVERITIES = keys<AlertSeverity>({ info: true, warning: true, critical: true });
