import {
  partitionForKey,
  type ConsumedBatch,
  type TopicPartitionRef,
  type TransactionalProcessor,
} from '@feedgate/bus';
import { DedupEngine } from './engine/dedup.engine';

export interface DedupPipelineOptions {
  readonly instanceId: string;
  readonly groupId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  readonly windowMs: number;
  readonly maxIds: number;
  readonly maxKeys: number;
  readonly rebuildMs: number;
  readonly rebuildMaxRecords: number;
  /** Tests: fault injection between produce and commit (see TransactionalRunOptions). */
  readonly beforeCommit?: (batch: ConsumedBatch) => Promise<void> | void;
}

/**
 * md.raw → DedupEngine → md.unified on a TransactionalProcessor. On assignment (and after an
 * abort) a partition's window is rebuilt from the committed tail of md.unified BEFORE its first
 * batch, so a late copy after a restart is still recognized. Partition p of md.raw maps to
 * partition p of md.unified when the counts match (same key, same murmur2); otherwise every
 * output partition is read and filtered by key.
 */
export class DedupPipeline {
  readonly engine: DedupEngine;
  private rawPartitions = 0;
  private outPartitions = 0;

  constructor(
    private readonly processor: TransactionalProcessor,
    private readonly o: DedupPipelineOptions,
  ) {
    this.engine = new DedupEngine({
      instanceId: o.instanceId,
      outputTopic: o.outputTopic,
      maxKeys: o.maxKeys,
      window: { windowMs: o.windowMs, maxKeys: o.maxKeys, maxIds: 1024 }, // maxIds set in start()
    });
  }

  async start(): Promise<void> {
    this.rawPartitions = await this.processor.partitionCount(this.o.inputTopic);
    this.outPartitions = await this.processor.partitionCount(this.o.outputTopic);
    // The overall id bound is shared by the input partitions' windows.
    const perPartition = Math.max(1024, Math.ceil(this.o.maxIds / Math.max(1, this.rawPartitions)));
    this.engine.setWindowOptions({
      windowMs: this.o.windowMs,
      maxKeys: this.o.maxKeys,
      maxIds: perPartition,
    });
    await this.processor.run(
      {
        topics: [this.o.inputTopic],
        groupId: this.o.groupId,
        fromBeginning: true,
        onReset: (parts) => this.rebuild(parts),
        onRevoked: (parts) => parts.forEach((p) => this.engine.drop(p.partition)),
        beforeCommit: this.o.beforeCommit,
      },
      (batch) => this.engine.process(batch),
    );
  }

  stop(): Promise<void> {
    return this.processor.close();
  }

  private async rebuild(parts: readonly TopicPartitionRef[]): Promise<void> {
    const started = performance.now();
    const sameLayout = this.rawPartitions === this.outPartitions;
    const wanted = parts.map((p) => p.partition);
    const read = sameLayout ? wanted : Array.from({ length: this.outPartitions }, (_, i) => i);
    const tails = await this.processor.readTail(this.o.outputTopic, read, {
      sinceMs: Date.now() - this.o.rebuildMs,
      lastN: this.o.rebuildMaxRecords,
    });
    for (const p of wanted) {
      const records = sameLayout
        ? (tails.get(p) ?? [])
        : [...tails.values()]
            .flat()
            .filter((r) => partitionForKey(r.key, this.rawPartitions) === p);
      this.engine.reset(p, records);
    }
    const c = this.engine.counters;
    c.rebuilds++;
    c.lastRebuildMs = performance.now() - started;
  }
}
