import { firstValueFrom, take, toArray } from 'rxjs';
import { beforeEach, expect, it } from 'vitest';
import type { BusRecord } from '../bus.types';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusHandlerError } from '../errors/bus-handler.error';
import { BusInvalidArgumentError } from '../errors/bus-invalid-argument.error';
import { BusUnknownTopicError } from '../errors/bus-unknown-topic.error';
import type { MarketBus } from '../market-bus';
import { BatchCollector, sleep, uniqueName, waitFor } from './bus-test.kit';
import type { ContractContext } from './contract-context';

/** Contract cases about the life of a member: pause, start position, close, failure, errors. */
export function lifecycleContractCases(ctx: ContractContext): void {
  let bus: MarketBus;
  let topic: string;
  const { group, seqRecords, quietMs, timeoutMs } = ctx;
  const PARTITIONS = ctx.partitions;

  beforeEach(() => {
    bus = ctx.bus();
    topic = ctx.topic();
  });

  it('stops delivery on pause (even from inside a handler) and continues on resume', async () => {
    await bus.publish(topic, seqRecords(6, 10));
    const got = new BatchCollector((_batch, sub) => {
      if (got.batches.length === 1) sub.pause();
    });
    const sub = await bus.subscribe(
      { topics: [topic], groupId: group(), fromBeginning: true, maxBatchRecords: 5 },
      got.handler,
    );
    await waitFor(() => got.count > 0, 'first batch', timeoutMs);
    await sleep(quietMs);
    expect(sub.paused).toBe(true);
    expect(got.batches.length).toBe(1);
    sub.resume();
    await waitFor(() => got.count >= 60, 'after resume', timeoutMs);

    sub.pause();
    await bus.publish(topic, seqRecords(6, 5, 10));
    await sleep(quietMs);
    expect(got.count).toBe(60);
    sub.resume();
    await waitFor(() => got.count >= 90, 'second resume', timeoutMs);
    const byKey = got.valuesByKey();
    for (const [key, values] of byKey) {
      const k = key.slice(2, key.indexOf(':'));
      expect(values).toEqual(Array.from({ length: 15 }, (_, i) => `${k}|${i}`));
    }
  });

  it('delivers only records published after subscribe when fromBeginning is false', async () => {
    await bus.publish(topic, seqRecords(5, 4));
    const got = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId: group() }, got.handler);
    await bus.publish(topic, seqRecords(5, 2, 4));
    await waitFor(() => got.count >= 10, 'new records', timeoutMs);
    await sleep(quietMs);
    expect(got.count).toBe(10);
    expect([...got.valuesByKey().values()].flat().every((v) => /\|[45]$/.test(v))).toBe(true);
  });

  it('tears down on close: no more deliveries, commit and publish refuse', async () => {
    const got = new BatchCollector();
    const sub = await bus.subscribe(
      { topics: [topic], groupId: group(), fromBeginning: true },
      got.handler,
    );
    await bus.publish(topic, seqRecords(3, 3));
    await waitFor(() => got.count >= 9, 'records', timeoutMs);
    await sub.close();
    await expect(sub.done).resolves.toBeUndefined();
    await bus.publish(topic, seqRecords(3, 3, 3));
    await sleep(quietMs);
    expect(got.count).toBe(9);
    await expect(sub.commit([{ topic, partition: 0, offset: 1 }])).rejects.toBeInstanceOf(
      BusClosedError,
    );
    await bus.close();
    await expect(bus.publish(topic, seqRecords(1, 1))).rejects.toBeInstanceOf(BusClosedError);
    await expect(
      bus.subscribe({ topics: [topic], groupId: group() }, got.handler),
    ).rejects.toBeInstanceOf(BusClosedError);
  });

  it('abandons a batch stuck in a handler at close; the next member gets it again', async () => {
    const groupId = group();
    await bus.publish(topic, seqRecords(9, 4));
    const first = new BatchCollector(() => new Promise<void>(() => undefined));
    const subA = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true },
      first.handler,
    );
    await waitFor(() => first.batches.length > 0, 'a stuck batch', timeoutMs);
    await subA.close();
    const second = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId, fromBeginning: true }, second.handler);
    await waitFor(() => second.count >= 36, 'redelivery', timeoutMs);
    const stuck = first.batches[0];
    const again = second.records.filter((r) => r.partition === stuck.partition);
    expect(again[0].offset).toBe(stuck.firstOffset);
  });

  it('fails the subscription when a handler throws and redelivers the batch', async () => {
    const groupId = group();
    await bus.publish(topic, seqRecords(6, 5));
    const failing = new BatchCollector(() => {
      throw new Error('boom');
    });
    const sub = await bus.subscribe(
      { topics: [topic], groupId, fromBeginning: true },
      failing.handler,
    );
    await expect(sub.done).rejects.toBeInstanceOf(BusHandlerError);
    await expect(sub.done).rejects.toMatchObject({ code: 'BUS_HANDLER', topic });
    expect(failing.batches.length).toBe(1);
    const next = new BatchCollector();
    await bus.subscribe({ topics: [topic], groupId, fromBeginning: true }, next.handler);
    await waitFor(() => next.count >= 30, 'redelivery', timeoutMs);
    expect(next.count).toBe(30);
  });

  it('refuses unknown topics and bad records with typed errors', async () => {
    const missing = uniqueName('missing');
    await expect(bus.publish(missing, seqRecords(1, 1))).rejects.toBeInstanceOf(
      BusUnknownTopicError,
    );
    await expect(
      bus.subscribe({ topics: [missing], groupId: group() }, () => undefined),
    ).rejects.toBeInstanceOf(BusUnknownTopicError);
    const bad = [{ key: 'k', value: 'not a buffer' }] as unknown as BusRecord[];
    await expect(bus.publish(topic, bad)).rejects.toBeInstanceOf(BusInvalidArgumentError);
    await expect(
      bus.subscribe({ topics: [], groupId: group() }, () => undefined),
    ).rejects.toBeInstanceOf(BusInvalidArgumentError);
    await bus.ensureTopics([{ topic, partitions: PARTITIONS }]);
  });

  it('deletes topics (ignoring missing ones)', async () => {
    const extra = uniqueName('contract-del');
    await bus.ensureTopics([{ topic: extra, partitions: 1 }]);
    await bus.publish(extra, seqRecords(1, 1));
    const sub = await bus.subscribe(
      { topics: [extra], groupId: group(), fromBeginning: true },
      () => undefined,
    );
    await sub.close();
    await bus.deleteTopics([extra, uniqueName('never-created')]);
    await expect(bus.publish(extra, seqRecords(1, 1))).rejects.toBeInstanceOf(BusUnknownTopicError);
  });

  it('exposes batches$ as an Observable whose teardown closes the member', async () => {
    await bus.publish(topic, seqRecords(4, 5));
    const deliveries = await firstValueFrom(
      bus
        .batches$({ topics: [topic], groupId: group(), fromBeginning: true, maxBatchRecords: 2 })
        .pipe(take(3), toArray()),
    );
    expect(deliveries.length).toBe(3);
    const sub = deliveries[0].subscription;
    expect(deliveries.every((d) => d.batch.topic === topic && d.batch.records.length <= 2)).toBe(
      true,
    );
    await expect(sub.done).resolves.toBeUndefined();
    await expect(sub.commit([])).rejects.toBeInstanceOf(BusClosedError);
  });
}
