import type { AlertEvent, BboEvent, UnifiedEvent } from '@feedgate/core';
import { quoteFromBbo, type VenueQuote } from '../nbbo/venue-quote';
import { resolveAlertConfig, type AlertConfig, type AlertOptions } from './alert.config';
import { AlertThrottle } from './alert-throttle';
import { NO_ALERTS, type DetectorPort } from './anomaly-detector.port';
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
  // Per hook, the detectors that implement it (in `detectors` order): the per-event routing is
  // then a plain loop, with no closure or optional call per detector.
  private readonly tradeHooks: Required<Pick<DetectorPort, 'onTrade'>>[];
  private readonly quoteHooks: Required<Pick<DetectorPort, 'onQuote'>>[];
  private readonly activityHooks: Required<Pick<DetectorPort, 'onActivity'>>[];
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
    this.tradeHooks = this.detectors.filter(hasHook('onTrade'));
    this.quoteHooks = this.detectors.filter(hasHook('onQuote'));
    this.activityHooks = this.detectors.filter(hasHook('onActivity'));
  }

  process(event: UnifiedEvent, nowMs: number): readonly AlertEvent[] {
    switch (event.type) {
      case 'trade': {
        this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
        let out: AlertEvent[] | undefined;
        for (const d of this.tradeHooks) out = this.admit(d.onTrade(event, nowMs), nowMs, out);
        return out ?? NO_ALERTS;
      }
      case 'bbo':
        return this.onBbo(event, quoteFromBbo(event), nowMs);
      case 'book':
        this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
        return NO_ALERTS;
      default:
        return NO_ALERTS;
    }
  }

  /** A bbo event whose quote (quoteFromBbo) the caller already made: same as process(event). */
  onBbo(event: BboEvent, q: VenueQuote, nowMs: number): readonly AlertEvent[] {
    this.activity(event.exchange, event.symbol, event.nativeSymbol, nowMs);
    return this.onQuote(q, nowMs);
  }

  /** A venue's top of book (e.g. from ConsolidatedDepth.process). */
  onQuote(q: VenueQuote, nowMs: number): readonly AlertEvent[] {
    let out: AlertEvent[] | undefined;
    for (const d of this.quoteHooks) out = this.admit(d.onQuote(q, nowMs), nowMs, out);
    return out ?? NO_ALERTS;
  }

  tick(nowMs: number): readonly AlertEvent[] {
    let out: AlertEvent[] | undefined;
    for (const d of this.detectors) out = this.admit(d.tick?.(nowMs) ?? NO_ALERTS, nowMs, out);
    this.throttle.sweep(nowMs);
    return out ?? NO_ALERTS;
  }

  stats(): AnomalyStats {
    return { emitted: { ...this.emitted }, suppressed: this.suppressed };
  }

  private activity(exchange: string, symbol: string, nativeSymbol: string, nowMs: number): void {
    for (const d of this.activityHooks) d.onActivity(exchange, symbol, nativeSymbol, nowMs);
  }

  /** Appends the alerts the cooldown lets through to `out` (created on the first one). */
  private admit(
    alerts: readonly AlertEvent[],
    nowMs: number,
    out: AlertEvent[] | undefined,
  ): AlertEvent[] | undefined {
    for (const a of alerts) {
      if (!this.throttle.allow(`${a.kind}|${a.exchange}:${a.symbol}`, nowMs)) {
        this.suppressed++;
        continue;
      }
      this.emitted[a.kind] = (this.emitted[a.kind] ?? 0) + 1;
      (out ??= []).push(a);
    }
    return out;
  }
}

function hasHook<K extends keyof DetectorPort>(hook: K) {
  return (d: DetectorPort): d is DetectorPort & Required<Pick<DetectorPort, K>> =>
    typeof d[hook] === 'function';
}
