import { randomUUID } from 'node:crypto';
import { BusConfig, KafkaBus, KafkaTransactionalProcessor } from '@feedgate/bus';
import { FrameDecoder, FrameEncoder, type Replica } from '@feedgate/codec';
import { Decimal, type TradeEvent, type UnifiedEvent } from '@feedgate/core';
import { afterAll, describe, expect, it } from 'vitest';
import { DedupPipeline } from './dedup.pipeline';

const brokers = process.env.KAFKA_BROKERS;
const run = randomUUID().slice(0, 8);
const RAW = `it.dedup.raw.${run}`;
const OUT = `it.dedup.unified.${run}`;
const T0 = Date.now();
const trade = (id: number): TradeEvent => ({
  type: 'trade',
  exchange: 'binance',
  symbol: 'BTC-USDT',
  nativeSymbol: 'BTCUSDT',
  ts: T0 + id,
  localTs: T0 + id,
  id: String(id),
  price: Decimal.parse('1.5'),
  amount: Decimal.parse('2'),
  side: 'sell',
});

describe('dedup service on Kafka (transactions)', () => {
  const config = BusConfig.of({
    brokers: (brokers ?? '').split(','),
    logLevel: 'nothing',
    sessionTimeoutMs: 6000,
  });
  const bus = new KafkaBus(config);
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c().catch(() => undefined);
    await bus.deleteTopics([RAW, OUT]).catch(() => undefined);
    await bus.close();
  });

  const seqs: Record<Replica, number> = { A: 0, B: 0 };
  const enc = new FrameEncoder();
  const send = (replica: Replica, key: string, events: UnifiedEvent[]) =>
    bus.publish(RAW, [
      {
        key,
        value: enc.encode(
          {
            gateId: `g${replica}`,
            replica,
            epoch: 1,
            frameSeq: seqs[replica]++,
            firstEventTime: T0,
          },
          events,
        ),
      },
    ]);

  async function start(instance: string, beforeCommit?: () => Promise<void> | void) {
    const proc = new KafkaTransactionalProcessor(config, `feedgate-dedup-it-${run}-${instance}`);
    const pipeline = new DedupPipeline(proc, {
      instanceId: instance,
      groupId: `it-dedup-${run}`,
      inputTopic: RAW,
      outputTopic: OUT,
      windowMs: 600_000,
      maxIds: 100_000,
      maxKeys: 1000,
      rebuildMs: 600_000,
      rebuildMaxRecords: 10_000,
      beforeCommit,
    });
    await pipeline.start();
    closers.push(() => pipeline.stop());
    return { proc, pipeline };
  }

  async function output(proc: KafkaTransactionalProcessor): Promise<string[]> {
    const tails = await proc.readTail(OUT, [0, 1], { timeoutMs: 10_000 });
    const dec = new FrameDecoder();
    return [...tails.values()]
      .flat()
      .flatMap((r) => dec.decode(r.value).events.map((e) => (e as TradeEvent).id));
  }
  const until = async (cond: () => Promise<boolean>, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!(await cond()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  };

  it('writes each event once, survives an abort, and drops a late copy after a restart', async () => {
    if (!brokers) throw new Error('KAFKA_BROKERS is not set (npm run kafka:up)');
    await bus.ensureTopics([
      { topic: RAW, partitions: 2 },
      { topic: OUT, partitions: 2 },
    ]);
    // (a) A and B copies → once each; (b) the first commit fails after producing → aborted, redone.
    let fail = 1;
    const first = await start('one', () => {
      if (fail-- > 0) throw new Error('crash between produce and commit');
    });
    await send('A', 'binance:BTC-USDT', [trade(1), trade(2)]);
    await send('B', 'binance:BTC-USDT', [trade(1), trade(2), trade(3)]);
    await until(async () => (await output(first.proc)).length >= 3);
    expect((await output(first.proc)).sort()).toEqual(['1', '2', '3']);
    expect(first.proc.stats().aborted).toBeGreaterThanOrEqual(1);
    await first.pipeline.stop();

    // (c) restart: the window is rebuilt from md.unified; B's late copy of 3 is dropped.
    const second = await start('one');
    await send('B', 'binance:BTC-USDT', [trade(3), trade(4)]);
    await until(async () => second.pipeline.engine.counters.eventsIn >= 2);
    await until(async () => (await output(second.proc)).length >= 4, 5000);
    expect((await output(second.proc)).sort()).toEqual(['1', '2', '3', '4']);
    expect(second.pipeline.engine.counters.duplicates).toBe(1);
    expect(second.pipeline.engine.counters.rebuiltEvents).toBe(3);
  }, 60_000);
});
