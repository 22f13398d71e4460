import { BusConfig } from '../bus.config';
import type { BusSubscription } from '../bus-subscription';
import type { BusRecord, ConsumedRecord, SubscribeOptions, TopicSpec } from '../bus.types';
import {
  checkRecords,
  checkSubscribeOptions,
  checkTopicName,
  checkTopicSpecs,
} from '../bus-validation';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusUnknownTopicError } from '../errors/bus-unknown-topic.error';
import { type BatchHandler, MarketBus } from '../market-bus';
import { partitionForKey } from '../murmur2';
import { InProcessGroup } from './in-process.group';
import { InProcessSubscription } from './in-process.subscription';
import { PartitionLog } from './partition-log';

export interface InProcessBusStats {
  readonly topics: number;
  readonly retainedRecords: number;
  readonly retainedBytes: number;
  /** Records dropped by retention (oldest first), over all partitions. */
  readonly evictedRecords: number;
  /** Records a group never received because they were evicted before it got there. */
  readonly skippedRecords: number;
}

const EMPTY_HEADERS: Readonly<Record<string, Buffer>> = Object.freeze({});

/**
 * The embedded MarketBus for `npm start` and unit tests: Kafka's semantics (keyed
 * partitions with murmur2, consumer groups, committed offsets, at-least-once) in memory.
 * Publishing never blocks: retention (records and bytes per partition) bounds memory and
 * evicts the oldest records, counted in stats(). Delivery is always asynchronous.
 */
export class InProcessBus extends MarketBus {
  private readonly logs = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, InProcessGroup>();
  private readonly subscriptions = new Set<InProcessSubscription>();
  private wakeScheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(private readonly config: BusConfig = BusConfig.of()) {
    super();
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.checkOpen();
    checkTopicSpecs(specs);
    for (const spec of specs) {
      if (this.logs.has(spec.topic)) continue;
      const partitions = Array.from(
        { length: spec.partitions },
        () => new PartitionLog(this.config.retentionRecords, this.config.retentionBytes),
      );
      this.logs.set(spec.topic, partitions);
    }
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    this.checkOpen();
    topics.forEach(checkTopicName);
    for (const topic of topics) this.logs.delete(topic);
  }

  async publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    this.checkOpen();
    checkTopicName(topic);
    const partitions = this.logs.get(topic);
    if (!partitions) throw new BusUnknownTopicError(topic);
    checkRecords(records, this.config.maxRecordBytes);
    const now = Date.now();
    for (const record of records) {
      const partition = partitionForKey(record.key, partitions.length);
      const log = partitions[partition];
      const stored: ConsumedRecord = {
        topic,
        partition,
        offset: log.endOffset,
        key: record.key,
        // Copied: the publisher may reuse its buffer once publish() resolves, as with Kafka.
        value: Buffer.from(record.value),
        headers: record.headers ? copyHeaders(record.headers) : EMPTY_HEADERS,
        timestamp: now,
      };
      log.append(stored);
    }
    if (records.length > 0) this.wake();
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<BusSubscription> {
    this.checkOpen();
    const normalized = checkSubscribeOptions(options);
    for (const topic of normalized.topics) {
      if (!this.logs.has(topic)) throw new BusUnknownTopicError(topic);
    }
    let group = this.groups.get(normalized.groupId);
    if (!group) {
      group = new InProcessGroup(
        normalized.groupId,
        (t) => this.logs.get(t) ?? [],
        () => this.wake(),
      );
      this.groups.set(normalized.groupId, group);
    }
    const subscription = new InProcessSubscription(normalized, handler, group);
    this.subscriptions.add(subscription);
    void subscription.done
      .catch(() => undefined)
      .finally(() => this.subscriptions.delete(subscription));
    group.join(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.wakeScheduled) clearImmediate(this.wakeScheduled);
    this.wakeScheduled = undefined;
  }

  stats(): InProcessBusStats {
    let retainedRecords = 0;
    let retainedBytes = 0;
    let evictedRecords = 0;
    for (const partitions of this.logs.values()) {
      for (const log of partitions) {
        retainedRecords += log.endOffset - log.startOffset;
        retainedBytes += log.retainedBytes;
        evictedRecords += log.evicted;
      }
    }
    let skippedRecords = 0;
    for (const group of this.groups.values()) skippedRecords += group.skipped;
    return {
      topics: this.logs.size,
      retainedRecords,
      retainedBytes,
      evictedRecords,
      skippedRecords,
    };
  }

  /** Committed offset of a group (undefined when none): for tests and admin views. */
  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.groups.get(groupId)?.committedOffset(topic, partition);
  }

  /** Coalesces every change of one tick into a single dispatch pass on the next one. */
  private wake(): void {
    if (this.wakeScheduled || this.closed) return;
    this.wakeScheduled = setImmediate(() => {
      this.wakeScheduled = undefined;
      for (const group of this.groups.values()) group.dispatch();
    });
  }

  private checkOpen(): void {
    if (this.closed) throw new BusClosedError('in-process bus');
  }
}

function copyHeaders(headers: Readonly<Record<string, string | Buffer>>): Record<string, Buffer> {
  const copy: Record<string, Buffer> = {};
  for (const name in headers) copy[name] = Buffer.from(headers[name]);
  return copy;
}
