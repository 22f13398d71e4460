import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumedRecord } from '../bus.types';
import type { TailOptions } from './transactional-processor';

/** Stop when nothing new arrived for this long after joining (the tail ends in commit markers). */
const IDLE_MS = 600;

export function toConsumed(topic: string, partition: number, m: KafkaMessage): ConsumedRecord {
  const headers: Record<string, Buffer> = {};
  for (const [name, v] of Object.entries(m.headers ?? {})) {
    if (Buffer.isBuffer(v)) headers[name] = v;
    else if (typeof v === 'string') headers[name] = Buffer.from(v);
  }
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key?.toString() ?? '',
    value: m.value ?? Buffer.alloc(0),
    headers,
    timestamp: Number(m.timestamp),
  };
}

/**
 * Reads the committed tail of some partitions with a throwaway read_committed consumer (its own
 * one-member group, seeked to the start offsets, deleted afterwards). The end is the high
 * watermark read up front; a transactional partition's last offsets are commit markers that are
 * never delivered, so reading also stops after IDLE_MS without news.
 */
export class KafkaTailReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly admin: () => Promise<Admin>,
    private readonly groupPrefix: string,
  ) {}

  async read(
    topic: string,
    partitions: readonly number[],
    options: TailOptions,
  ): Promise<Map<number, ConsumedRecord[]>> {
    const out = new Map<number, ConsumedRecord[]>(partitions.map((p) => [p, []]));
    const admin = await this.admin();
    const ends = await admin.fetchTopicOffsets(topic);
    const byTime =
      options.sinceMs === undefined
        ? undefined
        : await admin.fetchTopicOffsetsByTimestamp(topic, options.sinceMs);
    const lastN = options.lastN ?? 100_000;
    const range = new Map<number, { start: number; end: number; seen: number }>();
    for (const p of partitions) {
      const e = ends.find((x) => x.partition === p);
      if (!e) continue;
      const end = Number(e.high);
      let start = Math.max(Number(e.low), end - lastN);
      const t = byTime?.find((x) => x.partition === p);
      if (t) start = Number(t.offset) < 0 ? end : Math.max(start, Number(t.offset));
      if (start < end) range.set(p, { start, end, seen: start - 1 });
    }
    if (range.size === 0) return out;

    const groupId = `${this.groupPrefix}-tail-${randomUUID()}`;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
    });
    let lastProgress = Infinity;
    try {
      // A consumer that crashes and restarts (e.g. "coordinator loading" right after a broker
      // restart) forgets its seeks and would start at the end: seek again on every join, from
      // where this read got to.
      const seekAll = (): void => {
        for (const [p, r] of range)
          consumer.seek({ topic, partition: p, offset: String(Math.max(r.start, r.seen + 1)) });
      };
      consumer.on(consumer.events.GROUP_JOIN, () => {
        lastProgress = Date.now();
        try {
          seekAll();
        } catch {
          // not initialized yet: the seek after run() below covers it
        }
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const r = range.get(batch.partition);
          if (!r) return;
          const list = out.get(batch.partition) as ConsumedRecord[];
          for (const m of batch.messages) {
            const offset = Number(m.offset);
            if (offset < r.start || offset >= r.end || offset <= r.seen) continue;
            list.push(toConsumed(topic, batch.partition, m));
            r.seen = offset;
          }
          lastProgress = Date.now();
        },
      });
      seekAll();
      const deadline = Date.now() + (options.timeoutMs ?? 15_000);
      // end-2: a committed transactional partition ends with a marker at end-1.
      const complete = (): boolean => [...range.values()].every((r) => r.seen >= r.end - 2);
      while (!complete() && Date.now() < deadline && Date.now() - lastProgress < IDLE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return out;
  }
}
