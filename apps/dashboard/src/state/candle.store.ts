/** One chart bar; prices as numbers for drawing only (the exact strings stay in the feed). */
export interface Bar {
  /** Window start, epoch seconds (lightweight-charts' UTCTimestamp). */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly revision: number;
}

/** What applying a candle did to its exchange's series, so the chart redraws as little as it can. */
export type CandleChange = 'append' | 'update' | 'rewrite' | 'ignored';

const MAX_BARS = 2000;

/**
 * Candles of one symbol and interval, per exchange. A candle replaces the bar with the same
 * window start (amendments from late trades included; an older revision never overwrites a
 * newer one); each exchange keeps at most MAX_BARS, oldest dropped.
 */
export class CandleStore {
  private readonly series = new Map<string, Bar[]>();

  /** `data` is a JSON-form candle event from the `candles` channel. */
  apply(data: Record<string, unknown>, revision = 0): { exchange: string; change: CandleChange } {
    const exchange = typeof data.exchange === 'string' ? data.exchange : '';
    const start = Number(data.start);
    const bar: Bar = {
      time: Math.floor(start / 1000),
      open: Number(data.open),
      high: Number(data.high),
      low: Number(data.low),
      close: Number(data.close),
      volume: Number(data.volume),
      revision,
    };
    const values = [bar.time, bar.open, bar.high, bar.low, bar.close];
    if (!exchange || !values.every(Number.isFinite)) return { exchange, change: 'ignored' };
    let bars = this.series.get(exchange);
    if (!bars) {
      bars = [];
      this.series.set(exchange, bars);
    }
    const last = bars[bars.length - 1];
    if (!last || bar.time > last.time) {
      bars.push(bar);
      if (bars.length > MAX_BARS) bars.splice(0, bars.length - MAX_BARS);
      return { exchange, change: 'append' };
    }
    const i = indexOf(bars, bar.time);
    if (i >= 0 && bars[i].revision > revision) return { exchange, change: 'ignored' };
    if (i >= 0) bars[i] = bar;
    else if (bars.length < MAX_BARS || bar.time > bars[0].time) {
      bars.splice(-indexOf(bars, bar.time) - 1, 0, bar);
      if (bars.length > MAX_BARS) bars.shift();
    } else return { exchange, change: 'ignored' };
    return { exchange, change: i === bars.length - 1 ? 'update' : 'rewrite' };
  }

  bars(exchange: string): readonly Bar[] {
    return this.series.get(exchange) ?? [];
  }

  exchanges(): string[] {
    return [...this.series.keys()].sort();
  }

  clear(): void {
    this.series.clear();
  }
}

/** Binary search by time: the index, or -(insertion point) - 1 when absent. */
function indexOf(bars: readonly Bar[], time: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].time === time) return mid;
    if (bars[mid].time < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}
