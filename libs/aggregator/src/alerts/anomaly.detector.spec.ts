import type { AlertEvent, UnifiedEvent } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import { RandomWalkMarket } from '../testing/random-walk.market';
import { AnomalyDetector } from './anomaly.detector';
import type { AlertOptions } from './alert.config';

const T0 = 1_700_000_000_000;
const S = 'BTC-USDT';
/** Thresholds scaled to test time: 1 s volume buckets, 2 s silence. */
const TEST_CONFIG: AlertOptions = {
  cooldownMs: 10_000,
  staleFeed: { silentMs: 2_000 },
  volumeSpike: { bucketMs: 1_000, trailingBuckets: 30, minHistoryBuckets: 10, multiplier: 10 },
  washTrade: { windowMs: 2_000, minRepeats: 5 },
};

function run(d: AnomalyDetector, events: Iterable<UnifiedEvent>, tickEveryMs = 250): AlertEvent[] {
  const out: AlertEvent[] = [];
  let nextTick = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const now = e.ts + 2;
    if (now >= nextTick) {
      out.push(...d.tick(now));
      nextTick = now + tickEveryMs;
    }
    out.push(...d.process(e, now));
  }
  return out;
}

const kinds = (as: readonly AlertEvent[]) => as.map((a) => `${a.kind}:${a.exchange}:${a.severity}`);

describe('AnomalyDetector', () => {
  it('raises nothing on a seeded random walk of normal data across 3 exchanges', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    const market = new RandomWalkMarket(42, ['binance', 'okx', 'kraken'], [S, 'ETH-USDT']);
    const alerts = run(d, market.events(T0, 2_400)); // 120 s of market time
    expect(alerts).toEqual([]);
    expect(d.stats().emitted).toEqual({});
  });

  it('price-deviation: a trade 2% off the others’ median', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    d.process(AggEvents.trade('binance', S, T0, '100.00', '1'), T0);
    d.process(AggEvents.trade('okx', S, T0, '100.10', '1'), T0);
    // kraken at 100.50: median of binance+okx = 100.05, 44.98 bps away: under 100 bps, no alert.
    expect(d.process(AggEvents.trade('kraken', S, T0 + 1, '100.50', '1'), T0 + 1)).toEqual([]);
    // bybit at 102.20: others are 100.00, 100.10, 100.50 → median 100.10; 209.79 bps.
    const [a] = d.process(AggEvents.trade('bybit', S, T0 + 2, '102.20', '1'), T0 + 2);
    expect(kinds([a])).toEqual(['price-deviation:bybit:warning']);
    expect(a.detail).toContain('209.79 bps from the median 100.10 of 3 other venues');
  });

  it('price-deviation: exactly at the threshold is not over it; a hair above is', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    for (const [ex, p] of [
      ['binance', '99.00'],
      ['okx', '100.00'],
      ['kraken', '101.00'],
    ])
      d.process(AggEvents.trade(ex, S, T0, p, '1'), T0);
    // Others' median 100.00: 101.00 is exactly 100 bps away (the float estimate cannot decide).
    expect(d.process(AggEvents.trade('bybit', S, T0 + 1, '101.00', '1'), T0 + 1)).toEqual([]);
    const [a] = d.process(AggEvents.trade('bybit', S, T0 + 2, '101.0000001', '1'), T0 + 2);
    expect(a?.detail).toContain('trade');
    expect(a?.detail).toContain('is 100.00 bps from the median 100.00 of 3 other venues');
  });

  it('price-deviation: quote mids are references for others and are checked themselves', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    const bbo = (ex: string, ts: number, bid: string, ask: string) =>
      d.process(AggEvents.bbo(ex, S, T0 + ts, [bid, '1'], [ask, '1']), T0 + ts);
    expect([
      ...bbo('binance', 0, '100.0', '100.2'), // mid 100.10
      ...bbo('okx', 0, '100.1', '100.3'), // mid 100.20
      ...bbo('kraken', 0, '99.9', '100.1'), // mid 100.00
    ]).toEqual([]);
    const [t] = d.process(AggEvents.trade('bybit', S, T0 + 1, '102.2', '1'), T0 + 1);
    expect(t?.detail).toContain('209.79 bps from the median 100.10 of 3 other venues');
    // Mid 103.10 against the median of 100.00, 100.10, 100.20, 102.2: (100.10 + 100.20) / 2.
    const [q] = bbo('coinbase', 2, '103.0', '103.2');
    expect(kinds([q])).toEqual(['price-deviation:coinbase:warning']);
    expect(q.detail).toContain(
      'quote mid 103.10 (103.0/103.2) is 294.56 bps from the median 100.150',
    );
  });

  it('price-deviation: needs enough other venues', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    d.process(AggEvents.trade('binance', S, T0, '100', '1'), T0);
    expect(d.process(AggEvents.trade('okx', S, T0, '150', '1'), T0)).toEqual([]); // 1 other venue
  });

  it('crossed-book and locked-book within one exchange, once per episode', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    const q = (ts: number, bid: string, ask: string) =>
      AggEvents.bbo('okx', S, ts, [bid, '1'], [ask, '1']);
    expect(d.process(q(T0, '100', '101'), T0)).toEqual([]);
    expect(kinds(d.process(q(T0 + 1, '101.5', '101'), T0 + 1))).toEqual([
      'crossed-book:okx:critical',
    ]);
    expect(d.process(q(T0 + 2, '101.6', '101'), T0 + 2)).toEqual([]); // still crossed
    expect(kinds(d.process(q(T0 + 3, '101', '101'), T0 + 3))).toEqual(['locked-book:okx:warning']);
  });

  it('stale-feed: one venue silent while the others keep trading', () => {
    const d = new AnomalyDetector({ ...TEST_CONFIG, washTrade: { enabled: false } });
    const out: AlertEvent[] = [];
    for (let t = 0; t <= 5_000; t += 100) {
      for (const ex of t < 1_000 ? ['binance', 'okx', 'kraken'] : ['binance', 'okx']) {
        out.push(...d.process(AggEvents.trade(ex, S, T0 + t, '100', '1'), T0 + t));
      }
      out.push(...d.tick(T0 + t));
    }
    // kraken last spoke at 900; silent > 2 000 ms first at tick 3 000 (2 100 ms).
    expect(kinds(out)).toEqual(['stale-feed:kraken:warning']);
    expect(out[0].ts).toBe(T0 + 3_000);
  });

  it('stale-feed: a market quiet everywhere is not a stale feed', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    d.process(AggEvents.trade('okx', S, T0, '1', '1'), T0);
    d.process(AggEvents.trade('kraken', S, T0, '1', '1'), T0);
    expect(d.tick(T0 + 10_000)).toEqual([]);
  });

  it('volume-spike: a bucket with > 10 × the trailing average volume', () => {
    // Wash-trade detection off: these deliberately repeated trades are not the point here.
    const d = new AnomalyDetector({ ...TEST_CONFIG, washTrade: { enabled: false } });
    const out: AlertEvent[] = [];
    // 12 buckets of 1 s with volume 1 each (two trades of 0.5): trailing Σ 12 over n 12, avg 1.
    for (let b = 0; b < 12; b++) {
      for (const off of [100, 600]) {
        out.push(...d.process(AggEvents.trade('okx', S, T0 + b * 1_000 + off, '100', '0.5'), T0));
      }
    }
    expect(out).toEqual([]);
    const big = (ts: number, amt: string) =>
      d.process(AggEvents.trade('okx', S, T0 + 12_000 + ts, '100', amt), T0);
    expect(big(10, '10')).toEqual([]); // 10 is not > 10 × 1
    const [a] = big(20, '5'); // 15 > 10
    expect(kinds([a])).toEqual(['volume-spike:okx:warning']);
    expect(a.detail).toContain(
      'volume 15 in the current 1000 ms bucket > 10 × trailing average 1 (12 buckets)',
    );
    expect(big(30, '5')).toEqual([]); // one alert per bucket
    // Next bucket: the trailing average now includes the 20 of the spike bucket ((12 + 20) / 13),
    // so the limit moved up to 24.6: 20 is no spike any more, 25 is (after the 10 s cooldown).
    const next = (ts: number, amt: string) =>
      d.process(AggEvents.trade('okx', S, T0 + 13_000 + ts, '100', amt), T0 + 13_000 + ts);
    expect(next(10, '20')).toEqual([]);
    expect(kinds(next(20, '5'))).toEqual(['volume-spike:okx:warning']);
  });

  it('wash-trade: 5 same-size trades at the same price within 2 s', () => {
    const d = new AnomalyDetector(TEST_CONFIG);
    const w = (ts: number, price: string, amount: string) =>
      d.process(AggEvents.trade('bybit', S, T0 + ts, price, amount), T0);
    expect([...w(0, '100.0', '5'), ...w(300, '100', '5.0'), ...w(600, '100.00', '5')]).toEqual([]);
    expect(w(700, '100', '5.1')).toEqual([]); // different size
    expect(w(900, '100', '5')).toEqual([]); // 4th
    const [a] = w(1_200, '100', '5'); // 5th within 2 s (0 … 1 200)
    expect(kinds([a])).toEqual(['wash-trade:bybit:warning']);
    // The same pattern spread over more than 2 s does not trigger on another venue.
    const spread = [0, 700, 1_400, 2_100, 2_800].flatMap((t) =>
      d.process(AggEvents.trade('okx', S, T0 + t, '100', '5'), T0),
    );
    expect(spread).toEqual([]);
  });

  it('wash-trade: trades under minNotional are not counted, larger ones still are', () => {
    const d = new AnomalyDetector({
      ...TEST_CONFIG,
      washTrade: { ...TEST_CONFIG.washTrade, minNotional: 100 },
    });
    const w = (ts: number, amount: string) =>
      d.process(AggEvents.trade('bybit', S, T0 + ts, '60000', amount), T0);
    // 0.00001 × 60000 = 0.6: a minimum-size trade, repeated as a busy touch does.
    expect([0, 100, 200, 300, 400, 500].flatMap((t) => w(t, '0.00001'))).toEqual([]);
    // 0.01 × 60000 = 600 ≥ 100: the fifth repeat alerts.
    const big = [0, 100, 200, 300, 400].flatMap((t) => w(600 + t, '0.01'));
    expect(kinds(big)).toEqual(['wash-trade:bybit:warning']);
    // Exactly minNotional (50 000 × 0.002 = 100) is not under it: counted.
    const edge = [0, 100, 200, 300, 400].flatMap((t) =>
      d.process(AggEvents.trade('okx', S, T0 + 2_000 + t, '50000', '0.002'), T0),
    );
    expect(kinds(edge)).toEqual(['wash-trade:okx:warning']);
    expect(() => new AnomalyDetector({ washTrade: { minNotional: -1 } })).toThrow(/minNotional/);
  });

  it('validates the config once with a typed error', () => {
    expect(() => new AnomalyDetector({ priceDeviation: { thresholdBps: 0 } })).toThrowError(
      expect.objectContaining({ code: 'AGGREGATOR_CONFIG' }),
    );
    expect(() => new AnomalyDetector({ volumeSpike: { minHistoryBuckets: 40 } })).toThrow(
      /minHistoryBuckets/,
    );
    expect(() => new AnomalyDetector({ washTrade: { minRepeats: 1 } })).toThrow(/minRepeats/);
  });
});
