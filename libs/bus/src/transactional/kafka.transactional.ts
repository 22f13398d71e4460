import { Logger } from '@nestjs/common';
import {
  type Kafka,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type Producer,
} from 'kafkajs';
import { BusConfig } from '../bus.config';
import type { ConsumedBatch, ConsumedRecord, TopicSpec } from '../bus.types';
import { createKafkaClient } from '../kafka/kafka-client.factory';
import { KafkaTailReader, toConsumed } from './kafka-tail.reader';
import {
  TransactionalProcessor,
  type ResetReason,
  type TailOptions,
  type TransactionalRunOptions,
  type TransactionalStats,
  type TxnHandler,
  type TxnRecord,
} from './transactional-processor';
import { TransactionalError } from './transactional.error';

const FENCED = new Set([
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_EPOCH',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
const JOIN_TIMEOUT_MS = 60_000;

/** The kafkajs error type anywhere in the cause chain, if any. */
function errorType(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { type, originalError, cause } = e as {
      type?: string;
      originalError?: unknown;
      cause?: unknown;
    };
    if (type) return type;
    e = originalError ?? cause;
  }
  return undefined;
}

/**
 * Exactly-once consume-transform-produce on Kafka (kafkajs 2.2.4): per input batch one
 * transaction holding the outputs and the group offset (sendOffsets), committed or aborted as
 * a whole; the consumer reads read_committed and never commits on its own.
 *
 * `transactionalId` must be stable per instance (e.g. `feedgate-dedup-<instanceId>`): a restarted
 * instance's producer init aborts what its predecessor left open and fences it, so a zombie can
 * no longer commit. After an abort the partition is reset (onReset 'aborted') and re-read from
 * its last committed offset; a fenced producer ends the run (`done` rejects with TXN_FENCED).
 */
export class KafkaTransactionalProcessor extends TransactionalProcessor {
  readonly done: Promise<void>;
  private readonly logger = new Logger(KafkaTransactionalProcessor.name);
  private readonly kafka: Kafka;
  private readonly tail: KafkaTailReader;
  private resolveDone!: () => void;
  private rejectDone!: (e: Error) => void;
  private producer: Producer | undefined;
  private consumer: Consumer | undefined;
  private adminReady: Promise<Admin> | undefined;
  /** Partitions whose state is in step with their committed offset (reset done). */
  private readonly ready = new Set<string>();
  private readonly resetReason = new Map<string, ResetReason>();
  private assigned = new Set<string>();
  private closed = false;
  private counters = { committed: 0, aborted: 0, recordsIn: 0, recordsOut: 0 };

  constructor(
    private readonly config: BusConfig,
    private readonly transactionalId: string,
    private readonly retryDelayMs = 200,
  ) {
    super();
    if (!config.usesKafka)
      throw new TransactionalError('TXN_STATE', 'Kafka adapter needs KAFKA_BROKERS');
    this.kafka = createKafkaClient(config);
    this.tail = new KafkaTailReader(this.kafka, () => this.admin(), transactionalId);
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions,
        replicationFactor: s.replicationFactor ?? 1,
        configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  async partitionCount(topic: string): Promise<number> {
    const meta = await (await this.admin()).fetchTopicMetadata({ topics: [topic] });
    return meta.topics[0]?.partitions.length ?? 0;
  }

  async run(options: TransactionalRunOptions, handler: TxnHandler): Promise<void> {
    if (this.closed) throw new TransactionalError('TXN_STATE', 'processor is closed');
    if (this.consumer) throw new TransactionalError('TXN_STATE', 'already running');
    const producer = (this.producer = this.createProducer());
    await producer.connect(); // InitProducerId: aborts our predecessor's open transaction, fences it
    const consumer = (this.consumer = this.kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: Math.min(this.config.fetchMaxWaitMs, 500),
      sessionTimeout: this.config.sessionTimeoutMs,
      maxBytesPerPartition: this.config.fetchMaxBytesPerPartition,
      maxBytes: this.config.fetchMaxBytes,
      minBytes: this.config.fetchMinBytes,
    }));
    let joined!: () => void;
    const joinedOnce = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.onJoin(e.payload.memberAssignment, options);
      joined();
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart) this.fail(e.payload.error);
    });
    await consumer.connect();
    for (const topic of options.topics) {
      await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
    }
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload, options, handler),
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      joinedOnce,
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new TransactionalError('TXN_STATE', 'group join timed out')),
          JOIN_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }

  readTail(
    topic: string,
    partitions: readonly number[],
    options: TailOptions = {},
  ): Promise<Map<number, ConsumedRecord[]>> {
    return this.tail.read(topic, partitions, options);
  }

  stats(): TransactionalStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    if (this.adminReady) await (await this.adminReady.catch(() => undefined))?.disconnect();
    this.resolveDone();
  }

  private onJoin(assignment: Record<string, number[]>, options: TransactionalRunOptions): void {
    const now = new Set<string>();
    for (const [topic, parts] of Object.entries(assignment))
      for (const p of parts) now.add(`${topic}\u0000${p}`);
    const revoked = [...this.assigned].filter((tp) => !now.has(tp)).map(parseTp);
    this.assigned = now;
    // Every join re-reads from the committed offsets: all partitions are reset.
    this.ready.clear();
    if (revoked.length > 0) options.onRevoked?.(revoked);
  }

  private async onBatch(
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
    options: TransactionalRunOptions,
    handler: TxnHandler,
  ): Promise<void> {
    const { topic, partition } = batch;
    const tp = `${topic}\u0000${partition}`;
    const all = batch.messages.map((m) => toConsumed(topic, partition, m));
    const size = Math.max(1, options.maxBatchRecords ?? 1000);
    for (let i = 0; i < all.length; i += size) {
      if (!isRunning() || isStale() || this.closed) return;
      const records = all.slice(i, i + size);
      const chunk: ConsumedBatch = {
        topic,
        partition,
        records,
        firstOffset: records[0].offset,
        lastOffset: records[records.length - 1].offset,
        nextOffset: records[records.length - 1].offset + 1,
      };
      const ok = await this.transact(chunk, tp, options, handler);
      if (!ok) {
        if (this.closed) return;
        this.consumer?.seek({ topic, partition, offset: String(chunk.firstOffset) });
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
        return;
      }
      resolveOffset(String(chunk.lastOffset));
      await heartbeat();
    }
  }

  /** One transaction; false when it aborted (the partition is then reset and re-read). */
  private async transact(
    chunk: ConsumedBatch,
    tp: string,
    options: TransactionalRunOptions,
    handler: TxnHandler,
  ): Promise<boolean> {
    if (!this.producer && !(await this.renewProducer())) return false;
    const producer = this.producer as Producer;
    let txn: Awaited<ReturnType<Producer['transaction']>> | undefined;
    let began = false;
    try {
      if (!this.ready.has(tp)) {
        const reason = this.resetReason.get(tp) ?? 'assigned';
        await options.onReset?.([{ topic: chunk.topic, partition: chunk.partition }], reason);
        this.resetReason.delete(tp);
        this.ready.add(tp);
      }
      const outputs = await handler(chunk);
      began = true;
      txn = await producer.transaction();
      const byTopic = groupByTopic(outputs);
      if (byTopic.length > 0) await txn.sendBatch({ topicMessages: byTopic, acks: -1 });
      await txn.sendOffsets({
        consumerGroupId: options.groupId,
        topics: [
          {
            topic: chunk.topic,
            partitions: [{ partition: chunk.partition, offset: String(chunk.nextOffset) }],
          },
        ],
      });
      await options.beforeCommit?.(chunk);
      await txn.commit();
      this.counters.committed++;
      this.counters.recordsIn += chunk.records.length;
      this.counters.recordsOut += outputs.length;
      return true;
    } catch (error) {
      this.counters.aborted++;
      this.ready.delete(tp);
      this.resetReason.set(tp, 'aborted');
      // kafkajs leaves its transaction state machine in COMMITTING / ABORTING when EndTxn fails
      // (e.g. the broker restarted mid-commit) and then refuses every later transaction: the
      // processor would retry forever without consuming. A fresh producer with the same
      // transactionalId (InitProducerId) settles whatever the broker still holds open.
      let clean = !began;
      if (txn?.isActive())
        clean = await txn.abort().then(
          () => true,
          () => false,
        );
      const type = errorType(error);
      if (type && FENCED.has(type)) {
        this.fail(
          new TransactionalError('TXN_FENCED', `${this.transactionalId} was fenced`, error),
        );
      } else if (!this.closed) {
        this.logger.warn(
          `transaction aborted on ${chunk.topic}[${chunk.partition}]: ${(error as Error)?.message}`,
        );
        if (!clean) await this.dropProducer();
      }
      return false;
    }
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private async dropProducer(): Promise<void> {
    const old = this.producer;
    this.producer = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  /** A new transactional producer; false (retried on the next batch) while the broker is away. */
  private async renewProducer(): Promise<boolean> {
    if (this.closed) return false;
    const producer = this.createProducer();
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      const type = errorType(error);
      if (type && FENCED.has(type)) {
        this.fail(
          new TransactionalError('TXN_FENCED', `${this.transactionalId} was fenced`, error),
        );
      } else {
        this.logger.warn(`transactional producer not ready: ${(error as Error)?.message}`);
      }
      return false;
    }
    if (this.closed) {
      await producer.disconnect().catch(() => undefined);
      return false;
    }
    this.producer = producer;
    this.logger.log(`transactional producer ${this.transactionalId} renewed`);
    return true;
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.rejectDone(error instanceof Error ? error : new Error(String(error)));
    void this.close().catch(() => undefined);
  }

  private admin(): Promise<Admin> {
    if (!this.adminReady) {
      const admin = this.kafka.admin();
      this.adminReady = admin.connect().then(() => admin);
    }
    return this.adminReady;
  }
}

function groupByTopic(
  outputs: readonly TxnRecord[],
): { topic: string; messages: { key: string; value: Buffer }[] }[] {
  const map = new Map<string, { key: string; value: Buffer }[]>();
  for (const o of outputs) {
    let list = map.get(o.topic);
    if (!list) map.set(o.topic, (list = []));
    list.push({ key: o.key, value: o.value });
  }
  return [...map].map(([topic, messages]) => ({ topic, messages }));
}

function parseTp(tp: string): { topic: string; partition: number } {
  const i = tp.lastIndexOf('\u0000');
  return { topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)) };
}
