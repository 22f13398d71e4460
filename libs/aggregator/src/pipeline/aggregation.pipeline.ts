import { eventKey, toJsonEvent, type AlertEvent, type UnifiedEvent } from '@feedgate/core';
import { AnomalyDetector, type AnomalyStats } from '../alerts/anomaly.detector';
import { CandleAggregator } from '../candles/candle.aggregator';
import type { CandleOutput, CandleStats } from '../candles/candle-output';
import { ConsolidatedBboCalculator } from '../nbbo/consolidated-bbo';
import type { ConsolidatedBbo } from '../nbbo/consolidated-bbo.model';
import { ConsolidatedDepth } from '../nbbo/consolidated-depth';
import { toJsonDepth, type ConsolidatedDepthSnapshot } from '../nbbo/consolidated-depth.model';
import { quoteFromBbo, type VenueQuote } from '../nbbo/venue-quote';
import type { VwapResult } from '../vwap/vwap-result';
import { VwapCalculator, type VwapStats } from '../vwap/vwap.calculator';
import { nbboMessage, vwapMessage } from './agg-messages';
import { AGG_TOPICS, type AggOutput } from './agg-output';
import {
  alertOptionsFor,
  resolvePipelineOptions,
  type AggregationPipelineOptions,
  type ResolvedPipelineOptions,
} from './aggregation-pipeline.options';

export interface PipelineStats {
  /** Unified events seen, per type. */
  readonly events: Readonly<Record<string, number>>;
  readonly outputs: Readonly<Record<string, number>>;
  readonly candles: CandleStats;
  readonly vwap: VwapStats;
  readonly anomalies: AnomalyStats;
}

/**
 * Owns every aggregation engine and routes each unified event to them (which ones depends on
 * the mode, see aggregation-pipeline.options.ts):
 *   trade → candles, VWAP, anomaly detector (deviation, volume spike, wash trade)
 *   book  → consolidated depth → venue top of book → consolidated BBO + detector (crossed/locked)
 *   bbo   → consolidated BBO + detector
 *   status→ counted only: staleness is detected from silence (StaleFeedDetector, and the BBO /
 *           depth staleAfterMs), which also covers a gate that died without saying so.
 * `tick(nowMs)` drives the time-based flushes. Synchronous and I/O-free: the caller publishes the
 * returned outputs in order (per-key order matters: a candle's revision 1 after its revision 0).
 */
export class AggregationPipeline {
  readonly options: ResolvedPipelineOptions;
  private readonly candles: CandleAggregator;
  private readonly vwap: VwapCalculator;
  private readonly nbbo: ConsolidatedBboCalculator;
  private readonly depth: ConsolidatedDepth;
  private readonly detector: AnomalyDetector;
  private readonly eventCounts: Record<string, number> = {};
  private readonly outputCounts: Record<string, number> = {};

  constructor(options: AggregationPipelineOptions = {}) {
    const o = (this.options = resolvePipelineOptions(options));
    this.candles = new CandleAggregator(o.candles);
    // Cross-venue only: no per-exchange series. Per-venue: the cross-exchange series exists in
    // the calculator but its results are not published (see tick).
    this.vwap = new VwapCalculator(
      o.crossVenue && !o.perVenue ? { ...o.vwap, perExchange: false } : o.vwap,
    );
    this.nbbo = new ConsolidatedBboCalculator(o.consolidation);
    this.depth = new ConsolidatedDepth(o.depthLevels, o.consolidation);
    this.detector = new AnomalyDetector(alertOptionsFor(o));
  }

  /** Routes one event; returns what to publish now. */
  process(event: UnifiedEvent, nowMs: number): AggOutput[] {
    const type = typeof event?.type === 'string' ? event.type : 'unknown';
    this.eventCounts[type] = (this.eventCounts[type] ?? 0) + 1;
    const out: AggOutput[] = [];
    switch (event.type) {
      case 'trade':
        if (this.options.perVenue) this.addCandles(this.candles.process(event, nowMs), out);
        this.vwap.process(event, nowMs);
        this.addAlerts(this.detector.process(event, nowMs), out);
        break;
      case 'book': {
        this.addAlerts(this.detector.process(event, nowMs), out); // liveness
        const top = this.depth.process(event, nowMs);
        if (top !== null) this.onVenueQuote(top, nowMs, out);
        break;
      }
      case 'bbo': {
        const q = quoteFromBbo(event); // one quote for both consumers
        if (this.options.crossVenue) this.addNbbo(this.nbbo.applyQuote(q, nowMs), out);
        this.addAlerts(this.detector.onBbo(event, q, nowMs), out);
        break;
      }
      default:
        break; // status is counted; candle/alert never come from md.unified
    }
    return out;
  }

  /** Wall-clock flush: closed candles, changed VWAPs, stale venues, depth snapshots, alerts. */
  tick(nowMs: number): AggOutput[] {
    const out: AggOutput[] = [];
    if (this.options.perVenue) this.addCandles(this.candles.tick(nowMs), out);
    for (const r of this.vwap.tick(nowMs)) this.addVwap(r, out);
    // Depth books are kept in every mode (their tops feed the crossed/locked detector); only the
    // cross-venue owner publishes the merged picture.
    const snapshots = this.depth.tick(nowMs);
    if (this.options.crossVenue) {
      this.addNbbo(this.nbbo.tick(nowMs), out);
      for (const d of snapshots) this.addDepth(d, out);
    }
    this.addAlerts(this.detector.tick(nowMs), out);
    return out;
  }

  stats(): PipelineStats {
    return {
      events: { ...this.eventCounts },
      outputs: { ...this.outputCounts },
      candles: this.candles.stats(),
      vwap: this.vwap.stats(),
      anomalies: this.detector.stats(),
    };
  }

  private onVenueQuote(q: VenueQuote, nowMs: number, out: AggOutput[]): void {
    if (this.options.crossVenue) this.addNbbo(this.nbbo.applyQuote(q, nowMs), out);
    this.addAlerts(this.detector.onQuote(q, nowMs), out);
  }

  private addCandles(cs: readonly CandleOutput[], out: AggOutput[]): void {
    for (const c of cs) {
      const candle = toJsonEvent(c.candle);
      if (candle.type !== 'candle') continue; // cannot happen; narrows the JSON type
      this.count('candle');
      out.push({
        topic: AGG_TOPICS.candles,
        key: c.candle.symbol,
        message: { kind: 'candle', candle, amended: c.amended, revision: c.revision },
      });
    }
  }

  private addVwap(r: VwapResult, out: AggOutput[]): void {
    const owned = r.exchange === null ? this.options.crossVenue : this.options.perVenue;
    if (!owned) return;
    this.count('vwap');
    out.push({
      topic: AGG_TOPICS.candles,
      key: r.symbol,
      message: vwapMessage(r),
    });
  }

  private addNbbo(bs: readonly ConsolidatedBbo[], out: AggOutput[]): void {
    for (const b of bs) {
      this.count('nbbo');
      out.push({
        topic: AGG_TOPICS.bbo,
        key: b.symbol,
        message: nbboMessage(b),
      });
    }
  }

  private addDepth(d: ConsolidatedDepthSnapshot, out: AggOutput[]): void {
    this.count('depth');
    out.push({
      topic: AGG_TOPICS.bbo,
      key: d.symbol,
      message: { kind: 'depth', ...toJsonDepth(d) },
    });
  }

  private addAlerts(as: readonly AlertEvent[], out: AggOutput[]): void {
    for (const a of as) {
      this.count('alert');
      out.push({ topic: AGG_TOPICS.alerts, key: eventKey(a), alert: a });
    }
  }

  private count(kind: string): void {
    this.outputCounts[kind] = (this.outputCounts[kind] ?? 0) + 1;
  }
}
