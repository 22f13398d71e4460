import {
  BusClosedError,
  BusInvalidArgumentError,
  BusUnknownTopicError,
  type BusRecord,
  type MarketBus,
} from '@feedgate/bus';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { UploaderMetrics } from './uploader.metrics';

export type OutboundKind = 'frame' | 'status' | 'deadletter';

/** One record waiting for the bus, with what it counts for in the pending bound. */
export interface OutboundRecord {
  readonly topic: string;
  readonly record: BusRecord;
  readonly kind: OutboundKind;
  readonly events: number;
}

export interface PublisherSettings {
  readonly maxRecordsPerPublish: number;
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * The uploader's outbound queue and its single drain loop. One publish call is in flight at a
 * time, so per-key order holds by construction (the bus keeps it too) and the queue length is
 * exactly the backpressure signal: while the bus awaits, records pile up here and the
 * uploader's bound stops intake. Transient bus failures are retried (same batch, same order,
 * capped exponential pause); records the bus refuses for good are dropped and counted.
 */
export class FramePublisher {
  pendingEvents = 0;
  pendingBytes = 0;
  private queue: OutboundRecord[] = [];
  private head = 0;
  private draining = false;
  private aborted = false;
  private retryTimer: Subscription | undefined;
  private wakeRetry: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly bus: MarketBus,
    private readonly settings: PublisherSettings,
    private readonly metrics: UploaderMetrics,
    /** Called whenever pending shrinks (the uploader re-checks its bound). */
    private readonly onDrained: () => void,
  ) {}

  get queuedRecords(): number {
    return this.queue.length - this.head;
  }

  enqueue(item: OutboundRecord): void {
    if (this.aborted) {
      this.metrics.droppedUnpublishable += Math.max(1, item.events);
      return;
    }
    this.queue.push(item);
    this.pendingEvents += item.events;
    this.pendingBytes += item.record.value.length;
    if (!this.draining) {
      this.draining = true;
      void this.drain();
    }
  }

  /** Resolves when everything enqueued so far is published (or dropped). */
  whenIdle(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops everything queued (shutdown past its deadline); later enqueues are dropped too. */
  abort(): void {
    this.aborted = true;
    this.retryTimer?.unsubscribe();
    this.wakeRetry?.();
    for (let i = this.head; i < this.queue.length; i++) {
      this.metrics.droppedUnpublishable += Math.max(1, this.queue[i].events);
    }
    this.release(this.queue.length - this.head);
  }

  private async drain(): Promise<void> {
    let attempt = 0;
    while (this.head < this.queue.length && !this.aborted) {
      const batch = this.nextBatch();
      const topic = batch[0].topic;
      const started = performance.now();
      try {
        this.metrics.publishCalls++;
        await this.bus.publish(
          topic,
          batch.map((b) => b.record),
        );
      } catch (err) {
        this.metrics.publishErrors++;
        if (this.aborted) break;
        if (err instanceof BusClosedError) {
          this.abort();
          break;
        }
        if (!(err instanceof BusInvalidArgumentError || err instanceof BusUnknownTopicError)) {
          // Transient (broker down, timeout): keep the batch and its place, pause, retry.
          this.metrics.publishRetries++;
          await this.pause(attempt++);
          continue;
        }
        for (const b of batch) this.metrics.droppedUnpublishable += Math.max(1, b.events);
        this.release(batch.length);
        continue;
      }
      // Aborted meanwhile: the queue (this batch included) was already released and counted.
      if (this.aborted) break;
      attempt = 0;
      this.metrics.recordLatency(performance.now() - started);
      for (const b of batch) this.count(b);
      this.release(batch.length);
    }
    this.draining = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Consecutive records of one topic, up to maxRecordsPerPublish. */
  private nextBatch(): OutboundRecord[] {
    const first = this.queue[this.head];
    const out: OutboundRecord[] = [first];
    for (
      let i = this.head + 1;
      i < this.queue.length && out.length < this.settings.maxRecordsPerPublish;
      i++
    ) {
      if (this.queue[i].topic !== first.topic) break;
      out.push(this.queue[i]);
    }
    return out;
  }

  private count(b: OutboundRecord): void {
    const m = this.metrics;
    if (b.kind === 'frame') {
      m.framesOut++;
      m.eventsOut += b.events;
      m.bytesOut += b.record.value.length;
    } else if (b.kind === 'status') {
      m.statusFramesOut++;
    } else {
      m.deadLettersOut++;
    }
  }

  private release(n: number): void {
    for (let i = 0; i < n; i++) {
      const b = this.queue[this.head];
      if (!b) break;
      this.head++;
      this.pendingEvents -= b.events;
      this.pendingBytes -= b.record.value.length;
    }
    // Compact once the consumed prefix dominates, so the array never grows without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    this.onDrained();
  }

  private pause(attempt: number): Promise<void> {
    const { retryBaseMs, retryCapMs, scheduler } = this.settings;
    const ms = Math.min(retryCapMs, retryBaseMs * 2 ** Math.min(attempt, 20));
    return new Promise((resolve) => {
      this.wakeRetry = resolve;
      this.retryTimer = scheduler.schedule(() => {
        this.retryTimer = undefined;
        this.wakeRetry = undefined;
        resolve();
      }, ms);
    });
  }
}
