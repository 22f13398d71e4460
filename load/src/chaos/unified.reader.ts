import { BusConfig, KafkaTransactionalProcessor } from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';
import type { UnifiedEvent } from '@feedgate/core';

/**
 * Reads a whole topic (md.unified) from the start with read_committed, through the bus's
 * tail reader (kafkajs stays inside libs/bus), and decodes every frame. Aborted transactions
 * (a dedup killed mid-transaction) are never seen.
 */
export async function readUnified(
  brokers: string,
  topic = 'md.unified',
  log: (line: string) => void = () => undefined,
): Promise<{ events: UnifiedEvent[]; records: number; badFrames: number }> {
  const config = BusConfig.of({ brokers: [brokers], clientId: 'chaos-reader', logLevel: 'error' });
  const reader = new KafkaTransactionalProcessor(
    config,
    `chaos-reader-${process.pid}-${Date.now()}`,
  );
  try {
    const partitions = [...Array(await reader.partitionCount(topic)).keys()];
    const byPartition = await reader.readTail(topic, partitions, {
      lastN: 1_000_000_000,
      timeoutMs: 60_000,
    });
    const decoder = new FrameDecoder();
    const events: UnifiedEvent[] = [];
    let records = 0;
    let badFrames = 0;
    for (const list of byPartition.values()) {
      for (const r of list) {
        records++;
        try {
          for (const e of decoder.decode(r.value).events) events.push(e);
        } catch (e) {
          badFrames++;
          log(`undecodable frame at ${topic}/${r.partition}@${r.offset}: ${String(e)}`);
        }
      }
    }
    return { events, records, badFrames };
  } finally {
    await reader.close();
  }
}
