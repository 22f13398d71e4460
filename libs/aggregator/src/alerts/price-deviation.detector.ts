import type { AlertEvent, Decimal, EventBase, TradeEvent } from '@feedgate/core';
import type { VenueQuote } from '../nbbo/venue-quote';
import {
  APPROX_SLACK,
  approxOf,
  decimalMid,
  decimalOf,
  deviationBps,
  exceedsBps,
} from '../util/decimal-stats';
import type { AlertConfig } from './alert.config';
import { makeAlert } from './alert-factory';
import { NO_ALERTS, type DetectorPort } from './anomaly-detector.port';
import { ReferencePrices } from './reference-prices';

type At = Pick<EventBase, 'exchange' | 'symbol' | 'nativeSymbol' | 'ts' | 'localTs'>;

/**
 * A trade price or quote mid further than thresholdBps from the median of the OTHER venues'
 * latest references. Excluding the venue itself keeps one bad feed from dragging the median
 * toward itself; requiring minOtherVenues keeps a two-venue disagreement from blaming either.
 * Checked before the venue's own reference is updated, exactly (no division): a float estimate
 * only settles the checks that are far below the threshold (the usual case, on every trade and
 * quote), anything near it or above goes through the exact Decimal comparison.
 */
export class PriceDeviationDetector implements DetectorPort {
  private readonly refs: ReferencePrices;
  private readonly threshold: Decimal;
  private readonly critical: Decimal;
  /** thresholdBps / 10 000, for the float prefilter. */
  private readonly thresholdRatio: number;

  constructor(
    private readonly cfg: AlertConfig['priceDeviation'],
    maxKeys: number,
  ) {
    this.refs = new ReferencePrices(cfg.referenceMaxAgeMs, maxKeys);
    this.threshold = decimalOf(cfg.thresholdBps);
    this.critical = decimalOf(cfg.criticalBps);
    this.thresholdRatio = cfg.thresholdBps / 10_000;
  }

  onTrade(t: TradeEvent, nowMs: number): readonly AlertEvent[] {
    if (t.price.sign() <= 0) return NO_ALERTS;
    const others = this.refs.collect(t.symbol, t.exchange, nowMs);
    this.refs.set(t.symbol, t.exchange, t.price, nowMs);
    if (!this.mayExceed(others, approxOf(t.price))) return NO_ALERTS;
    return this.judge(t, t.price, () => `trade ${t.id} price ${t.price}`);
  }

  onQuote(q: VenueQuote, nowMs: number): readonly AlertEvent[] {
    const bid = q.bidPrice;
    const ask = q.askPrice;
    if (bid === null || ask === null || bid.gte(ask)) return NO_ALERTS; // crossed: other detector
    const others = this.refs.collect(q.symbol, q.exchange, nowMs);
    this.refs.setMid(q.symbol, q.exchange, bid, ask, nowMs);
    if (!this.mayExceed(others, (approxOf(bid) + approxOf(ask)) / 2)) return NO_ALERTS;
    const mid = decimalMid(bid, ask);
    return this.judge(q, mid, () => `quote mid ${mid} (${bid}/${ask})`);
  }

  tick(nowMs: number): readonly AlertEvent[] {
    this.refs.sweep(nowMs);
    return NO_ALERTS;
  }

  /**
   * False only when no alert is possible: too few other venues, or the float deviation is below
   * the threshold by far more than float rounding could account for.
   */
  private mayExceed(others: number, approxPrice: number): boolean {
    if (others === 0 || others < this.cfg.minOtherVenues) return false;
    const median = this.refs.approxMedian();
    if (!(median > 0) || !Number.isFinite(median) || !Number.isFinite(approxPrice)) return true;
    const deviation = Math.abs(approxPrice - median) / median;
    return deviation + APPROX_SLACK * (1 + deviation) >= this.thresholdRatio;
  }

  /** The exact decision on the references `collect` picked. */
  private judge(at: At, price: Decimal, what: () => string): readonly AlertEvent[] {
    const median = this.refs.exactMedian();
    if (median === null || median.sign() <= 0) return NO_ALERTS;
    if (!exceedsBps(price, median, this.threshold)) return NO_ALERTS;
    const bps = deviationBps(price, median);
    const severity = exceedsBps(price, median, this.critical) ? 'critical' : 'warning';
    const n = this.refs.collectedCount;
    const detail = `${what()} is ${bps} bps from the median ${median} of ${n} other venues (threshold ${this.cfg.thresholdBps} bps)`;
    return [makeAlert('price-deviation', severity, at, detail)];
  }
}
