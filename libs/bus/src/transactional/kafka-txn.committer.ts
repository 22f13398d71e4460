import { Logger } from '@nestjs/common';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { ConsumedBatch } from '../bus.types';
import { kafkaErrorTypes } from '../kafka/kafka-error.chain';
import { retryWhileConcurrent } from './concurrent-txn.retry';
import type { TxnRecord } from './transactional-processor';
import { TransactionalError } from './transactional.error';

const FENCED = new Set([
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_EPOCH',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/**
 * First retry after a retriable produce error. kafkajs' default (300 ms) is paid on nearly every
 * transaction: the coordinator answers CONCURRENT_TRANSACTIONS to AddPartitionsToTxn while the
 * previous transaction's markers are still being written (a few ms), and that wait showed up as
 * ~300 ms steps of end-to-end latency. It still doubles up to kafkajs' 30 s cap when the broker
 * is really away.
 */
const INITIAL_RETRY_MS = 10;
const MAX_RETRY_MS = 100;
/** A transaction slower than this is logged with the time of each of its phases. */
const SLOW_COMMIT_MS = 250;

/** One partition's handled chunk: its outputs and the offset to commit with them. */
export interface TxnContribution {
  readonly chunk: ConsumedBatch;
  readonly outputs: readonly TxnRecord[];
}

/** Fenced: the outermost kafkajs error type of the cause chain says so. */
export function isFenced(error: unknown): boolean {
  const type = kafkaErrorTypes(error)[0];
  return type !== undefined && FENCED.has(type);
}

/**
 * Owns the transactional producer of one processor: commits a group of partitions' chunks as
 * ONE transaction (outputs + every partition's offset), and replaces the producer when kafkajs
 * is left unusable. A fenced producer is reported through `onFenced` and never renewed.
 */
export class KafkaTxnCommitter {
  private readonly logger = new Logger(KafkaTxnCommitter.name);
  private producer: Producer | undefined;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalId: string,
    private readonly onFenced: (error: TransactionalError) => void,
  ) {}

  get hasProducer(): boolean {
    return this.producer !== undefined;
  }

  /** First producer: InitProducerId aborts what a predecessor left open and fences it. Throws. */
  async connect(): Promise<void> {
    const producer = this.create();
    await producer.connect();
    this.producer = producer;
  }

  /** A new producer with the same id; false (retried on the next batch) while the broker is away. */
  async renew(): Promise<boolean> {
    if (this.closed) return false;
    const producer = this.create();
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      if (isFenced(error)) this.onFenced(this.fencedError(error));
      else this.logger.warn(`transactional producer not ready: ${(error as Error)?.message}`);
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

  /**
   * One transaction for the whole group; throws (after aborting) when it did not commit, and the
   * caller must then treat every chunk of the group as not processed.
   */
  async commit(
    group: readonly TxnContribution[],
    groupId: string,
    beforeCommit?: (batch: ConsumedBatch) => Promise<void> | void,
  ): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new TransactionalError('TXN_STATE', 'no transactional producer');
    let txn: Awaited<ReturnType<Producer['transaction']>> | undefined;
    const phases = new PhaseClock();
    try {
      const open = (txn = await producer.transaction());
      // Offsets first: the first call of a transaction meets CONCURRENT_TRANSACTIONS while the
      // coordinator still writes the previous one's markers, and kafkajs answers that inside
      // send with a metadata refresh and a ≥ 10 ms back-off each time (hundreds per minute);
      // here it is retried after 5 ms with nothing else. The order inside a transaction does
      // not matter: outputs and offsets commit or abort together.
      const offsets = offsetsOf(group);
      await retryWhileConcurrent(() =>
        open.sendOffsets({ consumerGroupId: groupId, topics: offsets }),
      );
      phases.mark('offsets');
      const byTopic = groupByTopic(group);
      if (byTopic.length > 0) await txn.sendBatch({ topicMessages: byTopic, acks: -1 });
      phases.mark('produce');
      if (beforeCommit) for (const c of group) await beforeCommit(c.chunk);
      await txn.commit();
      phases.mark('end');
      if (phases.totalMs >= SLOW_COMMIT_MS) {
        this.logger.warn(`slow transaction (${group.length} partitions): ${phases.describe()}`);
      }
    } catch (error) {
      // kafkajs leaves its transaction state machine in COMMITTING / ABORTING when EndTxn fails
      // (e.g. the broker restarted mid-commit) and then refuses every later transaction: the
      // processor would retry forever without consuming. A fresh producer with the same
      // transactionalId (InitProducerId) settles whatever the broker still holds open.
      let clean = txn === undefined;
      if (txn?.isActive())
        clean = await txn.abort().then(
          () => true,
          () => false,
        );
      if (isFenced(error)) {
        this.onFenced(this.fencedError(error));
      } else if (!this.closed) {
        const parts = group.map((c) => `${c.chunk.topic}[${c.chunk.partition}]`).join(' ');
        this.logger.warn(`transaction aborted on ${parts}: ${(error as Error)?.message}`);
        if (!clean) await this.drop();
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }

  private async drop(): Promise<void> {
    const old = this.producer;
    this.producer = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  private create(): Producer {
    return this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // retries stays unlimited, as kafkajs sets it for idempotent producers; the wait between
      // two tries is capped so a coordinator still busy with the last markers costs ≤ 100 ms
      // more, not kafkajs' doubling towards 30 s.
      retry: {
        retries: Number.MAX_SAFE_INTEGER,
        initialRetryTime: INITIAL_RETRY_MS,
        maxRetryTime: MAX_RETRY_MS,
      },
    });
  }

  private fencedError(cause: unknown): TransactionalError {
    return new TransactionalError('TXN_FENCED', `${this.transactionalId} was fenced`, cause);
  }
}

/** Wall time of a transaction's phases, for the slow-commit log line. */
class PhaseClock {
  private readonly start = performance.now();
  private last = this.start;
  private readonly parts: string[] = [];

  mark(name: string): void {
    const now = performance.now();
    this.parts.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  get totalMs(): number {
    return this.last - this.start;
  }

  describe(): string {
    return `${Math.round(this.totalMs)} ms (${this.parts.join(', ')})`;
  }
}

function groupByTopic(
  group: readonly TxnContribution[],
): { topic: string; messages: { key: string; value: Buffer }[] }[] {
  const map = new Map<string, { key: string; value: Buffer }[]>();
  for (const c of group) {
    for (const o of c.outputs) {
      let list = map.get(o.topic);
      if (!list) map.set(o.topic, (list = []));
      list.push({ key: o.key, value: o.value });
    }
  }
  return [...map].map(([topic, messages]) => ({ topic, messages }));
}

function offsetsOf(
  group: readonly TxnContribution[],
): { topic: string; partitions: { partition: number; offset: string }[] }[] {
  const map = new Map<string, { partition: number; offset: string }[]>();
  for (const { chunk } of group) {
    let list = map.get(chunk.topic);
    if (!list) map.set(chunk.topic, (list = []));
    list.push({ partition: chunk.partition, offset: String(chunk.nextOffset) });
  }
  return [...map].map(([topic, partitions]) => ({ topic, partitions }));
}
