import type { CandleEvent } from '@feedgate/core';

/**
 * A published candle. CandleEvent has no field for amendments (the unified model is a contract),
 * so the wrapper says whether this is a re-publication of an already published window.
 */
export interface CandleOutput {
  readonly candle: CandleEvent;
  /** True when this window was published before and a late trade changed it. */
  readonly amended: boolean;
  /** 0 for the first publication, then 1, 2, … for each amendment of the same window. */
  readonly revision: number;
}

/** Counters of a {@link CandleAggregator}, for metrics. */
export interface CandleStats {
  /** Trades accepted into a candle. */
  readonly trades: number;
  /** Trades older than the lateness horizon, not applied. */
  readonly droppedLate: number;
  /** Trades with ts too far ahead of the clock, not applied. */
  readonly rejectedFuture: number;
  /** Trades refused because maxSeries was reached. */
  readonly refusedCapacity: number;
  /** Candles published for the first time / amendments published. */
  readonly published: number;
  readonly amendments: number;
  /** Candle windows currently held in memory (open or still amendable). */
  readonly liveCandles: number;
  /** Series currently held in memory. */
  readonly liveSeries: number;
}
