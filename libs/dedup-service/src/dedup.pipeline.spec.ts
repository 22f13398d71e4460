import { BusConfig, InProcessBus, InProcessTransactionalProcessor } from '@feedgate/bus';
import { FrameDecoder, FrameEncoder, type Replica } from '@feedgate/codec';
import {
  Decimal,
  type BookEvent,
  type StatusEvent,
  type TradeEvent,
  type UnifiedEvent,
} from '@feedgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DedupPipeline } from './dedup.pipeline';

const RAW = 'md.raw';
const OUT = 'md.unified';
const KEY = 'binance:BTC-USDT';
const T0 = 1_700_000_000_000;

const trade = (id: number): TradeEvent => ({
  type: 'trade',
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: T0 + id,
  localTs: T0 + id,
  id: String(id),
  price: Decimal.parse('100.5'),
  amount: Decimal.parse('0.25'),
  side: 'buy',
});
const book = (seq: number, snapshot = false): BookEvent => ({
  type: 'book',
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: T0 + seq,
  localTs: T0 + seq,
  snapshot,
  bids: [[Decimal.parse('100'), Decimal.parse(String(seq))]],
  asks: [],
  seq: String(seq),
});

class Gate {
  private seq = 0;
  private readonly enc = new FrameEncoder();
  constructor(
    private readonly bus: InProcessBus,
    readonly replica: Replica,
    private readonly epoch = 1,
  ) {}
  send(events: UnifiedEvent[]): Promise<void> {
    const value = this.enc.encode(
      {
        gateId: `g${this.replica}`,
        replica: this.replica,
        epoch: this.epoch,
        frameSeq: this.seq++,
        firstEventTime: events[0].ts,
      },
      events,
    );
    return this.bus.publish(RAW, [{ key: KEY, value }]);
  }
}

interface Harness {
  bus: InProcessBus;
  processor: InProcessTransactionalProcessor;
  pipeline: DedupPipeline;
  output: () => Promise<{
    events: UnifiedEvent[];
    frames: { gateId: string; epoch: number; frameSeq: number }[];
  }>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

async function harness(
  bus = new InProcessBus(BusConfig.of()),
  processor?: InProcessTransactionalProcessor,
  fault?: () => void,
): Promise<Harness> {
  const proc = processor ?? new InProcessTransactionalProcessor(bus);
  await proc.ensureTopics([
    { topic: RAW, partitions: 4 },
    { topic: OUT, partitions: 4 },
  ]);
  const pipeline = new DedupPipeline(proc, {
    instanceId: 't1',
    groupId: 'feedgate-dedup',
    inputTopic: RAW,
    outputTopic: OUT,
    windowMs: 60_000,
    maxIds: 1_000_000,
    maxKeys: 1000,
    rebuildMs: 3_600_000_000,
    rebuildMaxRecords: 10_000,
    beforeCommit: fault,
  });
  await pipeline.start();
  open.push(() => pipeline.stop());
  const output = async () => {
    const tails = await proc.readTail(OUT, [0, 1, 2, 3]);
    const dec = new FrameDecoder();
    const events: UnifiedEvent[] = [];
    const frames: { gateId: string; epoch: number; frameSeq: number }[] = [];
    for (const recs of tails.values())
      for (const r of recs) {
        const f = dec.decode(r.value);
        frames.push({
          gateId: f.header.gateId,
          epoch: f.header.epoch,
          frameSeq: f.header.frameSeq,
        });
        events.push(...f.events);
      }
    return { events, frames };
  };
  open.push(() => bus.close());
  return { bus, processor: proc, pipeline, output };
}

const until = async (cond: () => Promise<boolean> | boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const ids = (events: UnifiedEvent[]) =>
  events.map((e) => (e.type === 'trade' ? `t${e.id}` : e.type === 'book' ? `b${e.seq}` : e.type));

describe('DedupPipeline on the in-process transactional adapter', () => {
  it("withholds replica B's start-up book snapshot that predates deltas A already delivered", async () => {
    const h = await harness();
    const a = new Gate(h.bus, 'A');
    const b = new Gate(h.bus, 'B');
    await a.send([book(10, true), book(11), book(12)]);
    // B connected later: its snapshot is the book as of seq 11, older than A's delta 12. Emitted,
    // it would reset consumers to seq 11 and B's copy of 12 (a duplicate) would never repair it.
    await b.send([book(11, true), book(12), book(13)]);
    await until(async () => (await h.output()).events.length >= 4);
    const { events } = await h.output();
    expect(ids(events)).toEqual(['b10', 'b11', 'b12', 'b13']);
    expect(events.filter((e) => e.type === 'book' && e.snapshot)).toHaveLength(1);
    expect(h.pipeline.engine.counters.booksWithheld).toBe(1);
  });

  it('lets the first copy of each event through across replicas A and B, re-framed per key', async () => {
    const h = await harness();
    const a = new Gate(h.bus, 'A');
    const b = new Gate(h.bus, 'B');
    await a.send([trade(1), trade(2)]);
    await b.send([trade(1), trade(2), trade(3)]);
    await a.send([trade(3), trade(4)]);
    await b.send([trade(4)]);
    await until(async () => h.pipeline.engine.counters.eventsIn === 8);
    const { events, frames } = await h.output();
    expect(ids(events)).toEqual(['t1', 't2', 't3', 't4']);
    // Frames re-encoded with the dedup's origin, contiguous sequence within one epoch.
    expect(new Set(frames.map((f) => f.gateId))).toEqual(new Set(['dedup-t1']));
    expect(new Set(frames.map((f) => f.epoch)).size).toBe(1);
    expect(frames.map((f) => f.frameSeq)).toEqual(frames.map((_, i) => i));
    const t3 = events[2] as TradeEvent;
    expect(t3.price.toString()).toBe('100.5');
    const c = h.pipeline.engine.counters;
    expect([c.duplicates, c.winsA, c.winsB]).toEqual([4, 3, 1]);
  });

  it('emits a gap status exactly for the range both replicas missed, none for a single-replica gap', async () => {
    const h = await harness();
    const a = new Gate(h.bus, 'A');
    const b = new Gate(h.bus, 'B');
    await a.send([book(1, true), book(2), book(3)]);
    await b.send([book(1, true), book(2), book(3)]);
    // A misses 4..6 (single replica: B covers it).
    await a.send([book(7), book(8)]);
    await b.send([book(4), book(5), book(6), book(7), book(8)]);
    // Both miss: A misses 9..14, B misses 11..16 → output lacks 11..14.
    await a.send([book(15), book(16), book(17)]);
    await b.send([book(9), book(10), book(17)]);
    await until(async () => h.pipeline.engine.counters.eventsIn === 19);
    const { events } = await h.output();
    const gaps = events.filter((e): e is StatusEvent => e.type === 'status');
    expect(gaps).toHaveLength(1);
    expect(gaps[0].state).toBe('gap');
    expect(gaps[0].gaps).toEqual([{ from: '11', to: '14' }]);
    expect(gaps[0].reason).toContain('binance BTC-USDT');
    expect(gaps[0].reason).toContain('11..14');
    const seqs = events.filter((e): e is BookEvent => e.type === 'book').map((e) => Number(e.seq));
    expect(seqs.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17]);
  });

  it('treats overlapping replica gap statuses as a both-down range', async () => {
    const h = await harness();
    const status = (from: string, to: string): StatusEvent =>
      ({
        ...trade(0),
        type: 'status',
        state: 'gap',
        reason: 'seq gap',
        gaps: [{ from, to }],
      }) as unknown as StatusEvent;
    await new Gate(h.bus, 'A').send([status('100', '120')]);
    await new Gate(h.bus, 'B').send([status('90', '105'), status('130', '140')]);
    await until(async () => h.pipeline.engine.counters.eventsIn === 3);
    const { events } = await h.output();
    expect(events.map((e) => (e as StatusEvent).gaps)).toEqual([[{ from: '100', to: '105' }]]);
  });

  it('aborts a failed transaction without a trace and re-consumes: no loss, no duplicate', async () => {
    let failures = 1;
    const h = await harness(undefined, undefined, () => {
      if (failures-- > 0) throw new Error('crash before commit');
    });
    const a = new Gate(h.bus, 'A');
    const b = new Gate(h.bus, 'B');
    await a.send([trade(1), trade(2)]);
    await b.send([trade(2), trade(3)]);
    await until(async () => (await h.output()).events.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(ids((await h.output()).events)).toEqual(['t1', 't2', 't3']);
    expect(h.processor.stats().aborted).toBe(1);
  });

  it('rebuilds the window from the output tail after a restart, so a late copy is dropped', async () => {
    const bus = new InProcessBus(BusConfig.of());
    const processor = new InProcessTransactionalProcessor(bus);
    const first = await harness(bus, processor);
    await new Gate(bus, 'A').send([trade(1), trade(2)]);
    await until(async () => (await first.output()).events.length === 2);
    await first.pipeline.stop();
    // A new service instance (same adapter: the embedded "restart").
    const again = new InProcessTransactionalProcessor(bus, BusConfig.of(), { tailOf: processor });
    const second = await harness(bus, again);
    await new Gate(bus, 'B').send([trade(2), trade(3)]);
    await until(async () => second.pipeline.engine.counters.eventsIn === 2);
    expect(ids((await second.output()).events)).toEqual(['t1', 't2', 't3']);
    expect(second.pipeline.engine.counters.duplicates).toBe(1);
    expect(second.pipeline.engine.counters.rebuiltEvents).toBe(2);
  });
});
