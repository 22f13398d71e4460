import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusConfig } from '../bus.config';
import type { BusRecord } from '../bus.types';
import { BusInvalidArgumentError } from '../errors/bus-invalid-argument.error';
import { BatchCollector, uniqueName, waitFor } from '../testing/bus-test.kit';
import { KafkaBus } from './kafka.bus';

/** The producer pool's bounds on the real broker: a tiny pending buffer, 3 producer shards. */
describe('Kafka producer pool bounds', () => {
  let bus: KafkaBus;
  let topic: string;

  beforeAll(async () => {
    bus = new KafkaBus(
      BusConfig.fromEnv({
        ...process.env,
        BUS_MAX_IN_FLIGHT: '3',
        BUS_BATCH_BYTES: '16384',
        BUS_MAX_PENDING_BYTES: '98304', // 32 KiB per shard
        BUS_LINGER_MS: '2',
      }),
    );
    topic = uniqueName('producer-bounds');
    await bus.ensureTopics([{ topic, partitions: 6 }]);
  });

  afterAll(async () => {
    await bus.deleteTopics([topic]);
    await bus.close();
  });

  it('refuses a call too large for a producer buffer, before queueing any of it', async () => {
    const big: BusRecord[] = [{ key: 'kraken:BTC-USD', value: Buffer.alloc(40_000) }];
    await expect(bus.publish(topic, big)).rejects.toBeInstanceOf(BusInvalidArgumentError);
  });

  it('backpressures many concurrent calls and still delivers all of them in per-key order', async () => {
    const keys = Array.from({ length: 30 }, (_, k) => `okx:K${k}-USDT`);
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      calls.push(
        bus.publish(
          topic,
          keys.map((key) => ({
            key,
            value: Buffer.concat([Buffer.from(`${i}|`), Buffer.alloc(900)]),
          })),
        ),
      );
    }
    await Promise.all(calls);
    const got = new BatchCollector();
    const sub = await bus.subscribe(
      { topics: [topic], groupId: uniqueName('g'), fromBeginning: true },
      got.handler,
    );
    await waitFor(() => got.count >= 6000, 'all records', 60_000);
    await sub.close();
    expect(got.count).toBe(6000);
    const seq = new Map<string, number>();
    let outOfOrder = 0;
    for (const r of got.records) {
      const i = Number(r.value.subarray(0, r.value.indexOf(124)).toString());
      if (i !== (seq.get(r.key) ?? 0)) outOfOrder++;
      seq.set(r.key, i + 1);
    }
    expect(outOfOrder).toBe(0);
  });
});
