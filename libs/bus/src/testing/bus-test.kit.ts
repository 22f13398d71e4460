import { randomBytes } from 'node:crypto';
import type { BusSubscription } from '../bus-subscription';
import type { ConsumedBatch, ConsumedRecord } from '../bus.types';
import type { BatchHandler } from '../market-bus';

/** Helpers shared by the bus contract and integration tests (test-only code). */

export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms; rejects with `what` and the last state after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** Records every delivered batch; `onBatch` runs after the batch is recorded. */
export class BatchCollector {
  readonly batches: ConsumedBatch[] = [];
  readonly records: ConsumedRecord[] = [];

  constructor(
    private readonly onBatch?: (batch: ConsumedBatch, sub: BusSubscription) => void | Promise<void>,
  ) {}

  readonly handler: BatchHandler = (batch, sub) => {
    this.batches.push(batch);
    for (const record of batch.records) this.records.push(record);
    return this.onBatch?.(batch, sub);
  };

  get count(): number {
    return this.records.length;
  }

  /** Values per key in delivery order, decoded as UTF-8. */
  valuesByKey(): Map<string, string[]> {
    const byKey = new Map<string, string[]>();
    for (const record of this.records) {
      const list = byKey.get(record.key) ?? [];
      list.push(record.value.toString('utf8'));
      byKey.set(record.key, list);
    }
    return byKey;
  }

  /** Delivered offsets per partition, in delivery order. */
  offsetsByPartition(): Map<number, number[]> {
    const byPartition = new Map<number, number[]>();
    for (const record of this.records) {
      const list = byPartition.get(record.partition) ?? [];
      list.push(record.offset);
      byPartition.set(record.partition, list);
    }
    return byPartition;
  }
}
