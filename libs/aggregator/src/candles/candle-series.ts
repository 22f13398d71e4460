import type { CandleInterval } from '@feedgate/core';
import type { CandleBuilder } from './candle-builder';

/** Candle state of one (exchange, symbol, interval): the windows still open or amendable. */
export class CandleSeries {
  /** Max of the trades' ts and the last tick's wall clock. */
  clock = Number.NEGATIVE_INFINITY;
  /** Windows held, sorted by start; a handful at most (lateness / interval + 2). */
  readonly candles: CandleBuilder[] = [];
  /** Bucket of the deadline index this series is filed under (NaN when unfiled). */
  deadlineBucket = Number.NaN;
  /** False once the aggregator has forgotten this series. */
  live = true;

  constructor(
    readonly id: string,
    readonly exchange: string,
    readonly symbol: string,
    readonly interval: CandleInterval,
    readonly intervalMs: number,
    readonly latenessMs: number,
  ) {}

  find(start: number): CandleBuilder | undefined {
    for (const c of this.candles) if (c.start === start) return c;
    return undefined;
  }

  insert(c: CandleBuilder): void {
    let i = this.candles.length;
    while (i > 0 && this.candles[i - 1].start > c.start) i--;
    this.candles.splice(i, 0, c);
  }
}
