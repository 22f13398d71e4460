import { describe, expect, it } from 'vitest';
import { CandleStore } from './candle.store';

const candle = (exchange: string, startSec: number, close: string, high = close) => ({
  type: 'candle',
  exchange,
  symbol: 'BTC-USDT',
  interval: '1s',
  open: '100',
  high,
  low: '99',
  close,
  volume: '1.5',
  start: startSec * 1000,
  end: startSec * 1000 + 1000,
});

describe('CandleStore', () => {
  it('appends new windows and replaces the bar of the same window (amendments)', () => {
    const store = new CandleStore();
    expect(store.apply(candle('binance', 10, '101')).change).toBe('append');
    expect(store.apply(candle('binance', 11, '102')).change).toBe('append');
    expect(store.apply(candle('binance', 11, '103'), 1).change).toBe('update');
    expect(store.apply(candle('binance', 10, '99.5'), 1).change).toBe('rewrite');
    const bars = store.bars('binance');
    expect(bars.map((b) => [b.time, b.close])).toEqual([
      [10, 99.5],
      [11, 103],
    ]);
  });

  it('never lets an older revision overwrite a newer one, and inserts late windows in order', () => {
    const store = new CandleStore();
    store.apply(candle('okx', 20, '5'), 2);
    expect(store.apply(candle('okx', 20, '4'), 1).change).toBe('ignored');
    store.apply(candle('okx', 22, '6'));
    expect(store.apply(candle('okx', 21, '7')).change).toBe('rewrite');
    expect(store.bars('okx').map((b) => b.time)).toEqual([20, 21, 22]);
    expect(store.bars('okx')[0].close).toBe(5);
  });

  it('keeps exchanges apart and ignores malformed candles', () => {
    const store = new CandleStore();
    store.apply(candle('okx', 1, '1'));
    store.apply(candle('binance', 1, '2'));
    expect(store.apply({ ...candle('okx', 2, 'x') }).change).toBe('ignored');
    expect(store.apply({ close: '1' }).change).toBe('ignored');
    expect(store.exchanges()).toEqual(['binance', 'okx']);
    expect(store.bars('okx')).toHaveLength(1);
  });

  it('holds at most 2000 bars per exchange', () => {
    const store = new CandleStore();
    for (let t = 0; t < 2100; t++) store.apply(candle('binance', t, String(t + 1)));
    const bars = store.bars('binance');
    expect(bars).toHaveLength(2000);
    expect(bars[0].time).toBe(100);
    expect(bars[bars.length - 1].close).toBe(2100);
  });
});
