import type { AlertEvent, Decimal, EventBase, TradeEvent } from '@feedgate/core';
import type { VenueQuote } from '../nbbo/venue-quote';
import { decimalMid, decimalOf, deviationBps, exceedsBps } from '../util/decimal-stats';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import type { DetectorPort } from './anomaly-detector.port';
import { ReferencePrices } from './reference-prices';

/**
 * A trade price or quote mid further than thresholdBps from the median of the OTHER venues'
 * latest references. Excluding the venue itself keeps one bad feed from dragging the median
 * toward itself; requiring minOtherVenues keeps a two-venue disagreement from blaming either.
 * Checked before the venue's own reference is updated, exactly (no float, no division).
 */
export class PriceDeviationDetector implements DetectorPort {
  private readonly refs: ReferencePrices;
  private readonly threshold: Decimal;
  private readonly critical: Decimal;

  constructor(
    private readonly cfg: AlertConfig['priceDeviation'],
    maxKeys: number,
  ) {
    this.refs = new ReferencePrices(cfg.referenceMaxAgeMs, maxKeys);
    this.threshold = decimalOf(cfg.thresholdBps);
    this.critical = decimalOf(cfg.criticalBps);
  }

  onTrade(t: TradeEvent, nowMs: number): readonly AlertEvent[] {
    if (t.price.sign() <= 0) return [];
    return this.check(t, t.price, `trade ${t.id} price ${t.price}`, nowMs);
  }

  onQuote(q: VenueQuote, nowMs: number): readonly AlertEvent[] {
    if (q.bidPrice === null || q.askPrice === null || q.bidPrice.gte(q.askPrice)) return []; // crossed: other detector
    const mid = decimalMid(q.bidPrice, q.askPrice);
    return this.check(q, mid, `quote mid ${mid} (${q.bidPrice}/${q.askPrice})`, nowMs);
  }

  tick(nowMs: number): readonly AlertEvent[] {
    this.refs.sweep(nowMs);
    return [];
  }

  private check(
    at: Pick<EventBase, 'exchange' | 'symbol' | 'nativeSymbol' | 'ts' | 'localTs'>,
    price: Decimal,
    what: string,
    nowMs: number,
  ): readonly AlertEvent[] {
    const ref = this.refs.medianExcluding(at.symbol, at.exchange, nowMs);
    this.refs.set(at.symbol, at.exchange, price, nowMs);
    if (ref === null || ref.n < this.cfg.minOtherVenues || ref.median.sign() <= 0) return [];
    if (!exceedsBps(price, ref.median, this.threshold)) return [];
    const bps = deviationBps(price, ref.median);
    const severity = exceedsBps(price, ref.median, this.critical) ? 'critical' : 'warning';
    const detail = `${what} is ${bps} bps from the median ${ref.median} of ${ref.n} other venues (threshold ${this.cfg.thresholdBps} bps)`;
    return [makeAlert('price-deviation', severity, at, detail)];
  }
}
