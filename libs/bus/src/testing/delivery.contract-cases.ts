import { randomBytes } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { BusSubscription } from '../bus-subscription';
import type { BusRecord, ConsumedBatch } from '../bus.types';
import type { MarketBus } from '../market-bus';
import { partitionForKey } from '../murmur2';
import { BatchCollector, sleep, waitFor } from './bus-test.kit';
import type { ContractContext } from './contract-context';

/** Contract cases about what is delivered: bytes, partitions, order, groups, commits. */
export function deliveryContractCases(ctx: ContractContext): void {
  let bus: MarketBus;
  let topic: string;
  const { group, seqRecords, quietMs, timeoutMs } = ctx;
  const PARTITIONS = ctx.partitions;

  beforeEach(() => {
    bus = ctx.bus();
    topic = ctx.topic();
  });

  it('round-trips keys, values and headers byte-exact onto the murmur2 partition', async () => {
    const sent: BusRecord[] = [];
    for (let i = 0; i < 200; i++) {
      sent.push({
        key: `binance:K${i % 17}-USDT`,
        value: randomBytes(i % 7 === 0 ? 0 : 1 + ((i * 37) % 3000)),
        headers: i % 3 === 0 ? { run: 'r1', bin: Buffer.from([0, 255, i & 255]) } : undefined,
      });
    }
    await bus.publish(topic, sent.slice(0, 120));
    await bus.publish(topic, sent.slice(120));
    const got = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId: group(), fromBeginning: true }, got.handler);
    await waitFor(() => got.count >= sent.length, 'all records', timeoutMs);
    await sleep(quietMs);
    expect(got.count).toBe(sent.length);

    const expectedByKey = new Map<string, BusRecord[]>();
    for (const r of sent) expectedByKey.set(r.key, [...(expectedByKey.get(r.key) ?? []), r]);
    const seenByKey = new Map<string, number>();
    for (const record of got.records) {
      const index = seenByKey.get(record.key) ?? 0;
      seenByKey.set(record.key, index + 1);
      const expected = expectedByKey.get(record.key)![index];
      expect(record.topic).toBe(topic);
      expect(record.partition).toBe(partitionForKey(record.key, PARTITIONS));
      expect(record.value.equals(expected.value)).toBe(true);
      if (expected.headers) {
        expect(record.headers.run?.toString()).toBe('r1');
        expect(record.headers.bin?.equals(expected.headers.bin as Buffer)).toBe(true);
      }
    }
    for (const [, offsets] of got.offsetsByPartition()) {
      expect(offsets).toEqual(offsets.map((_, i) => offsets[0] + i));
    }
    for (const batch of got.batches) {
      expect(batch.firstOffset).toBe(batch.records[0].offset);
      expect(batch.lastOffset).toBe(batch.records[batch.records.length - 1].offset);
      expect(batch.nextOffset).toBe(batch.lastOffset + 1);
    }
  });

  it('keeps per-key order across concurrent publish calls', async () => {
    const calls: Promise<void>[] = [];
    for (let round = 0; round < 30; round++)
      calls.push(bus.publish(topic, seqRecords(25, 4, round * 4)));
    await Promise.all(calls);
    const got = new BatchCollector();
    await bus.subscribe(
      {
        topics: [topic],
        groupId: group(),
        fromBeginning: true,
        maxBatchRecords: 50,
        partitionConcurrency: 3,
      },
      got.handler,
    );
    await waitFor(() => got.count >= 25 * 120, 'all records', timeoutMs);
    const byKey = got.valuesByKey();
    expect(byKey.size).toBe(25);
    for (const [key, values] of byKey) {
      const k = key.slice(2, key.indexOf(':'));
      expect(values).toEqual(Array.from({ length: 120 }, (_, i) => `${k}|${i}`));
    }
    expect(Math.max(...got.batches.map((b) => b.records.length))).toBeLessThanOrEqual(50);
  });

  it('runs partitions concurrently but never two batches of one partition at once', async () => {
    await bus.publish(topic, seqRecords(12, 20));
    const active = new Map<number, number>();
    let overlap = 0;
    let running = 0;
    let maxRunning = 0;
    const got = new BatchCollector(async (batch) => {
      const now = (active.get(batch.partition) ?? 0) + 1;
      active.set(batch.partition, now);
      if (now > 1) overlap++;
      maxRunning = Math.max(maxRunning, ++running);
      await sleep(2 + batch.partition * 4); // uneven, so partitions finish at different times
      running--;
      active.set(batch.partition, now - 1);
    });
    await bus.subscribe(
      {
        topics: [topic],
        groupId: group(),
        fromBeginning: true,
        maxBatchRecords: 10,
        partitionConcurrency: 8,
      },
      got.handler,
    );
    await waitFor(() => got.count >= 240, 'all records', timeoutMs);
    expect(overlap).toBe(0);
    expect(maxRunning).toBeGreaterThan(1);
    for (const [key, values] of got.valuesByKey()) {
      const k = key.slice(2, key.indexOf(':'));
      expect(values).toEqual(Array.from({ length: 20 }, (_, i) => `${k}|${i}`));
    }
  });

  it('gives every record to each of two groups', async () => {
    await bus.publish(topic, seqRecords(10, 10));
    const a = new BatchCollector();
    const b = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId: group(), fromBeginning: true }, a.handler);
    await bus.subscribe({ topics: [topic], groupId: group(), fromBeginning: true }, b.handler);
    await waitFor(() => a.count >= 100 && b.count >= 100, 'both groups', timeoutMs);
    await sleep(quietMs);
    expect(a.count).toBe(100);
    expect(b.count).toBe(100);
    expect(a.valuesByKey()).toEqual(b.valuesByKey());
  });

  it('splits partitions between two members of one group, each record once', async () => {
    const groupId = group();
    const commitEach = (batch: ConsumedBatch, sub: BusSubscription): Promise<void> =>
      sub.commit([{ topic, partition: batch.partition, offset: batch.nextOffset }]);
    const a = new BatchCollector(commitEach);
    const b = new BatchCollector(commitEach);
    await bus.subscribe({ topics: [topic], groupId }, a.handler);
    await bus.subscribe({ topics: [topic], groupId }, b.handler);
    await bus.publish(topic, seqRecords(24, 5));
    await waitFor(() => a.count + b.count >= 120, 'both members', timeoutMs);
    await sleep(quietMs);
    expect(a.count + b.count).toBe(120);
    const partitionsA = new Set(a.records.map((r) => r.partition));
    const partitionsB = new Set(b.records.map((r) => r.partition));
    expect(partitionsA.size).toBeGreaterThan(0);
    expect(partitionsB.size).toBeGreaterThan(0);
    expect([...partitionsA].filter((p) => partitionsB.has(p))).toEqual([]);
  });

  it('resumes a group after its committed offsets and redelivers what was not committed', async () => {
    const groupId = group();
    await bus.publish(topic, seqRecords(12, 10));
    const first = new BatchCollector();
    const subA = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true },
      first.handler,
    );
    await waitFor(() => first.count >= 120, 'first member', timeoutMs);
    const committed = new Map<number, number>();
    for (const [partition, offsets] of first.offsetsByPartition()) {
      committed.set(partition, offsets[Math.floor(offsets.length / 2)]);
    }
    await subA.commit([...committed].map(([partition, offset]) => ({ topic, partition, offset })));
    await subA.close();
    await subA.done;
    await bus.publish(topic, seqRecords(12, 2, 10));

    const second = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId, fromBeginning: true }, second.handler);
    const expected =
      first.records.filter((r) => r.offset >= committed.get(r.partition)!).length + 24;
    await waitFor(() => second.count >= expected, 'second member', timeoutMs);
    await sleep(quietMs);
    expect(second.count).toBe(expected);
    for (const [partition, offsets] of second.offsetsByPartition()) {
      expect(offsets[0]).toBe(committed.get(partition));
      expect(offsets).toEqual(offsets.map((_, i) => offsets[0] + i));
    }
    const firstByOffset = new Map(
      first.records.map((r) => [`${r.partition}@${r.offset}`, r.value]),
    );
    for (const r of second.records) {
      const old = firstByOffset.get(`${r.partition}@${r.offset}`);
      if (old) expect(r.value.equals(old)).toBe(true);
    }
  });
}
