/**
 * Plain data shapes of the MarketBus port. Values are opaque binary frames: the bus never
 * looks inside them (the codec lives in @feedgate/codec), so adapters stay format-agnostic.
 */

/** Header values as published; strings are sent as UTF-8. */
export type BusHeaders = Readonly<Record<string, string | Buffer>>;

/** One record to publish. The key picks the partition (murmur2, like Kafka's default). */
export interface BusRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers?: BusHeaders;
}

/**
 * One record as delivered. Offsets are JS numbers: Kafka's are int64, but 2^53 records in
 * one partition would take centuries at 10^6 records/s, and numbers keep hot paths cheap.
 */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: Buffer;
  /** Header values always arrive as Buffers (Kafka carries bytes). */
  readonly headers: Readonly<Record<string, Buffer>>;
  /** Broker/append time, epoch ms. */
  readonly timestamp: number;
}

/** Records of one topic-partition, in offset order, handed to a handler in one call. */
export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ConsumedRecord[];
  readonly firstOffset: number;
  readonly lastOffset: number;
  /** Offset to commit once this whole batch is processed (lastOffset + 1, Kafka convention). */
  readonly nextOffset: number;
}

/** A commit position: `offset` is the NEXT offset to read (last processed + 1). */
export interface TopicPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** Kafka only; defaults to 1 (single-node development broker). */
  readonly replicationFactor?: number;
  /** Kafka topic configs, e.g. { 'retention.ms': '3600000' }; ignored in-process. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface SubscribeOptions {
  readonly topics: readonly string[];
  readonly groupId: string;
  /** Where a group without a committed offset starts: earliest (true) or latest (false, default). */
  readonly fromBeginning?: boolean;
  /** Upper bound on records per handler call (larger fetches are split). Default 1000. */
  readonly maxBatchRecords?: number;
  /**
   * How many partitions may be in a handler at once (per subscription). Default 1. Order
   * within a partition is always kept: a partition never has two batches in flight.
   */
  readonly partitionConcurrency?: number;
}
