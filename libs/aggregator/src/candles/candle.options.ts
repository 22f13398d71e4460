import { CANDLE_INTERVALS, type CandleInterval } from '@feedgate/core';
import { AggregatorConfigError } from '../errors/aggregator-config.error';

/**
 * Options of {@link CandleAggregator}. Timing model (exchange event time):
 *
 * - Each (exchange, symbol) series has a clock = max(ts of its trades, last `tick(nowMs)`).
 * - A candle [start, end) is PUBLISHED when clock ≥ end + publishDelayMs (default 0: as soon as
 *   a later trade or the wall clock says the window is over).
 * - It stays AMENDABLE until the watermark clock − allowedLatenessMs reaches end; a late trade in
 *   that horizon updates it and the updated candle is published again (amended = true).
 * - A trade whose window end ≤ watermark is DROPPED (counted as droppedLate); the candle state
 *   is freed at that moment, which is what bounds memory.
 */
export interface CandleOptions {
  /** Intervals computed. Default all: 1s, 1m, 5m, 1h. */
  readonly intervals?: readonly CandleInterval[];
  /** Allowed lateness per interval, ms. Default 2 000 for 1s, 10 000 for the others. */
  readonly allowedLatenessMs?: Partial<Record<CandleInterval, number>>;
  /** Extra wait after the window end before the first publish (fewer amendments). Default 0. */
  readonly publishDelayMs?: number;
  /**
   * Trades with ts more than this ahead of `nowMs` are rejected: one bad exchange clock must not
   * push the series clock into the future and make every later trade "late". Default 60 000.
   */
  readonly maxFutureSkewMs?: number;
  /** Hard bound on (exchange, symbol, interval) series held; new ones beyond are refused. */
  readonly maxSeries?: number;
}

export interface ResolvedCandleOptions {
  readonly intervals: readonly CandleInterval[];
  readonly allowedLatenessMs: Readonly<Record<CandleInterval, number>>;
  readonly publishDelayMs: number;
  readonly maxFutureSkewMs: number;
  readonly maxSeries: number;
}

export const CANDLE_DEFAULTS: ResolvedCandleOptions = {
  intervals: CANDLE_INTERVALS,
  allowedLatenessMs: { '1s': 2_000, '1m': 10_000, '5m': 10_000, '1h': 10_000 },
  publishDelayMs: 0,
  maxFutureSkewMs: 60_000,
  maxSeries: 4_000_000,
};

export function resolveCandleOptions(o: CandleOptions = {}): ResolvedCandleOptions {
  const intervals = o.intervals ?? CANDLE_DEFAULTS.intervals;
  if (intervals.length === 0) throw new AggregatorConfigError('candles: intervals is empty');
  for (const i of intervals) {
    if (!CANDLE_INTERVALS.includes(i))
      throw new AggregatorConfigError(`candles: bad interval ${i}`);
  }
  const lateness = { ...CANDLE_DEFAULTS.allowedLatenessMs, ...o.allowedLatenessMs };
  for (const [k, v] of Object.entries(lateness)) nonNegative(`allowedLatenessMs.${k}`, v);
  const r: ResolvedCandleOptions = {
    intervals: [...new Set(intervals)],
    allowedLatenessMs: lateness,
    publishDelayMs: o.publishDelayMs ?? CANDLE_DEFAULTS.publishDelayMs,
    maxFutureSkewMs: o.maxFutureSkewMs ?? CANDLE_DEFAULTS.maxFutureSkewMs,
    maxSeries: o.maxSeries ?? CANDLE_DEFAULTS.maxSeries,
  };
  nonNegative('publishDelayMs', r.publishDelayMs);
  nonNegative('maxFutureSkewMs', r.maxFutureSkewMs);
  for (const i of r.intervals) {
    if (r.publishDelayMs > r.allowedLatenessMs[i]) {
      // Otherwise a candle would be freed before it was ever published.
      throw new AggregatorConfigError(`candles: publishDelayMs exceeds allowedLatenessMs.${i}`);
    }
  }
  if (!Number.isSafeInteger(r.maxSeries) || r.maxSeries < 1) {
    throw new AggregatorConfigError(`candles: maxSeries must be a positive integer`);
  }
  return r;
}

function nonNegative(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new AggregatorConfigError(`candles: ${name} must be a finite number ≥ 0, got ${v}`);
  }
}
