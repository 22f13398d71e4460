import type { AlertEvent, TradeEvent } from '@feedgate/core';
import type { VenueQuote } from '../nbbo/venue-quote';

/** What each detector implements; the AnomalyDetector facade routes events to them. */
export interface DetectorPort {
  onTrade?(t: TradeEvent, nowMs: number): readonly AlertEvent[];
  /** A venue's top of book, from a bbo event or a maintained order book. */
  onQuote?(q: VenueQuote, nowMs: number): readonly AlertEvent[];
  /** Any market event of a venue (trade, bbo, book): liveness. */
  onActivity?(exchange: string, symbol: string, nativeSymbol: string, nowMs: number): void;
  tick?(nowMs: number): readonly AlertEvent[];
}

/** The shared "nothing to report" result: hot paths return it instead of allocating `[]`. */
export const NO_ALERTS: readonly AlertEvent[] = Object.freeze([]);
