import type { ConsumedRecord } from '../bus.types';

/**
 * One in-process partition: an append-only log with bounded retention (records and bytes).
 * Past the bound the oldest records are evicted and counted, as Kafka's retention would
 * delete old segments: memory stays bounded whatever the consumers do.
 */
export class PartitionLog {
  private readonly slots: (ConsumedRecord | undefined)[] = [];
  /** Index in `slots` of the record at startOffset; slots before it are already evicted. */
  private head = 0;
  private start = 0;
  private bytes = 0;
  private evictedCount = 0;

  constructor(
    private readonly maxRecords: number,
    private readonly maxBytes: number,
  ) {}

  /** Offset of the oldest retained record. */
  get startOffset(): number {
    return this.start;
  }

  /** Offset the next appended record will get. */
  get endOffset(): number {
    return this.start + this.slots.length - this.head;
  }

  get retainedBytes(): number {
    return this.bytes;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  append(record: ConsumedRecord): void {
    this.slots.push(record);
    this.bytes += PartitionLog.sizeOf(record);
    // Keep at least the newest record even if it alone exceeds the byte bound.
    while (
      this.slots.length - this.head > 1 &&
      (this.slots.length - this.head > this.maxRecords || this.bytes > this.maxBytes)
    ) {
      this.evictOldest();
    }
  }

  /** Up to `max` records from `offset` (clamped to the retained range). */
  read(offset: number, max: number): ConsumedRecord[] {
    const from = Math.max(offset, this.start) - this.start + this.head;
    const to = Math.min(from + max, this.slots.length);
    return this.slots.slice(from, to) as ConsumedRecord[];
  }

  static sizeOf(record: ConsumedRecord): number {
    let size = record.key.length + record.value.length + 16;
    for (const name in record.headers) size += name.length + record.headers[name].length;
    return size;
  }

  private evictOldest(): void {
    const record = this.slots[this.head];
    if (record) this.bytes -= PartitionLog.sizeOf(record);
    this.slots[this.head] = undefined;
    this.head++;
    this.start++;
    this.evictedCount++;
    // Compact once the dead prefix dominates: amortized O(1) per record.
    if (this.head >= 1024 && this.head * 2 >= this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
  }
}
