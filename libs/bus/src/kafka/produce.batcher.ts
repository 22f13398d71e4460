import type { BusRecord } from '../bus.types';
import { recordSize } from '../bus-validation';
import { BusClosedError } from '../errors/bus-closed.error';
import { BusInvalidArgumentError } from '../errors/bus-invalid-argument.error';
import { BusPublishError } from '../errors/bus-publish.error';

/** A record on its way out; `partition` when the caller already chose it. */
export interface OutgoingRecord extends BusRecord {
  readonly partition?: number;
}

export interface TopicBatch {
  readonly topic: string;
  readonly messages: OutgoingRecord[];
}

/** Sends one batch (many topics) and resolves when it is acknowledged. */
export type SendBatch = (batch: readonly TopicBatch[]) => Promise<void>;

export interface ProduceBatcherOptions {
  readonly lingerMs: number;
  readonly batchBytes: number;
  readonly maxPendingBytes: number;
  readonly maxInFlight: number;
}

/** One publish() call: settles when every batch holding its records is acknowledged. */
interface Entry {
  readonly topic: string;
  readonly records: readonly OutgoingRecord[];
  readonly bytes: number;
  parts: number;
  failed: boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface Batch {
  readonly byTopic: Map<string, OutgoingRecord[]>;
  bytes: number;
  readonly entries: Set<Entry>;
}

/**
 * The producer side of "batched by size and by a few milliseconds of linger" (kafkajs has
 * no linger): records accumulate up to `batchBytes` or `lingerMs`, then go out in one send.
 * While every send slot is busy the open batch keeps growing (up to batchBytes), so a slow
 * broker gets fewer, larger requests. Memory is bounded by `maxPendingBytes` of accepted but
 * unacknowledged bytes: past it, publish() callers wait in FIFO order (backpressure), which
 * also keeps per-key order: nobody overtakes a waiting caller.
 */
export class ProduceBatcher {
  private pending = 0;
  private inFlight = 0;
  private open: Batch | undefined;
  private readonly sealed: Batch[] = [];
  private readonly blocked: Entry[] = [];
  private lingerTimer: NodeJS.Timeout | undefined;
  private lingerDue = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: SendBatch,
    private readonly options: ProduceBatcherOptions,
  ) {}

  /** Bytes accepted and not yet acknowledged. */
  get pendingBytes(): number {
    return this.pending;
  }

  get waitingCallers(): number {
    return this.blocked.length;
  }

  add(topic: string, records: readonly OutgoingRecord[], bytes: number): Promise<void> {
    if (this.closed) return Promise.reject(new BusClosedError('producer'));
    if (records.length === 0) return Promise.resolve();
    if (bytes > this.options.maxPendingBytes) {
      // Admitting it would break the memory bound; the caller can split it.
      return Promise.reject(
        new BusInvalidArgumentError(
          `publish of ${bytes} bytes exceeds the ${this.options.maxPendingBytes}-byte pending buffer`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = { topic, records, bytes, parts: 0, failed: false, resolve, reject };
      if (this.blocked.length > 0 || !this.fits(bytes)) this.blocked.push(entry);
      else this.accept(entry);
    });
  }

  /** Sends everything now and resolves when all of it is acknowledged (or failed). */
  async flush(): Promise<void> {
    this.lingerDue = true;
    this.pump();
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Refuses new records, flushes what was accepted (blocked callers included). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.pending > 0 || this.blocked.length > 0) await this.flush();
    this.clearLinger();
  }

  private fits(bytes: number): boolean {
    return this.pending + bytes <= this.options.maxPendingBytes;
  }

  private accept(entry: Entry): void {
    for (const record of entry.records) {
      const size = recordSize(record);
      this.pending += size;
      if (this.open && this.open.bytes > 0 && this.open.bytes + size > this.options.batchBytes) {
        this.sealed.push(this.open);
        this.open = undefined;
      }
      const batch = (this.open ??= { byTopic: new Map(), bytes: 0, entries: new Set() });
      let messages = batch.byTopic.get(entry.topic);
      if (!messages) batch.byTopic.set(entry.topic, (messages = []));
      messages.push(record);
      batch.bytes += size;
      if (!batch.entries.has(entry)) {
        batch.entries.add(entry);
        entry.parts++;
      }
    }
    if (this.open && this.lingerTimer === undefined && !this.lingerDue) {
      if (this.options.lingerMs === 0) this.lingerDue = true;
      else this.lingerTimer = setTimeout(() => this.onLinger(), this.options.lingerMs);
    }
    this.pump();
  }

  private onLinger(): void {
    this.lingerTimer = undefined;
    this.lingerDue = true;
    this.pump();
  }

  private clearLinger(): void {
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      let batch = this.sealed.shift();
      if (!batch && this.open && (this.lingerDue || this.open.bytes >= this.options.batchBytes)) {
        batch = this.open;
        this.open = undefined;
        this.lingerDue = false;
        this.clearLinger();
      }
      if (!batch) return;
      this.dispatch(batch);
    }
  }

  private dispatch(batch: Batch): void {
    this.inFlight++;
    const topicBatches = [...batch.byTopic].map(([topic, messages]) => ({ topic, messages }));
    let sending: Promise<void>;
    try {
      sending = this.send(topicBatches);
    } catch (error) {
      sending = Promise.reject(error);
    }
    sending.then(
      () => this.settle(batch),
      (error: unknown) => this.settle(batch, error),
    );
  }

  private settle(batch: Batch, error?: unknown): void {
    this.inFlight--;
    this.pending -= batch.bytes;
    for (const entry of batch.entries) {
      if (error !== undefined && !entry.failed) {
        entry.failed = true;
        const reason = error instanceof Error ? error.message : String(error);
        entry.reject(new BusPublishError(`publish to ${entry.topic} failed: ${reason}`, error));
      }
      if (--entry.parts === 0 && !entry.failed) entry.resolve();
    }
    while (this.blocked.length > 0 && this.fits(this.blocked[0].bytes)) {
      this.accept(this.blocked.shift()!);
    }
    this.pump();
    if (this.pending === 0 && this.blocked.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}
