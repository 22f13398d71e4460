import { describe, expect, it } from 'vitest';
import { BusConfig } from '../bus.config';
import type { BusRecord } from '../bus.types';
import { describeMarketBusContract } from '../market-bus.contract';
import { BatchCollector, sleep, waitFor } from '../testing/bus-test.kit';
import { InProcessBus } from './in-process.bus';

describeMarketBusContract('in-process', async () => new InProcessBus());

const records = (n: number, key = 'k', from = 0): BusRecord[] =>
  Array.from({ length: n }, (_, i) => ({ key, value: Buffer.from(`${from + i}`) }));

describe('InProcessBus specifics', () => {
  it('never calls a handler synchronously inside publish', async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    const got = new BatchCollector();
    await bus.subscribe({ topics: ['t'], groupId: 'g', fromBeginning: true }, got.handler);
    await bus.publish('t', records(3));
    expect(got.count).toBe(0);
    await waitFor(() => got.count === 3, 'delivery', 1000);
    await bus.close();
  });

  it('copies values so a publisher may reuse its buffer', async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    const reused = Buffer.from('first');
    await bus.publish('t', [{ key: 'k', value: reused }]);
    reused.write('XXXXX');
    const got = new BatchCollector();
    await bus.subscribe({ topics: ['t'], groupId: 'g', fromBeginning: true }, got.handler);
    await waitFor(() => got.count === 1, 'delivery', 1000);
    expect(got.records[0].value.toString()).toBe('first');
    await bus.close();
  });

  it('bounds retention per partition and counts evicted and skipped records', async () => {
    const bus = new InProcessBus(BusConfig.of({ retentionRecords: 10 }));
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    const got = new BatchCollector();
    const sub = await bus.subscribe(
      { topics: ['t'], groupId: 'slow', fromBeginning: true },
      got.handler,
    );
    sub.pause();
    await bus.publish('t', records(25));
    expect(bus.stats()).toMatchObject({
      retainedRecords: 10,
      evictedRecords: 15,
      skippedRecords: 0,
    });
    sub.resume();
    await waitFor(() => got.count === 10, 'the retained records', 1000);
    expect(got.records.map((r) => r.offset)).toEqual([...Array(10).keys()].map((i) => 15 + i));
    expect(bus.stats().skippedRecords).toBe(15);
    await bus.close();
  });

  it('bounds retention by bytes too', async () => {
    const bus = new InProcessBus(BusConfig.of({ retentionBytes: 4096 }));
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    for (let i = 0; i < 20; i++) await bus.publish('t', [{ key: 'k', value: Buffer.alloc(1000) }]);
    const stats = bus.stats();
    expect(stats.retainedBytes).toBeLessThanOrEqual(4096);
    expect(stats.retainedRecords).toBe(4);
    expect(stats.evictedRecords).toBe(16);
    await bus.close();
  });

  it('splits partitions between members of one group and hands them over on leave', async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics([{ topic: 't', partitions: 4 }]);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const a = new BatchCollector((batch, sub) =>
      sub.commit([{ topic: 't', partition: batch.partition, offset: batch.nextOffset }]),
    );
    const b = new BatchCollector();
    const subA = await bus.subscribe(
      { topics: ['t'], groupId: 'g', fromBeginning: true },
      a.handler,
    );
    await bus.subscribe({ topics: ['t'], groupId: 'g', fromBeginning: true }, b.handler);
    for (const key of keys) await bus.publish('t', records(5, key));
    await waitFor(() => a.count + b.count === 40, 'all records once', 1000);
    await sleep(20);
    expect(a.count + b.count).toBe(40);
    const partitionsA = new Set(a.records.map((r) => r.partition));
    const partitionsB = new Set(b.records.map((r) => r.partition));
    expect([...partitionsA].some((p) => partitionsB.has(p))).toBe(false);
    expect(partitionsA.size).toBeGreaterThan(0);
    expect(partitionsB.size).toBeGreaterThan(0);

    await subA.close();
    for (const key of keys) await bus.publish('t', records(1, key, 5));
    // b now owns everything; a had committed all it processed, so b gets only the new ones.
    await waitFor(() => b.count === 40 - a.count + 8, 'handover', 1000);
    await sleep(20);
    expect(b.count).toBe(48 - a.count);
    for (const p of partitionsA) expect(bus.committedOffset('g', 't', p)).toBeGreaterThan(0);
    await bus.close();
  });
});
