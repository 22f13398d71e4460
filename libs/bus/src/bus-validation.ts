import type { BusRecord, SubscribeOptions, TopicPartitionOffset, TopicSpec } from './bus.types';
import { BusInvalidArgumentError } from './errors/bus-invalid-argument.error';

/**
 * Argument checks shared by both adapters, so that bad input is refused the same way
 * (BusInvalidArgumentError) whichever bus runs, and never reaches a broker.
 */

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const MAX_PARTITIONS = 10_000;

export interface NormalizedSubscribeOptions {
  readonly topics: readonly string[];
  readonly groupId: string;
  readonly fromBeginning: boolean;
  readonly maxBatchRecords: number;
  readonly partitionConcurrency: number;
}

export function checkTopicName(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic)) {
    throw new BusInvalidArgumentError(`bad topic name ${JSON.stringify(topic)}`);
  }
}

export function checkTopicSpecs(specs: readonly TopicSpec[]): void {
  for (const spec of specs) {
    checkTopicName(spec.topic);
    if (
      !Number.isInteger(spec.partitions) ||
      spec.partitions < 1 ||
      spec.partitions > MAX_PARTITIONS
    ) {
      throw new BusInvalidArgumentError(`bad partition count ${spec.partitions} for ${spec.topic}`);
    }
    const rf = spec.replicationFactor ?? 1;
    if (!Number.isInteger(rf) || rf < 1 || rf > 32) {
      throw new BusInvalidArgumentError(`bad replication factor ${rf} for ${spec.topic}`);
    }
  }
}

/** Wire size of a record, the unit of every byte bound (batching, pending buffer, retention). */
export function recordSize(record: BusRecord): number {
  let size = Buffer.byteLength(record.key, 'utf8') + record.value.length + 16;
  if (record.headers) {
    for (const name in record.headers) {
      const value = record.headers[name];
      size += name.length + (typeof value === 'string' ? Buffer.byteLength(value) : value.length);
    }
  }
  return size;
}

/** Checks every record and returns the total size; all or nothing is published. */
export function checkRecords(records: readonly BusRecord[], maxRecordBytes: number): number {
  if (!Array.isArray(records)) throw new BusInvalidArgumentError('records must be an array');
  let total = 0;
  for (const record of records) {
    if (typeof record?.key !== 'string')
      throw new BusInvalidArgumentError('record key must be a string');
    if (!Buffer.isBuffer(record.value))
      throw new BusInvalidArgumentError('record value must be a Buffer');
    if (record.headers !== undefined) {
      for (const name in record.headers) {
        const value: unknown = record.headers[name];
        if (typeof value !== 'string' && !Buffer.isBuffer(value)) {
          throw new BusInvalidArgumentError(`header ${name} must be a string or Buffer`);
        }
      }
    }
    const size = recordSize(record);
    if (size > maxRecordBytes) {
      throw new BusInvalidArgumentError(`record of ${size} bytes exceeds ${maxRecordBytes}`);
    }
    total += size;
  }
  return total;
}

export function checkSubscribeOptions(options: SubscribeOptions): NormalizedSubscribeOptions {
  if (!Array.isArray(options?.topics) || options.topics.length === 0) {
    throw new BusInvalidArgumentError('subscribe needs at least one topic');
  }
  options.topics.forEach(checkTopicName);
  if (typeof options.groupId !== 'string' || !/^[A-Za-z0-9._:-]{1,255}$/.test(options.groupId)) {
    throw new BusInvalidArgumentError(`bad group id ${JSON.stringify(options.groupId)}`);
  }
  const maxBatchRecords = options.maxBatchRecords ?? 1000;
  if (!Number.isInteger(maxBatchRecords) || maxBatchRecords < 1 || maxBatchRecords > 1_000_000) {
    throw new BusInvalidArgumentError(`bad maxBatchRecords ${maxBatchRecords}`);
  }
  const partitionConcurrency = options.partitionConcurrency ?? 1;
  if (
    !Number.isInteger(partitionConcurrency) ||
    partitionConcurrency < 1 ||
    partitionConcurrency > 1024
  ) {
    throw new BusInvalidArgumentError(`bad partitionConcurrency ${partitionConcurrency}`);
  }
  return {
    topics: [...new Set(options.topics)],
    groupId: options.groupId,
    fromBeginning: options.fromBeginning ?? false,
    maxBatchRecords,
    partitionConcurrency,
  };
}

export function checkOffsets(offsets: readonly TopicPartitionOffset[]): void {
  if (!Array.isArray(offsets)) throw new BusInvalidArgumentError('offsets must be an array');
  for (const o of offsets) {
    if (
      typeof o?.topic !== 'string' ||
      !Number.isSafeInteger(o.partition) ||
      o.partition < 0 ||
      !Number.isSafeInteger(o.offset) ||
      o.offset < 0
    ) {
      throw new BusInvalidArgumentError(`bad commit offset ${JSON.stringify(o)}`);
    }
  }
}
