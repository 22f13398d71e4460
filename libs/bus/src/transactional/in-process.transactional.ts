import { BusConfig } from '../bus.config';
import type { BusSubscription } from '../bus-subscription';
import type { BusRecord, ConsumedBatch, ConsumedRecord, TopicSpec } from '../bus.types';
import { checkRecords } from '../bus-validation';
import type { InProcessBus } from '../in-process/in-process.bus';
import { partitionForKey } from '../murmur2';
import { TailStore } from './tail.store';
import {
  TransactionalProcessor,
  type TailOptions,
  type TransactionalRunOptions,
  type TransactionalStats,
  type TxnHandler,
  type TxnRecord,
} from './transactional-processor';
import { TransactionalError } from './transactional.error';

export interface InProcessTransactionalOptions {
  /** Committed output records remembered per partition for readTail. Default 100 000. */
  readonly tailRecords?: number;
  /** Pause before consuming again after an abort. Default 50 ms. */
  readonly retryDelayMs?: number;
  /** Share the committed-tail store of an earlier adapter (an embedded service restart). */
  readonly tailOf?: InProcessTransactionalProcessor;
}

/**
 * The embedded adapter: outputs and the input offset are applied in one synchronous step (no
 * other code can observe half of it), so an aborted batch leaves no trace. After an abort the
 * member re-joins the group, which redelivers from the committed offset.
 *
 * readTail serves from a bounded store of what this adapter committed: in embedded mode it is
 * the only writer of its output topics (InProcessBus offers no log read), and the store outlives
 * a service restart inside the process because it belongs to the adapter.
 */
export class InProcessTransactionalProcessor extends TransactionalProcessor {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: Error) => void;
  private readonly partitions = new Map<string, number>();
  /** Readable by a successor adapter (tailOf). */
  protected readonly tail: TailStore;
  private readonly retryDelayMs: number;
  private subscription: BusSubscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly ready = new Set<string>();
  private closed = false;
  private counters = { committed: 0, aborted: 0, recordsIn: 0, recordsOut: 0 };

  constructor(
    private readonly bus: InProcessBus,
    private readonly config: BusConfig = BusConfig.of(),
    options: InProcessTransactionalOptions = {},
  ) {
    super();
    this.tail = options.tailOf?.tail ?? new TailStore(options.tailRecords ?? 100_000);
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    await this.bus.ensureTopics(specs);
    for (const s of specs)
      if (!this.partitions.has(s.topic)) this.partitions.set(s.topic, s.partitions);
  }

  async partitionCount(topic: string): Promise<number> {
    const n = this.partitions.get(topic);
    if (n === undefined)
      throw new TransactionalError('TXN_STATE', `topic ${topic} not ensured here`);
    return n;
  }

  async run(options: TransactionalRunOptions, handler: TxnHandler): Promise<void> {
    if (this.closed) throw new TransactionalError('TXN_STATE', 'processor is closed');
    if (this.subscription) throw new TransactionalError('TXN_STATE', 'already running');
    await this.join(options, handler);
  }

  async readTail(
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
    clearTimeout(this.retryTimer);
    await this.subscription?.close();
    this.subscription = undefined;
    this.resolveDone();
  }

  private async join(options: TransactionalRunOptions, handler: TxnHandler): Promise<void> {
    this.ready.clear();
    const sub = await this.bus.subscribe(
      {
        topics: options.topics,
        groupId: options.groupId,
        fromBeginning: options.fromBeginning ?? true,
        maxBatchRecords: options.maxBatchRecords,
      },
      (batch, s) => this.onBatch(batch, s, options, handler),
    );
    this.subscription = sub;
    sub.done.catch((e: unknown) => this.rejectDone(e as Error));
  }

  private async onBatch(
    batch: ConsumedBatch,
    sub: BusSubscription,
    options: TransactionalRunOptions,
    handler: TxnHandler,
  ): Promise<void> {
    if (sub !== this.subscription || this.closed) return;
    const tp = `${batch.topic}\u0000${batch.partition}`;
    try {
      if (!this.ready.has(tp)) {
        await options.onReset?.([{ topic: batch.topic, partition: batch.partition }], 'assigned');
        this.ready.add(tp);
      }
      const outputs = await handler(batch);
      const grouped = this.group(outputs);
      await options.beforeCommit?.(batch);
      if (sub !== this.subscription || this.closed) return; // closed mid-transaction: never committed
      this.commit(grouped, batch, sub);
    } catch {
      this.counters.aborted++;
      await this.restart(sub, options, handler);
    }
  }

  /** Validates every output first, so the apply step below cannot fail half-way. */
  private group(outputs: readonly TxnRecord[]): Map<string, BusRecord[]> {
    const grouped = new Map<string, BusRecord[]>();
    for (const o of outputs) {
      let list = grouped.get(o.topic);
      if (!list) grouped.set(o.topic, (list = []));
      list.push({ key: o.key, value: o.value });
    }
    for (const [topic, records] of grouped) {
      if (!this.partitions.has(topic))
        throw new TransactionalError('TXN_STATE', `unknown ${topic}`);
      checkRecords(records, this.config.maxRecordBytes);
    }
    return grouped;
  }

  /** One synchronous step: publish appends before its first await, commit records the offset. */
  private commit(
    grouped: Map<string, BusRecord[]>,
    batch: ConsumedBatch,
    sub: BusSubscription,
  ): void {
    const now = Date.now();
    for (const [topic, records] of grouped) {
      void this.bus.publish(topic, records).catch(() => undefined);
      const n = this.partitions.get(topic) ?? 1;
      for (const r of records) this.tail.append(topic, partitionForKey(r.key, n), r, now);
      this.counters.recordsOut += records.length;
    }
    void sub
      .commit([{ topic: batch.topic, partition: batch.partition, offset: batch.nextOffset }])
      .catch(() => undefined);
    this.counters.committed++;
    this.counters.recordsIn += batch.records.length;
  }

  /** Abort: leave and re-join, so the group redelivers from the committed offsets. */
  private async restart(
    sub: BusSubscription,
    options: TransactionalRunOptions,
    handler: TxnHandler,
  ): Promise<void> {
    if (sub !== this.subscription || this.closed) return;
    this.subscription = undefined;
    await sub.close();
    this.retryTimer = setTimeout(() => {
      if (this.closed) return;
      this.join(options, handler).catch((e: unknown) => this.rejectDone(e as Error));
    }, this.retryDelayMs);
  }
}
