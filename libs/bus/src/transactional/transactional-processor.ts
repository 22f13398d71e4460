import type { ConsumedBatch, ConsumedRecord, TopicSpec } from '../bus.types';

/** One output record of a transaction. */
export interface TxnRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
}

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

/**
 * Turns one input batch (one partition, offset order) into output records. Its outputs and the
 * batch's next offset commit together or not at all. It may throw: the transaction aborts and
 * the batch is consumed again from the last committed offset.
 */
export type TxnHandler = (
  batch: ConsumedBatch,
) => readonly TxnRecord[] | Promise<readonly TxnRecord[]>;

/** Why partition state must be (re)built before the next batch of these partitions. */
export type ResetReason = 'assigned' | 'aborted';

export interface TransactionalRunOptions {
  readonly topics: readonly string[];
  readonly groupId: string;
  /** Where a group without committed offsets starts. Default true (a new group misses nothing). */
  readonly fromBeginning?: boolean;
  /** Upper bound on records per handler call. Default 1000. */
  readonly maxBatchRecords?: number;
  /**
   * Called before the first batch of partitions newly assigned to this member, and again after a
   * transaction of a partition aborted: in-memory state derived from the input must be rebuilt
   * from committed output (what the handler did for the aborted batch never happened).
   * No batch of these partitions runs before the returned promise resolves.
   */
  readonly onReset?: (
    partitions: readonly TopicPartitionRef[],
    reason: ResetReason,
  ) => Promise<void> | void;
  /** Partitions taken away by a rebalance: drop their state. */
  readonly onRevoked?: (partitions: readonly TopicPartitionRef[]) => void;
  /**
   * Fault injection for tests: runs after the outputs were sent inside the open transaction and
   * before it commits. Throwing aborts; a promise that never settles is a process hung (or killed)
   * mid-transaction.
   */
  readonly beforeCommit?: (batch: ConsumedBatch) => Promise<void> | void;
}

/** Where readTail starts (the later of the two when both are given, so lastN bounds memory). */
export interface TailOptions {
  /** Records appended at or after this epoch-ms time (broker timestamp). */
  readonly sinceMs?: number;
  /** At most this many last records per partition. Default 100 000. */
  readonly lastN?: number;
  /** Give up reading after this long, returning what was read. Default 15 000. */
  readonly timeoutMs?: number;
}

export interface TransactionalStats {
  readonly committed: number;
  readonly aborted: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /**
   * Input records behind the high watermark over the assigned partitions (as of each partition's
   * last fetch): the backlog a saturated processor builds up. Undefined when the adapter cannot
   * tell.
   */
  readonly inputLag?: number;
}

/**
 * Consume-transform-produce with exactly-once output: a consumer group (read_committed) whose
 * handler's outputs and input offsets commit atomically. Adapters: KafkaTransactionalProcessor
 * (Kafka transactions with sendOffsets, fenced by a stable transactional id per instance) and
 * InProcessTransactionalProcessor (atomic in memory, over InProcessBus).
 */
export abstract class TransactionalProcessor {
  /** Settles when the run ends: resolves after close(), rejects when the member died (e.g. fenced). */
  abstract readonly done: Promise<void>;

  abstract ensureTopics(specs: readonly TopicSpec[]): Promise<void>;

  abstract partitionCount(topic: string): Promise<number>;

  /** Joins the group and processes until close(); resolves once the member is running. */
  abstract run(options: TransactionalRunOptions, handler: TxnHandler): Promise<void>;

  /** Committed records of the recent tail of `partitions` of `topic` (read_committed), by partition. */
  abstract readTail(
    topic: string,
    partitions: readonly number[],
    options?: TailOptions,
  ): Promise<Map<number, ConsumedRecord[]>>;

  abstract stats(): TransactionalStats;

  /** Leaves the group; an open transaction is aborted (or fenced by the next owner). Idempotent. */
  abstract close(): Promise<void>;
}
