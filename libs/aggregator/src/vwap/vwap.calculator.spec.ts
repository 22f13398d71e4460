import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import { toJsonVwap, type VwapResult } from './vwap-result';
import { VwapCalculator } from './vwap.calculator';

const T0 = 1_700_000_040_000;
const tr = (ex: string, ts: number, price: string, amount: string) =>
  AggEvents.trade(ex, 'BTC-USDT', T0 + ts, price, amount);
const byId = (rs: readonly VwapResult[]) =>
  Object.fromEntries(rs.map((r) => [`${r.exchange ?? '*'}`, r.vwap?.toString() ?? null]));

describe('VwapCalculator', () => {
  it('computes the exact VWAP on a known sequence and expires the window', () => {
    const calc = new VwapCalculator({ windowsMs: [60_000] });
    calc.process(tr('binance', 0, '100.25', '2'), T0); // notional 200.50
    calc.process(tr('okx', 10_000, '100.5', '1'), T0 + 10_000); // 100.5
    calc.process(tr('binance', 30_000, '99.75', '3'), T0 + 30_000); // 299.25
    // All: 600.25 / 6 = 100.041666…, price scale 2 + 4 = 6 digits, half-even → 100.041667.
    // binance: 499.75 / 5 = 99.95; okx: 100.5 / 1 at scale 1 + 4.
    expect(byId(calc.tick(T0 + 30_000))).toEqual({
      '*': '100.041667',
      binance: '99.950000',
      okx: '100.50000',
    });
    const all = calc.get('BTC-USDT', 60_000)!;
    expect(toJsonVwap(all)).toMatchObject({ volume: '6', notional: '600.25', trades: 3 });
    // Nothing changed: nothing re-emitted.
    expect(calc.tick(T0 + 30_001)).toEqual([]);
    // Window (0, 60 000]: the trade at ts 0 leaves. 399.75 / 4 = 99.9375.
    expect(byId(calc.tick(T0 + 60_000))).toEqual({ '*': '99.937500', binance: '99.750000' });
    // ts 10 000 leaves: okx is empty (reported once as null, then forgotten).
    expect(byId(calc.tick(T0 + 70_000))).toEqual({ '*': '99.750000', okx: null });
    expect(calc.get('BTC-USDT', 60_000, 'okx')).toBeNull();
    expect(calc.stats().liveSeries).toBe(2);
    // A forgotten series starts afresh on its next trade (nothing left of the old window).
    calc.process(tr('okx', 75_000, '101', '2'), T0 + 75_000);
    expect(toJsonVwap(calc.get('BTC-USDT', 60_000, 'okx')!)).toMatchObject({
      vwap: '101.0000',
      volume: '2',
      trades: 1,
      from: T0 + 15_000,
    });
    expect(calc.stats().liveSeries).toBe(3);
  });

  it('rounds half-even at a fixed scale', () => {
    const calc = new VwapCalculator({ windowsMs: [1_000], scale: 0, perExchange: false });
    calc.process(tr('okx', 0, '2', '1'), T0);
    calc.process(tr('okx', 1, '3', '1'), T0);
    expect(calc.get('BTC-USDT', 1_000)!.vwap!.toString()).toBe('2'); // 2.5 → 2 (even)
    calc.process(tr('okx', 2, '4', '2'), T0); // (2+3+8)/4 = 3.25 → 3
    expect(calc.get('BTC-USDT', 1_000)!.vwap!.toString()).toBe('3');
  });

  it('keeps late trades in ts order so they expire on time; ignores ones already outside', () => {
    const calc = new VwapCalculator({ windowsMs: [10_000], perExchange: false });
    calc.process(tr('okx', 5_000, '10', '1'), T0);
    calc.process(tr('okx', 1_000, '20', '1'), T0); // late but inside (−5 000, 5 000]
    calc.process(tr('okx', -6_000, '30', '1'), T0); // outside: too old
    expect(calc.stats().tooOld).toBe(1);
    expect(calc.get('BTC-USDT', 10_000)!.vwap!.toString()).toBe('15.0000');
    calc.tick(T0 + 11_000); // (1 000, 11 000]: the late trade at 1 000 leaves first
    expect(calc.get('BTC-USDT', 10_000)!.vwap!.toString()).toBe('10.0000');
  });

  it('bounds each window by maxTradesPerSeries', () => {
    const calc = new VwapCalculator({
      windowsMs: [60_000],
      maxTradesPerSeries: 2,
      perExchange: false,
    });
    for (const [ts, p] of [
      [0, '1'],
      [1, '2'],
      [2, '4'],
    ] as const)
      calc.process(tr('okx', ts, p, '1'), T0);
    const r = calc.get('BTC-USDT', 60_000)!;
    expect([r.trades, r.truncated, r.vwap!.toString()]).toEqual([2, 1, '3.0000']);
  });

  it('rejects bad options', () => {
    expect(() => new VwapCalculator({ windowsMs: [0] })).toThrow(/positive/);
    expect(() => new VwapCalculator({ scale: -1 })).toThrowError(
      expect.objectContaining({ code: 'AGGREGATOR_CONFIG' }),
    );
  });
});
