import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import type { CandleOutput } from './candle-output';
import { CandleAggregator } from './candle.aggregator';

// 1_700_000_040_000 is a whole minute (60 000 × 28 333 334), so 1s and 1m windows align with it.
const T0 = 1_700_000_040_000;
const tr = (ts: number, price: string, amount: string, ex = 'binance', sym = 'BTC-USDT') =>
  AggEvents.trade(ex, sym, T0 + ts, price, amount);

/** Candle outputs in a compact, hand-checkable form (start/end relative to T0). */
function view(outs: readonly CandleOutput[]) {
  return outs.map(({ candle: c, amended, revision }) => ({
    i: c.interval,
    s: c.start - T0,
    e: c.end - T0,
    ohlcv: [c.open, c.high, c.low, c.close, c.volume].map((d) => d.toString()).join(' '),
    n: c.trades,
    amended,
    revision,
  }));
}

describe('CandleAggregator', () => {
  it('builds 1s candles, amends within lateness and drops beyond it', () => {
    const agg = new CandleAggregator({ intervals: ['1s'], allowedLatenessMs: { '1s': 2_000 } });
    const p = (ts: number, price: string, amount: string) =>
      view(agg.process(tr(ts, price, amount), T0 + ts));
    expect(p(100, '100', '1')).toEqual([]);
    expect(p(500, '102', '0.5')).toEqual([]);
    expect(p(900, '99', '2')).toEqual([]);
    // ts 1000 is the first ms of the next window (end exclusive): it closes [0, 1000).
    expect(p(1000, '101', '1')).toEqual([
      { i: '1s', s: 0, e: 1000, ohlcv: '100 102 99 99 3.5', n: 3, amended: false, revision: 0 },
    ]);
    // Late trade inside the published window: high and volume change, close does not (older ts).
    expect(view(agg.process(tr(300, '105', '0.25'), T0 + 1100))).toEqual([
      { i: '1s', s: 0, e: 1000, ohlcv: '100 105 99 99 3.75', n: 4, amended: true, revision: 1 },
    ]);
    // Late trade older than the current open: it becomes the open (event-time order, not arrival).
    expect(view(agg.process(tr(50, '98', '1'), T0 + 1200))).toEqual([
      { i: '1s', s: 0, e: 1000, ohlcv: '98 105 98 99 4.75', n: 5, amended: true, revision: 2 },
    ]);
    // Clock to 3500: watermark 1500 finalizes [0,1000); [1000,2000) is published.
    expect(p(3500, '103', '1')).toEqual([
      { i: '1s', s: 1000, e: 2000, ohlcv: '101 101 101 101 1', n: 1, amended: false, revision: 0 },
    ]);
    // ts 800 falls in [0,1000), whose end 1000 ≤ watermark 1500: dropped.
    expect(view(agg.process(tr(800, '97', '1'), T0 + 3600))).toEqual([]);
    expect(agg.stats().droppedLate).toBe(1);
    // ts 1999 is still within the horizon of [1000,2000): amended; it is the new close.
    expect(view(agg.process(tr(1999, '100', '2'), T0 + 3700))).toEqual([
      { i: '1s', s: 1000, e: 2000, ohlcv: '101 101 100 100 3', n: 2, amended: true, revision: 1 },
    ]);
    // Wall clock: publishes [3000,4000) and frees everything once past lateness.
    expect(view(agg.tick(T0 + 6_000))).toEqual([
      { i: '1s', s: 3000, e: 4000, ohlcv: '103 103 103 103 1', n: 1, amended: false, revision: 0 },
    ]);
    const st = agg.stats();
    expect(st).toMatchObject({ trades: 8, droppedLate: 1, published: 3, amendments: 3 });
    expect(st.liveCandles).toBe(0);
    expect(st.liveSeries).toBe(0);
    // The forgotten series comes back on the next trade, with a fresh window.
    expect(p(7_100, '104', '2')).toEqual([]);
    expect(view(agg.tick(T0 + 8_000))).toEqual([
      { i: '1s', s: 7000, e: 8000, ohlcv: '104 104 104 104 2', n: 1, amended: false, revision: 0 },
    ]);
    expect(agg.stats().liveSeries).toBe(1);
  });

  it('publishes a quiet window on the wall clock exactly at its end', () => {
    const agg = new CandleAggregator({ intervals: ['1s', '1m'] });
    agg.process(tr(100, '10', '1'), T0 + 100);
    expect(agg.tick(T0 + 999)).toEqual([]);
    expect(view(agg.tick(T0 + 1000)).map((c) => [c.i, c.s, c.e])).toEqual([['1s', 0, 1000]]);
    expect(view(agg.tick(T0 + 59_999))).toEqual([]);
    expect(view(agg.tick(T0 + 60_000)).map((c) => [c.i, c.s, c.e, c.ohlcv])).toEqual([
      ['1m', 0, 60_000, '10 10 10 10 1'],
    ]);
    // A late trade 5 s after the 1m close is within its 10 s lateness: the 1m candle is amended;
    // for the 1s series the same trade is far beyond its 2 s lateness and is dropped.
    const outs = view(agg.process(tr(59_000, '12', '3'), T0 + 65_000));
    expect(outs).toEqual([
      { i: '1m', s: 0, e: 60_000, ohlcv: '10 12 10 12 4', n: 2, amended: true, revision: 1 },
    ]);
    expect(agg.stats().droppedLate).toBe(1);
    expect(agg.tick(T0 + 70_000)).toEqual([]);
    expect(agg.stats().liveCandles).toBe(0);
  });

  it('keeps (exchange, symbol) series apart and aligns 5m and 1h windows', () => {
    const agg = new CandleAggregator({ intervals: ['5m', '1h'] });
    const base = T0 - (T0 % 3_600_000); // an hour boundary
    agg.process(AggEvents.trade('okx', 'ETH-USDT', base + 10, '3000', '1'), base + 10);
    agg.process(AggEvents.trade('kraken', 'ETH-USDT', base + 20, '3010', '2'), base + 20);
    agg.process(AggEvents.trade('okx', 'ETH-USDT', base + 299_999, '3005', '1'), base + 299_999);
    const outs = agg.tick(base + 3_600_000);
    const summary = outs.map(
      (o) =>
        `${o.candle.exchange} ${o.candle.interval} ${o.candle.start - base}-${o.candle.end - base} ${o.candle.close} ${o.candle.volume}`,
    );
    expect(summary.sort()).toEqual([
      'kraken 1h 0-3600000 3010 2',
      'kraken 5m 0-300000 3010 2',
      'okx 1h 0-3600000 3005 2',
      'okx 5m 0-300000 3005 2',
    ]);
  });

  it('rejects trades from a clock far in the future', () => {
    const agg = new CandleAggregator({ intervals: ['1s'], maxFutureSkewMs: 60_000 });
    expect(agg.process(tr(61_000, '1', '1'), T0)).toEqual([]);
    expect(agg.stats()).toMatchObject({ rejectedFuture: 1, liveCandles: 0 });
  });

  it('bounds memory: 1e5 symbols hold at most lateness/interval + 2 windows each, none after close', () => {
    const agg = new CandleAggregator({ intervals: ['1s'], allowedLatenessMs: { '1s': 2_000 } });
    const symbols = Array.from({ length: 100_000 }, (_, i) => `S${i}-USDT`);
    let maxLive = 0;
    for (let sec = 0; sec < 6; sec++) {
      for (let i = 0; i < symbols.length; i++) {
        const ts = T0 + sec * 1000 + (i % 1000);
        agg.process(AggEvents.trade('binance', symbols[i], ts, '1', '1'), ts);
      }
      agg.tick(T0 + sec * 1000 + 999);
      maxLive = Math.max(maxLive, agg.stats().liveCandles);
    }
    // Window w is freed once the clock passes its end + 2 s: at most 4 windows per symbol.
    expect(maxLive).toBeLessThanOrEqual(4 * symbols.length);
    expect(agg.stats().liveSeries).toBe(symbols.length);
    agg.tick(T0 + 60_000);
    expect(agg.stats()).toMatchObject({
      liveCandles: 0,
      liveSeries: 0,
      published: 6 * symbols.length,
    });
  }, 60_000);

  it('refuses new series beyond maxSeries', () => {
    const agg = new CandleAggregator({ intervals: ['1s'], maxSeries: 2 });
    for (const sym of ['A-USDT', 'B-USDT', 'C-USDT']) agg.process(tr(0, '1', '1', 'okx', sym), T0);
    expect(agg.stats()).toMatchObject({ liveSeries: 2, refusedCapacity: 1 });
  });

  it('rejects bad options with a typed error', () => {
    expect(() => new CandleAggregator({ intervals: [] })).toThrow(/intervals/);
    expect(() => new CandleAggregator({ allowedLatenessMs: { '1m': -1 } })).toThrow(/≥ 0/);
    expect(() => new CandleAggregator({ publishDelayMs: 5_000 })).toThrowError(
      expect.objectContaining({ code: 'AGGREGATOR_CONFIG' }),
    );
  });
});
