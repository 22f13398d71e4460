import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { BusSubscription } from '../bus-subscription';
import type { ConsumedBatch, ConsumedRecord, TopicPartitionOffset } from '../bus.types';
import { checkOffsets, type NormalizedSubscribeOptions } from '../bus-validation';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusCommitError } from '../errors/bus-commit.error';
import { BusConsumerError } from '../errors/bus-consumer.error';
import { BusHandlerError } from '../errors/bus-handler.error';
import type { BatchHandler } from '../market-bus';
import { HandlerRace } from '../handler.race';

const EMPTY = Buffer.alloc(0);

/**
 * One kafkajs consumer = one group member. autoCommit is off and batches are never
 * auto-resolved: an offset is resolved (kafkajs's "processed" mark, which moves the fetch
 * position) only after the handler returned, and committed only through commit(). After a
 * rebalance kafkajs restarts from the committed offsets, so anything uncommitted is
 * redelivered to whoever owns the partition next.
 */
export class KafkaSubscription extends BusSubscription {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly done: Promise<void>;
  private readonly logger = new Logger(KafkaSubscription.name);
  private assigned = new Map<string, Set<number>>();
  private isPaused = false;
  private closing = false;
  /** kafkajs is restarting the consumer after a crash; its commitOffsets would be a silent no-op. */
  private restarting = false;
  private closePromise: Promise<void> | undefined;
  private resolveDone!: () => void;
  private rejectDone!: (error: Error) => void;
  /** In-flight deliveries stop waiting for their handler at close. */
  private readonly race = new HandlerRace();

  constructor(
    private readonly consumer: Consumer,
    private readonly options: NormalizedSubscribeOptions,
    private readonly handler: BatchHandler,
  ) {
    super();
    this.groupId = options.groupId;
    this.topics = options.topics;
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Connects, joins the group and resolves once the first fetch ran (positions resolved). */
  async start(readyTimeoutMs: number): Promise<void> {
    const { consumer } = this;
    let joined = false;
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      joined = true;
      this.restarting = false;
      this.assigned = new Map(
        Object.entries(payload.memberAssignment).map(([t, ps]) => [t, new Set(ps)]),
      );
    });
    consumer.on(consumer.events.FETCH, () => {
      if (joined) markReady();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.restarting = true;
        this.logger.warn(`consumer ${this.groupId} restarting: ${payload.error.message}`);
      } else this.end(new BusConsumerError(`consumer ${this.groupId} crashed`, payload.error));
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: [...this.topics],
        fromBeginning: this.options.fromBeginning,
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionConcurrency,
        eachBatch: (payload) => this.onBatch(payload),
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new BusConsumerError(`group ${this.groupId} not ready in ${readyTimeoutMs} ms`)),
          readyTimeoutMs,
        );
      });
      await Promise.race([ready, timeout, this.done]);
    } catch (error) {
      await this.close();
      throw error instanceof BusConsumerError
        ? error
        : new BusConsumerError(`subscribe of group ${this.groupId} failed`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    checkOffsets(offsets);
    if (this.closing) throw new BusClosedError(`subscription of group ${this.groupId}`);
    if (this.restarting) {
      throw new BusCommitError(
        `consumer of group ${this.groupId} is restarting; nothing committed`,
      );
    }
    // Offsets of partitions revoked by a rebalance are skipped: the new owner has them.
    const owned = offsets.filter((o) => this.assigned.get(o.topic)?.has(o.partition));
    if (owned.length === 0) return;
    try {
      await this.consumer.commitOffsets(
        owned.map(({ topic, partition, offset }) => ({ topic, partition, offset: String(offset) })),
      );
    } catch (error) {
      throw new BusCommitError(`commit of group ${this.groupId} failed`, error);
    }
  }

  pause(): void {
    if (this.isPaused) return;
    this.isPaused = true;
    this.consumer.pause(this.topics.map((topic) => ({ topic })));
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    this.consumer.resume(this.topics.map((topic) => ({ topic })));
  }

  close(): Promise<void> {
    this.end();
    return this.closePromise!;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const messages = batch.messages;
    const step = this.options.maxBatchRecords;
    for (let from = 0; from < messages.length; from += step) {
      // A paused, closing or revoked partition stops here unresolved: it is fetched again later.
      if (this.closing || this.isPaused || !isRunning() || isStale()) return;
      const records = messages.slice(from, from + step).map((m) => toRecord(topic, partition, m));
      const first = records[0].offset;
      const last = records[records.length - 1].offset;
      const consumed: ConsumedBatch = {
        topic,
        partition,
        records,
        firstOffset: first,
        lastOffset: last,
        nextOffset: last + 1,
      };
      if (!(await this.deliver(consumed))) return;
      resolveOffset(messages[Math.min(from + step, messages.length) - 1].offset);
      await heartbeat();
    }
  }

  private async deliver(batch: ConsumedBatch): Promise<boolean> {
    try {
      const handled = Promise.resolve().then(() => this.handler(batch, this));
      const outcome = await this.race.wait(handled);
      return outcome && !this.closing;
    } catch (error) {
      this.end(new BusHandlerError(batch.topic, batch.partition, batch.firstOffset, error));
      return false;
    }
  }

  /**
   * Starts teardown without waiting for it: called from inside eachBatch, awaiting
   * consumer.disconnect() there would deadlock (kafkajs waits for the batch to finish).
   */
  private end(error?: Error): void {
    if (this.closePromise) return;
    this.closing = true;
    this.race.abandon();
    this.closePromise = this.consumer
      .disconnect()
      .catch((e: unknown) => this.logger.warn(`disconnect of ${this.groupId} failed: ${String(e)}`))
      .then(() => (error ? this.rejectDone(error) : this.resolveDone()));
  }
}

function toRecord(topic: string, partition: number, m: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ? m.key.toString('utf8') : '',
    value: m.value ?? EMPTY,
    headers: m.headers ? toHeaders(m.headers) : {},
    timestamp: Number(m.timestamp),
  };
}

function toHeaders(headers: IHeaders): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name in headers) {
    let value = headers[name];
    if (Array.isArray(value)) value = value[value.length - 1];
    if (value !== undefined) out[name] = Buffer.isBuffer(value) ? value : Buffer.from(value);
  }
  return out;
}
