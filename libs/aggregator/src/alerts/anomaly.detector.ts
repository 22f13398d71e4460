import type { AlertEvent, UnifiedEvent } from '@feedgate/core';
import { quoteFromBbo, type VenueQuote } from '../nbbo/venue-quote';
import { resolveAlertConfig, type AlertConfig, type AlertOptions } from './alert.config';
import { AlertThrottle } from './alert-throttle';
import type { DetectorPort } from './anomaly-detector.port';
import { BookCrossDetector } from './book-cross.detector';
import { PriceDeviationDetector } from './price-deviation.detector';
import { StaleFeedDetector } from './stale-feed.detector';
import { VolumeSpikeDetector } from './volume-spike.detector';
import { WashTradeDetector } from './wash-trade.detector';

/** Counters of the facade, for metrics. */
export interface AnomalyStats {
  /** Alerts emitted, per kind. */
  readonly emitted: Readonly<Record<string, number>>;
  /** Alerts withheld by the per-key cooldown. */
  readonly suppressed: number;
}

/**
 * Facade over the anomaly detectors: routes trades, quotes (bbo events, or book tops given to
 * `onQuote` by whoever maintains the books) and activity to each enabled detector, and applies one
 * per (kind, exchange, symbol) cooldown to everything they raise. Config is validated once here.
 */
export class AnomalyDetector {
  readonly config: AlertConfig;
  private readonly detectors: DetectorPort[] = [];
  private readonly throttle: AlertThrottle;
  private readonly emitted: Record<string, number> = {};
  private suppressed = 0;

  constructor(options: AlertOptions = {}) {
    const c = (this.config = resolveAlertConfig(options));
    if (c.priceDeviation.enabled)
      this.detectors.push(new PriceDeviationDetector(c.priceDeviation, c.maxKeys));
    if (c.book.enabled) this.detectors.push(new BookCrossDetector(c.book, c.maxKeys));
    if (c.staleFeed.enabled) this.detectors.push(new StaleFeedDetector(c.staleFeed, c.maxKeys));
    if (c.volumeSpike.enabled)
      this.detectors.push(new VolumeSpikeDetector(c.volumeSpike, c.maxKeys));
    if (c.washTrade.enabled) this.detectors.push(new WashTradeDetector(c.washTrade, c.maxKeys));
    this.throttle = new AlertThrottle(c.cooldownMs, c.maxKeys);
  }

  process(event: UnifiedEvent, nowMs: number): readonly AlertEvent[] {
    switch (event.type) {
      case 'trade':
        this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
        return this.collect((d) => d.onTrade?.(event, nowMs), nowMs);
      case 'bbo':
        this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
        return this.onQuote(quoteFromBbo(event), nowMs);
      case 'book':
        this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
        return [];
      default:
        return [];
    }
  }

  /** A venue's top of book (e.g. from ConsolidatedDepth.process). */
  onQuote(q: VenueQuote, nowMs: number): readonly AlertEvent[] {
    return this.collect((d) => d.onQuote?.(q, nowMs), nowMs);
  }

  tick(nowMs: number): readonly AlertEvent[] {
    const out = this.collect((d) => d.tick?.(nowMs), nowMs);
    this.throttle.sweep(nowMs);
    return out;
  }

  stats(): AnomalyStats {
    return { emitted: { ...this.emitted }, suppressed: this.suppressed };
  }

  private activity(exchange: string, symbol: string, nativeSymbol: string, nowMs: number): void {
    for (const d of this.detectors) d.onActivity?.(exchange, symbol, nativeSymbol, nowMs);
  }

  private collect(
    call: (d: DetectorPort) => readonly AlertEvent[] | undefined,
    nowMs: number,
  ): readonly AlertEvent[] {
    let out: AlertEvent[] | undefined;
    for (const d of this.detectors) {
      for (const a of call(d) ?? []) {
        if (!this.throttle.allow(`${a.kind}|${a.exchange}:${a.symbol}`, nowMs)) {
          this.suppressed++;
          continue;
        }
        this.emitted[a.kind] = (this.emitted[a.kind] ?? 0) + 1;
        (out ??= []).push(a);
      }
    }
    return out ?? [];
  }
}
