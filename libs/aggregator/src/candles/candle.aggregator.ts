import type { TradeEvent, UnifiedEvent } from '@feedgate/core';
import { CandleBuilder } from './candle-builder';
import type { CandleOutput, CandleStats } from './candle-output';
import { CandleSeries } from './candle-series';
import { CANDLE_INTERVAL_MS, windowStart } from './candle-window';
import {
  resolveCandleOptions,
  type CandleOptions,
  type ResolvedCandleOptions,
} from './candle.options';

/** Deadlines are filed in 100 ms buckets so the index has few keys however many series exist. */
const BUCKET_MS = 100;

/**
 * Candles per (exchange, symbol) and interval on exchange event time, with allowed lateness and
 * amendments (timing model in candle.options.ts). Pure and synchronous: feed events with
 * `process(event, nowMs)`, call `tick(nowMs)` periodically so quiet series still close; both
 * return the candles to publish. Memory: a series holds only windows that can still be
 * published or amended, and a series with none is freed once the wall clock has passed it.
 */
export class CandleAggregator {
  private readonly options: ResolvedCandleOptions;
  private readonly series = new Map<string, CandleSeries>();
  /**
   * exchange → symbol → live series per interval (options.intervals order): a trade finds its
   * series without building and hashing a string id per interval.
   */
  private readonly slots = new Map<string, Map<string, (CandleSeries | undefined)[]>>();
  /** bucket (ms) → series with a deadline in it: lets tick() touch only series with work. */
  private readonly deadlines = new Map<number, Set<CandleSeries>>();
  private tickClock = Number.NEGATIVE_INFINITY;
  private liveCandles = 0;
  private counters = { trades: 0, droppedLate: 0, rejectedFuture: 0, refusedCapacity: 0 };
  private publishedCount = 0;
  private amendmentCount = 0;

  constructor(options: CandleOptions = {}) {
    this.options = resolveCandleOptions(options);
  }

  /** Applies a trade (other event types are ignored); returns candles to publish now. */
  process(event: UnifiedEvent, nowMs: number): readonly CandleOutput[] {
    if (event.type !== 'trade' || !Number.isFinite(event.ts)) return [];
    if (event.ts > nowMs + this.options.maxFutureSkewMs) {
      this.counters.rejectedFuture++;
      return [];
    }
    // nowMs is the same wall clock tick() receives: a trade judged at 12:00:05 is late against
    // 12:00:05 whether or not a tick ran in between.
    if (nowMs > this.tickClock) this.tickClock = nowMs;
    const out: CandleOutput[] = [];
    const intervals = this.options.intervals;
    const own = this.slots.get(event.exchange)?.get(event.symbol);
    for (let i = 0; i < intervals.length; i++) {
      const s = own?.[i] ?? this.create(event, i);
      if (s === undefined) continue;
      this.apply(s, event, out);
      this.advance(s, event.ts, out);
      this.reschedule(s);
    }
    return out;
  }

  /** Wall-clock flush: publishes windows that ended by `nowMs`, frees those past lateness. */
  tick(nowMs: number): readonly CandleOutput[] {
    if (nowMs > this.tickClock) this.tickClock = nowMs;
    const due: CandleSeries[] = [];
    for (const [bucket, set] of this.deadlines) {
      if (bucket <= nowMs) for (const s of set) due.push(s);
    }
    const out: CandleOutput[] = [];
    for (const s of due) {
      this.advance(s, nowMs, out);
      this.reschedule(s);
    }
    return out;
  }

  stats(): CandleStats {
    return {
      ...this.counters,
      published: this.publishedCount,
      amendments: this.amendmentCount,
      liveCandles: this.liveCandles,
      liveSeries: this.series.size,
    };
  }

  private create(t: TradeEvent, i: number): CandleSeries | undefined {
    if (this.series.size >= this.options.maxSeries) {
      this.counters.refusedCapacity++;
      return undefined;
    }
    const interval = this.options.intervals[i];
    const id = `${t.exchange}:${t.symbol}|${interval}`;
    const s = new CandleSeries(
      id,
      t.exchange,
      t.symbol,
      interval,
      CANDLE_INTERVAL_MS[interval],
      this.options.allowedLatenessMs[interval],
    );
    s.clock = this.tickClock;
    this.series.set(id, s);
    let bySymbol = this.slots.get(t.exchange);
    if (bySymbol === undefined) this.slots.set(t.exchange, (bySymbol = new Map()));
    let own = bySymbol.get(t.symbol);
    if (own === undefined) bySymbol.set(t.symbol, (own = []));
    own[i] = s;
    return s;
  }

  private forget(s: CandleSeries): void {
    this.unschedule(s);
    this.series.delete(s.id);
    s.live = false;
    const bySymbol = this.slots.get(s.exchange);
    const own = bySymbol?.get(s.symbol);
    if (bySymbol === undefined || own === undefined) return;
    const i = this.options.intervals.indexOf(s.interval);
    if (own[i] === s) own[i] = undefined;
    if (own.every((x) => x === undefined)) bySymbol.delete(s.symbol);
    if (bySymbol.size === 0) this.slots.delete(s.exchange);
  }

  private apply(s: CandleSeries, t: TradeEvent, out: CandleOutput[]): void {
    const watermark = Math.max(s.clock, this.tickClock) - s.latenessMs;
    const start = windowStart(t.ts, s.intervalMs);
    const end = start + s.intervalMs;
    if (end <= watermark) {
      this.counters.droppedLate++;
      return;
    }
    this.counters.trades++;
    const existing = s.find(start);
    if (existing === undefined) {
      s.insert(new CandleBuilder(s.interval, start, end, t));
      this.liveCandles++;
      return; // a new window is published by advance() once its end has passed
    }
    existing.add(t);
    if (existing.publications > 0) this.publish(s, existing, out); // the amendment
  }

  /** Moves the series clock to `clock`; publishes ended windows, frees finalized ones. */
  private advance(s: CandleSeries, clock: number, out: CandleOutput[]): void {
    if (clock > s.clock) s.clock = clock;
    const now = Math.max(s.clock, this.tickClock);
    const watermark = now - s.latenessMs;
    let freed = 0;
    for (const c of s.candles) {
      if (c.publications === 0 && now >= c.end + this.options.publishDelayMs)
        this.publish(s, c, out);
      if (c.end <= watermark) freed++;
    }
    if (freed > 0) {
      // Windows are sorted and the watermark only grows, so finalized ones are a prefix.
      s.candles.splice(0, freed);
      this.liveCandles -= freed;
    }
    if (s.candles.length === 0 && s.clock <= this.tickClock) {
      // Nothing held, and the wall clock already covers this series' clock: forgetting it loses
      // no information (a late trade is judged against tickClock anyway).
      this.forget(s);
    }
  }

  private publish(s: CandleSeries, c: CandleBuilder, out: CandleOutput[]): void {
    const revision = c.publications;
    out.push({ candle: c.toEvent(s.exchange, s.symbol), amended: revision > 0, revision });
    c.publications++;
    if (revision > 0) this.amendmentCount++;
    else this.publishedCount++;
  }

  private reschedule(s: CandleSeries): void {
    if (!s.live) return;
    const bucket = Math.ceil(this.nextDeadline(s) / BUCKET_MS) * BUCKET_MS;
    if (bucket === s.deadlineBucket) return;
    this.unschedule(s);
    let set = this.deadlines.get(bucket);
    if (set === undefined) this.deadlines.set(bucket, (set = new Set()));
    set.add(s);
    s.deadlineBucket = bucket;
  }

  private unschedule(s: CandleSeries): void {
    if (Number.isNaN(s.deadlineBucket)) return;
    const set = this.deadlines.get(s.deadlineBucket);
    if (set !== undefined && set.delete(s) && set.size === 0)
      this.deadlines.delete(s.deadlineBucket);
    s.deadlineBucket = Number.NaN;
  }

  /** Earliest wall-clock time at which tick() has something to do for this series. */
  private nextDeadline(s: CandleSeries): number {
    if (s.candles.length === 0) return s.clock; // time to forget the series
    let d = s.candles[0].end + s.latenessMs;
    for (const c of s.candles) {
      if (c.publications === 0) d = Math.min(d, c.end + this.options.publishDelayMs);
    }
    return d;
  }
}
