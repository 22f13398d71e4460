import {
  CompressionTypes,
  type ICustomPartitioner,
  type IHeaders,
  type Kafka,
  type Producer,
} from 'kafkajs';
import type { BusConfig } from '../bus.config';
import type { BusRecord } from '../bus.types';
import { recordSize } from '../bus-validation';
import { BusConnectionError } from '../errors/bus-connection.error';
import { BusInvalidArgumentError } from '../errors/bus-invalid-argument.error';
import { partitionForKey } from '../murmur2';
import { KafkajsEncoderPatch } from './kafkajs-encoder.patch';
import { type OutgoingRecord, ProduceBatcher, type TopicBatch } from './produce.batcher';

/** Same mapping as kafkajs's DefaultPartitioner and Java's, without its per-byte Long objects. */
const murmur2Partitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) =>
    message.partition ?? partitionForKey(String(message.key ?? ''), partitionMetadata.length);

const CLOSE_TIMEOUT_MS = 30_000;

interface Shard {
  readonly batcher: ProduceBatcher;
  producer: Promise<Producer> | undefined;
  readonly topics: Set<string>;
}

/**
 * `maxInFlight` idempotent producers (acks=all, no compression), each owning the partitions
 * p ≡ i (mod N) of every topic and sending one request at a time. kafkajs serialises an
 * idempotent producer's requests per broker anyway, and a retried request could otherwise be
 * overtaken by a later one; with one producer per partition share, sends run in parallel
 * while per-partition (hence per-key) order holds. Each shard has its own linger batcher and
 * an equal share of maxPendingBytes. A call whose part for one shard exceeds that share is
 * refused whole; a failed send fails the call, though other shards' parts may be stored.
 */
export class KafkaProducerPool {
  private readonly shards: Shard[];
  private readonly shardPendingBytes: number;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: BusConfig,
  ) {
    // Zero-fill-free kafkajs Encoder growth: see kafkajs-encoder.patch.ts (~10% of produce CPU).
    KafkajsEncoderPatch.apply();
    const count = config.maxInFlight;
    const maxPendingBytes = Math.max(config.batchBytes, Math.floor(config.maxPendingBytes / count));
    this.shardPendingBytes = maxPendingBytes;
    this.shards = Array.from({ length: count }, () => {
      const shard: Shard = {
        producer: undefined,
        topics: new Set(),
        batcher: new ProduceBatcher((batch) => this.send(shard, batch), {
          lingerMs: config.lingerMs,
          batchBytes: config.batchBytes,
          maxPendingBytes,
          maxInFlight: 1,
        }),
      };
      return shard;
    });
  }

  /** Routes each record to its partition's shard; resolves when every part is acknowledged. */
  publish(topic: string, records: readonly BusRecord[], partitions: number): Promise<void> {
    const count = this.shards.length;
    const parts: OutgoingRecord[][] = Array.from({ length: count }, () => []);
    const bytes = new Array<number>(count).fill(0);
    for (const record of records) {
      const partition = partitionForKey(record.key, partitions);
      const shard = partition % count;
      parts[shard].push({ ...record, partition });
      bytes[shard] += recordSize(record);
    }
    // All or nothing: refuse before any part is queued (a shard alone would refuse its part).
    const largest = Math.max(...bytes);
    if (largest > this.shardPendingBytes) {
      return Promise.reject(
        new BusInvalidArgumentError(
          `publish of ${largest} bytes to one producer exceeds its ${this.shardPendingBytes}-byte buffer`,
        ),
      );
    }
    const sends: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      if (parts[i].length === 0) continue;
      this.shards[i].topics.add(topic);
      sends.push(this.shards[i].batcher.add(topic, parts[i], bytes[i]));
    }
    return sends.length === 1 ? sends[0] : Promise.all(sends).then(() => undefined);
  }

  /**
   * kafkajs keeps every topic a producer used in its metadata requests and fails them all
   * once one is deleted: producers that used a deleted topic are flushed and replaced.
   */
  async forgetTopics(topics: readonly string[]): Promise<void> {
    for (const shard of this.shards) {
      if (!topics.some((t) => shard.topics.has(t))) continue;
      topics.forEach((t) => shard.topics.delete(t));
      await shard.batcher.flush();
      const old = shard.producer;
      shard.producer = undefined;
      await old?.then((p) => p.disconnect()).catch(() => undefined);
    }
  }

  /**
   * Flushes for at most `timeoutMs` (idempotent kafkajs producers retry without end while the
   * broker is away), then disconnects: sends still running then fail with BusPublishError.
   */
  async close(timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const flushed = Promise.all(this.shards.map((s) => s.batcher.close()));
    await Promise.race([
      flushed,
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    await Promise.allSettled(this.shards.map((s) => s.producer?.then((p) => p.disconnect())));
  }

  private async send(shard: Shard, batch: readonly TopicBatch[]): Promise<void> {
    const producer = await (shard.producer ??= this.connect(shard));
    await producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      timeout: 30_000,
      topicMessages: batch.map(({ topic, messages }) => ({
        topic,
        messages: messages.map((r) => ({
          key: r.key,
          value: r.value,
          partition: r.partition,
          headers: r.headers as IHeaders | undefined,
        })),
      })),
    });
  }

  private async connect(shard: Shard): Promise<Producer> {
    const producer = this.kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      createPartitioner: murmur2Partitioner,
    });
    try {
      await producer.connect();
      return producer;
    } catch (error) {
      shard.producer = undefined;
      throw new BusConnectionError(`cannot reach Kafka at ${this.config.brokers.join(',')}`, error);
    }
  }
}
