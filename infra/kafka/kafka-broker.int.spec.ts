import { randomUUID } from 'node:crypto';
import {
  ConfigResourceTypes,
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import topicsFile from './topics.json';

// Proves that the broker kafka-up.sh starts (Kafka 4.x, KRaft) works with kafkajs 2.2.4 for
// everything feedgate relies on: the md.* layout, idempotent produce, consumer groups with
// manual commits, and transactions with sendOffsets (exactly-once dedup output).

const brokers = process.env.KAFKA_BROKERS;
const runId = randomUUID().slice(0, 8);

interface Received {
  partition: number;
  message: KafkaMessage;
}

/** Consumes `topic` from the beginning until `done` holds or `timeoutMs` passes. */
async function collect(
  consumer: Consumer,
  topic: string,
  done: (got: Received[]) => boolean,
  onMessage?: (r: Received) => Promise<void>,
  timeoutMs = 30_000,
): Promise<Received[]> {
  const got: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      got.push({ partition, message });
      if (onMessage) await onMessage({ partition, message });
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (!done(got) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await consumer.disconnect();
  return got;
}

const text = (r: Received): string => r.message.value?.toString() ?? '';

// kafkajs' disconnect() waits for the fetch in flight, which the broker holds up to
// maxWaitTimeInMs (default 5 s) when there is nothing new; keep it short.
const consumerDefaults = { allowAutoTopicCreation: false, maxWaitTimeInMs: 100 };
// The Java-compatible murmur2 partitioner (kafkajs 2.x default), named to silence its warning.
const producerDefaults = {
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
};

describe('local Kafka broker (kafka-up.sh) with kafkajs', () => {
  let kafka: Kafka;
  let admin: Admin;
  const cleanups: Array<() => Promise<unknown>> = [];
  const tempTopics: string[] = [];

  async function tempTopic(partitions: number): Promise<string> {
    const topic = `it.kafka-broker.${runId}.${tempTopics.length}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
    tempTopics.push(topic);
    return topic;
  }

  function track<T extends Producer | Consumer>(client: T): T {
    cleanups.push(() => client.disconnect());
    return client;
  }

  beforeAll(async () => {
    if (!brokers) {
      throw new Error(
        'KAFKA_BROKERS is not set. Run `npm test` (starts the broker), or `npm run kafka:up` ' +
          'and then KAFKA_BROKERS=127.0.0.1:9092 npx vitest run --project integration',
      );
    }
    kafka = new Kafka({
      clientId: `kafka-broker-it-${runId}`,
      brokers: brokers.split(','),
      // kafkajs logs retried, harmless errors (e.g. CONCURRENT_TRANSACTIONS right after a
      // commit); real failures still surface as thrown errors.
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    if (admin) {
      if (tempTopics.length > 0) await admin.deleteTopics({ topics: tempTopics });
      await admin.disconnect();
    }
  });

  it('has every md.* topic with its partition count, md.config compacted', async () => {
    const names = topicsFile.topics.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['md.raw', 'md.unified', 'md.config']));

    const meta = await admin.fetchTopicMetadata({ topics: names });
    const counts = Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]));
    const wanted = Object.fromEntries(topicsFile.topics.map((t) => [t.name, t.partitions]));
    expect(counts).toEqual(wanted);
    expect(counts['md.raw']).toBe(12);
    expect(counts['md.unified']).toBe(12);

    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: ['md.config', 'md.unified'].map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['cleanup.policy'],
      })),
    });
    const policy = Object.fromEntries(
      configs.resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]),
    );
    expect(policy).toEqual({ 'md.config': 'compact', 'md.unified': 'delete' });
  });

  it('round-trips an idempotent producer through a consumer group with manual commits', async () => {
    const topic = await tempTopic(4);
    const keys = ['binance:BTC-USDT', 'coinbase:ETH-USD', 'kraken:BTC-EUR', 'okx:SOL-USDT'];
    const perKey = 25;
    const producer = track(
      kafka.producer({ ...producerDefaults, idempotent: true, maxInFlightRequests: 1 }),
    );
    await producer.connect();
    for (let seq = 0; seq < perKey; seq++) {
      await producer.send({
        topic,
        acks: -1,
        messages: keys.map((key) => ({ key, value: `${key}#${seq}` })),
      });
    }

    const groupId = `it-group-${runId}`;
    const consumer = track(kafka.consumer({ ...consumerDefaults, groupId }));
    const total = keys.length * perKey;
    const got = await collect(
      consumer,
      topic,
      (g) => g.length >= total,
      async ({ partition, message }) => {
        // Commit exactly what was processed: the next offset to read.
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    );

    expect(got).toHaveLength(total);
    for (const key of keys) {
      const mine = got.filter((r) => r.message.key?.toString() === key);
      // Keyed by exchange:symbol: one partition per key, order kept, nothing lost or repeated.
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map(text)).toEqual(Array.from({ length: perKey }, (_, i) => `${key}#${i}`));
    }

    const ends = await admin.fetchTopicOffsets(topic);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committedByPartition = Object.fromEntries(
      committed[0].partitions.map((p) => [p.partition, p.offset]),
    );
    for (const end of ends) {
      const expected = end.high === '0' ? '-1' : end.high;
      expect(committedByPartition[end.partition]).toBe(expected);
    }
  });

  it('commits a transaction with sendOffsets and hides an aborted one from read_committed', async () => {
    const input = await tempTopic(1);
    const outputPartitions = 2;
    const output = await tempTopic(outputPartitions);
    const groupId = `it-txn-group-${runId}`;
    const producer = track(
      kafka.producer({
        ...producerDefaults,
        transactionalId: `it-txn-${runId}`,
        idempotent: true,
        maxInFlightRequests: 1,
      }),
    );
    await producer.connect();

    const inputProducer = track(
      kafka.producer({ ...producerDefaults, idempotent: true, maxInFlightRequests: 1 }),
    );
    await inputProducer.connect();
    await inputProducer.send({
      topic: input,
      messages: Array.from({ length: 20 }, (_, i) => ({ key: 'k', value: `in#${i}` })),
    });

    const txnStep = async (values: string[], offset: string, commit: boolean): Promise<void> => {
      const txn = await producer.transaction();
      await txn.send({
        topic: output,
        // Spread over both partitions on purpose: one transaction spans several partitions.
        messages: values.map((value, i) => ({
          key: value,
          value,
          partition: i % outputPartitions,
        })),
      });
      await txn.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic: input, partitions: [{ partition: 0, offset }] }],
      });
      if (commit) await txn.commit();
      else await txn.abort();
    };
    const committedValues = ['ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5'];
    const abortedValues = ['bad-1', 'bad-2', 'bad-3'];
    // The coordinator writes the commit markers (which publish the transactional offsets)
    // just after EndTxn answers, and kafkajs' OffsetFetch v4 cannot ask to wait for stable
    // offsets: poll until the committed offset settles to `want`, or give up.
    const groupOffsetSettles = async (want: string): Promise<string> => {
      let offset = '';
      for (let i = 0; i < 200 && offset !== want; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        offset = (await admin.fetchOffsets({ groupId, topics: [input] }))[0].partitions[0].offset;
      }
      return offset;
    };

    await txnStep(committedValues, '10', true);
    expect(await groupOffsetSettles('10')).toBe('10');
    await txnStep(abortedValues, '15', false);
    // A committed marker per partition after the aborted range: once read_committed has seen
    // both, it has read past every aborted record, so "not seen" is an observation, not a timeout.
    const markers = ['marker-0', 'marker-1'];
    await txnStep(markers, '20', true);
    expect(await groupOffsetSettles('20')).toBe('20');

    const readCommitted = track(kafka.consumer({ ...consumerDefaults, groupId: `it-rc-${runId}` }));
    const seen = await collect(readCommitted, output, (g) =>
      markers.every((m) => g.some((r) => text(r) === m)),
    );
    expect(seen.map(text).sort()).toEqual([...committedValues, ...markers].sort());

    // The aborted records are really in the log: a read_uncommitted consumer gets them.
    const readUncommitted = track(
      kafka.consumer({ ...consumerDefaults, groupId: `it-ru-${runId}`, readUncommitted: true }),
    );
    const all = await collect(readUncommitted, output, (g) => g.length >= 10);
    expect(all.map(text).sort()).toEqual([...committedValues, ...abortedValues, ...markers].sort());
  });
});
