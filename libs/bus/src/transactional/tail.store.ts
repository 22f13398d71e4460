import type { BusRecord, ConsumedRecord } from '../bus.types';
import type { TailOptions } from './transactional-processor';

const NO_HEADERS: Readonly<Record<string, Buffer>> = Object.freeze({});

/** Bounded per-partition memory of committed records (oldest dropped first), for readTail in-process. */
export class TailStore {
  private readonly logs = new Map<string, { records: ConsumedRecord[]; next: number }>();

  constructor(private readonly perPartition: number) {}

  append(topic: string, partition: number, record: BusRecord, now: number): void {
    const id = `${topic}\u0000${partition}`;
    let log = this.logs.get(id);
    if (!log) this.logs.set(id, (log = { records: [], next: 0 }));
    log.records.push({
      topic,
      partition,
      offset: log.next++,
      key: record.key,
      value: record.value,
      headers: NO_HEADERS,
      timestamp: now,
    });
    // Amortized trim: drop the excess in one splice once it reaches a quarter of the bound.
    if (log.records.length > this.perPartition * 1.25) {
      log.records.splice(0, log.records.length - this.perPartition);
    }
  }

  read(
    topic: string,
    partitions: readonly number[],
    options: TailOptions,
  ): Map<number, ConsumedRecord[]> {
    const out = new Map<number, ConsumedRecord[]>();
    const lastN = Math.min(options.lastN ?? 100_000, this.perPartition);
    for (const p of partitions) {
      const records = this.logs.get(`${topic}\u0000${p}`)?.records ?? [];
      let from = Math.max(0, records.length - lastN);
      if (options.sinceMs !== undefined) {
        while (from < records.length && records[from].timestamp < options.sinceMs) from++;
      }
      out.set(p, records.slice(from));
    }
    return out;
  }
}
