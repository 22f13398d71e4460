import { partitionForKey, type BusRecord, type ConsumedRecord } from '@feedgate/bus';
import { DedupEngine } from '@feedgate/dedup-service';

export interface DedupEngineResult {
  /** Event copies in (A + B), first copies out. */
  readonly eventsIn: number;
  readonly eventsOut: number;
  readonly cpuSec: number;
  readonly eventsInPerCpuSec: number;
}

/** Records per engine call, as the transactional processor hands them (its default bound). */
const BATCH_RECORDS = 1000;

/**
 * The dedup service's transform alone, in this process, on the same md.raw records the broker
 * run writes: DedupEngine decodes each frame, checks frame continuity and gaps, deduplicates,
 * and re-encodes md.unified frames — everything apps/dedup does except talking to Kafka. With
 * the broker run beside it, this splits the service's CPU between the transform and the client.
 */
export class DedupEngineRun {
  static measure(records: readonly BusRecord[], partitions: number): DedupEngineResult {
    const engine = new DedupEngine({
      instanceId: 'bench',
      outputTopic: 'md.unified',
      maxKeys: 1_000_000,
      window: { windowMs: 60_000, maxIds: Math.ceil(40_000_000 / partitions), maxKeys: 1_000_000 },
    });
    const byPartition: ConsumedRecord[][] = Array.from({ length: partitions }, () => []);
    for (const r of records) {
      const partition = partitionForKey(r.key, partitions);
      const list = byPartition[partition];
      list.push({
        topic: 'md.raw',
        partition,
        offset: list.length,
        key: r.key,
        value: r.value,
        headers: {},
        timestamp: 0,
      });
    }
    // Round-robin over partitions, one bounded batch at a time, like a consumer of all of them.
    const cursors = new Array<number>(partitions).fill(0);
    const cpu0 = process.cpuUsage();
    for (let busy = true; busy;) {
      busy = false;
      for (let p = 0; p < partitions; p++) {
        const list = byPartition[p];
        const from = cursors[p];
        if (from >= list.length) continue;
        busy = true;
        const batch = list.slice(from, from + BATCH_RECORDS);
        cursors[p] = from + batch.length;
        const lastOffset = batch[batch.length - 1].offset;
        engine.process({
          topic: 'md.raw',
          partition: p,
          records: batch,
          firstOffset: from,
          lastOffset,
          nextOffset: lastOffset + 1,
        });
      }
    }
    const used = process.cpuUsage(cpu0);
    const cpuSec = (used.user + used.system) / 1e6;
    const c = engine.counters;
    return {
      eventsIn: c.eventsIn,
      eventsOut: c.eventsOut,
      cpuSec: Math.round(cpuSec * 100) / 100,
      eventsInPerCpuSec: Math.round(c.eventsIn / cpuSec),
    };
  }
}
