import { InProcessBus, type MarketBus } from '@feedgate/bus';
import type { UnifiedEvent } from '@feedgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AggEvents } from '../testing/agg-events';
import { RandomWalkMarket } from '../testing/random-walk.market';
import { AggregationPipeline } from './aggregation.pipeline';
import { AggregationRunner } from './aggregation.runner';
import type { BusRecord } from '@feedgate/bus';
import { GatedBus, OutputReader, publishUnified, TEST_TOPICS, until } from './pipeline-test.kit';

const T0 = 1_700_000_040_000; // a minute boundary
const trade = (ex: string, sym: string, ts: number, p: string, a: string) =>
  AggEvents.trade(ex, sym, T0 + ts, p, a);

class Harness {
  now = T0;
  readonly runners: AggregationRunner[] = [];
  constructor(readonly bus: MarketBus) {}

  async runner(
    groupId = 'feedgate-aggregator',
    maxPublishBytes?: number,
  ): Promise<AggregationRunner> {
    const pipeline = new AggregationPipeline({
      candles: { intervals: ['1m'], allowedLatenessMs: { '1m': 10_000 } },
      vwap: { windowsMs: [60_000] },
    });
    const r = new AggregationRunner(this.bus, pipeline, {
      groupId,
      fromBeginning: true,
      tickIntervalMs: 3_600_000, // ticks are driven by the test
      maxPendingRecords: 1_000,
      stopTimeoutMs: 50,
      producerId: 'aggregator-test',
      clock: () => this.now,
      maxPublishBytes,
    });
    await r.start();
    this.runners.push(r);
    return r;
  }

  /** Publishes events one frame each at wall clock `nowMs` and waits until `r` processed them. */
  async feed(r: AggregationRunner, nowMs: number, events: UnifiedEvent[]): Promise<void> {
    this.now = T0 + nowMs;
    const before = r.stats().events;
    await publishUnified(this.bus, events);
    await until(() => r.stats().events >= before + events.length, 'events processed');
    await until(() => r.stats().pendingRecords === 0, 'outputs published');
  }
}

let h: Harness;
async function setup(bus: MarketBus = new InProcessBus()): Promise<Harness> {
  await bus.ensureTopics(TEST_TOPICS);
  h = new Harness(bus);
  return h;
}
afterEach(async () => {
  for (const r of h?.runners ?? []) await r.stop();
  await h?.bus.close();
});

describe('AggregationRunner over the in-process bus', () => {
  it('publishes the hand-computed 1m candles, the amendment of a late trade, and VWAP', async () => {
    await setup();
    const r = await h.runner();
    const out = await OutputReader.attach(h.bus, 'reader');
    const ex = 'binance';
    await h.feed(r, 1_000, [trade(ex, 'BTC-USDT', 1_000, '100.5', '1')]);
    await h.feed(r, 20_000, [trade(ex, 'BTC-USDT', 20_000, '101', '2')]);
    await h.feed(r, 50_000, [trade(ex, 'BTC-USDT', 50_000, '99.5', '0.5')]);
    // Window [0, 60 s) ends once a trade at 61 s moves the series clock past it.
    await h.feed(r, 61_000, [trade(ex, 'BTC-USDT', 61_000, '100', '1')]);
    // Late (59 s) but within the 10 s lateness: amends the window; it is the latest ts → close.
    await h.feed(r, 62_000, [trade(ex, 'BTC-USDT', 59_000, '102', '1')]);
    // Too late (watermark 75 − 10 = 65 s ≥ end 60 s): dropped, no further amendment.
    await h.feed(r, 75_000, [trade(ex, 'BTC-USDT', 30_000, '90', '9')]);
    h.now = T0 + 120_500;
    await r.tick();
    await until(() => out.json('candle').length >= 3, 'candles');
    await until(() => out.json('vwap').length >= 2, 'vwap');
    const view = out.json('candle').map((m) => {
      const c = m.candle;
      return `${c.start - T0}-${c.end - T0} O${c.open} H${c.high} L${c.low} C${c.close} V${c.volume} n${c.trades} rev${m.revision}${m.amended ? ' amended' : ''}`;
    });
    expect(view).toEqual([
      '0-60000 O100.5 H101 L99.5 C99.5 V3.5 n3 rev0',
      '0-60000 O100.5 H102 L99.5 C102 V4.5 n4 rev1 amended',
      '60000-120000 O100 H100 L100 C100 V1 n1 rev0',
    ]);
    const keys = out.records.filter((x) => x.topic === 'md.agg.candles').map((x) => x.key);
    expect(new Set(keys)).toEqual(new Set(['BTC-USDT']));
    expect(out.records.find((x) => x.topic === 'md.agg.candles')!.headers.kind.toString()).toBe(
      'candle',
    );
    // VWAP over (60.5 s, 120.5 s] at tick time: only the trade at 61 s remains → 100 at scale 0 + 4.
    const vw = out.json('vwap').map((v) => `${v.exchange ?? '*'} ${v.vwap} ${Number(v.volume)}`);
    expect(vw.sort()).toEqual(['* 100.0000 1', 'binance 100.0000 1']);
    expect(r.pipeline.stats().candles.droppedLate).toBe(1);
    expect(out.alerts()).toEqual([]);
    expect(r.stats().commits).toBe(r.stats().batches);
  });

  it('publishes the hand-computed consolidated BBO of 3 exchanges, crossed flag included', async () => {
    await setup();
    const r = await h.runner();
    const out = await OutputReader.attach(h.bus, 'reader');
    const q = AggEvents.bbo;
    await h.feed(r, 0, [q('binance', 'ETH-USDT', T0, ['100.10', '2'], ['100.20', '1'])]);
    await h.feed(r, 10, [q('okx', 'ETH-USDT', T0 + 10, ['100.15', '1'], ['100.25', '3'])]);
    await h.feed(r, 20, [q('kraken', 'ETH-USDT', T0 + 20, ['100.00', '5'], ['100.18', '4'])]);
    await h.feed(r, 30, [q('kraken', 'ETH-USDT', T0 + 30, ['100.05', '5'], ['100.12', '2'])]);
    await until(() => out.json('nbbo').length >= 4, 'nbbo');
    const view = out
      .json('nbbo')
      .map(
        (b) =>
          `${b.bidExchange} ${b.bidPrice}x${b.bidAmount} / ${b.askExchange} ${b.askPrice}x${b.askAmount} v${b.venues}${b.crossed ? ' CROSSED' : ''}`,
      );
    expect(view).toEqual([
      'binance 100.10x2 / binance 100.20x1 v1',
      'okx 100.15x1 / binance 100.20x1 v2',
      'okx 100.15x1 / kraken 100.18x4 v3',
      'okx 100.15x1 / kraken 100.12x2 v3 CROSSED',
    ]);
    expect(
      out.records.filter((x) => x.topic === 'md.agg.bbo').every((x) => x.key === 'ETH-USDT'),
    ).toBe(true);
    expect(out.alerts()).toEqual([]); // cross-venue crossing is an NBBO flag, not a book alert
  });

  it('alerts on a crafted wash-trade sequence and on nothing in a normal market', async () => {
    await setup();
    const r = await h.runner();
    const out = await OutputReader.attach(h.bus, 'reader');
    const market = new RandomWalkMarket(7, ['binance', 'okx', 'kraken'], ['BTC-USDT', 'ETH-USDT']);
    const events = [...market.events(T0, 400)]; // 20 s of quotes and trades
    for (let i = 0; i < events.length; i += 50) {
      const chunk = events.slice(i, i + 50);
      await h.feed(r, chunk[chunk.length - 1].ts - T0, chunk);
    }
    h.now = T0 + 20_000;
    await r.tick();
    expect(r.stats().events).toBe(events.length);
    await until(() => out.json('nbbo').length > 0 && out.json('vwap').length > 0, 'outputs');
    expect(out.alerts()).toEqual([]);
    // 5 trades of 15 at 20.1 (302 USDT each, above the wash-trade floor) within 5 s on one venue: the 5th raises the alert.
    for (let i = 0; i < 5; i++) {
      await h.feed(r, 20_000 + i * 500, [trade('okx', 'SOL-USDT', 20_000 + i * 500, '20.1', '15')]);
    }
    await until(() => out.alerts().length > 0, 'alert');
    const [a] = out.alerts();
    expect([a.key, a.alert.kind, a.alert.exchange, a.alert.symbol]).toEqual([
      'okx:SOL-USDT',
      'wash-trade',
      'okx',
      'SOL-USDT',
    ]);
    expect(out.alerts()).toHaveLength(1);
  }, 20_000);

  it('commits only after the outputs are published: a killed member redelivers the batch', async () => {
    const bus = new GatedBus();
    await setup(bus);
    const r1 = await h.runner('g-kill');
    const ex = 'binance';
    await h.feed(r1, 1_000, [trade(ex, 'BTC-USDT', 1_000, '100.5', '1')]);
    expect(r1.stats().commits).toBe(1);
    bus.hold();
    // This trade closes window [0, 60 s): its candle publish hangs on the gate.
    h.now = T0 + 61_000;
    await publishUnified(bus, [trade(ex, 'BTC-USDT', 61_000, '100', '1')]);
    await until(() => bus.waiting === 1, 'publish pending');
    expect(r1.stats().commits).toBe(1); // not committed while the candle is unacknowledged
    await r1.stop(); // killed mid-way
    const r2 = await h.runner('g-kill');
    await until(() => r2.stats().events === 1, 'redelivery');
    expect(r2.pipeline.stats().events).toEqual({ trade: 1 }); // exactly the uncommitted frame
    bus.release();
    await until(() => r2.stats().commits === 1, 'r2 commit');
    expect(r1.stats().commits).toBe(1); // the stopped member never committed it
  });

  it('publishes a backlog batch whose outputs exceed one publish call in slices, and keeps running', async () => {
    // Refuses a call over 4 KiB whole, as a Kafka producer refuses one over its buffer: one
    // call for the batch's 300 outputs (~30 KB) failed the runner before they were sliced.
    const calls: number[] = [];
    class SizeLimitedBus extends InProcessBus {
      override publish(topic: string, records: readonly BusRecord[]): Promise<void> {
        const bytes = records.reduce((n, r) => n + r.key.length + r.value.length + 16, 0);
        if (topic === TEST_TOPICS[0].topic) return super.publish(topic, records); // the input
        calls.push(bytes);
        if (bytes > 4096) return Promise.reject(new Error(`publish of ${bytes} bytes refused`));
        return super.publish(topic, records);
      }
    }
    await setup(new SizeLimitedBus());
    // A backlog: every quote is in md.unified before the runner starts, so one batch holds them
    // (one key, one partition). Each moves the best bid: one consolidated BBO out per quote.
    const quotes = Array.from({ length: 300 }, (_, i) =>
      AggEvents.bbo('binance', 'ETH-USDT', T0 + i, [`${100 + i / 100}`, '1'], ['200', '1']),
    );
    await publishUnified(h.bus, quotes);
    const r = await h.runner('g-backlog', 2048);
    await until(() => r.stats().events === 300 && r.stats().pendingRecords === 0, 'backlog done');
    expect(r.stats().batches).toBe(1);
    expect(r.stats()).toMatchObject({ state: 'running', publishErrors: 0 });
    expect(r.stats().published).toBe(300);
    expect(calls.length).toBeGreaterThan(1);
    expect(Math.max(...calls)).toBeLessThanOrEqual(2048 + 200);
  });
});
