import type { MarketBus } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import { eventKey, type StatusEvent, type UnifiedEvent } from '@feedgate/core';
import { deadLetterRecord, type DeadLetterInput } from './dead-letter.record';
import { UploaderError } from './errors/uploader.error';
import { FrameLane } from './frame.lane';
import { FramePublisher } from './frame.publisher';
import {
  resolveUploaderOptions,
  type ResolvedUploaderOptions,
  type UploaderOptions,
} from './uploader.options';
import { MD_DEADLETTER, MD_RAW, MD_STATUS } from './uploader.topics';
import { UploaderMetrics } from './uploader.metrics';

/** Events refused for one key during one overflow episode (reported once it ends). */
interface Overflow {
  readonly sample: UnifiedEvent;
  epoch: number;
  count: number;
  firstTs: number;
  lastTs: number;
}

/**
 * Gate → bus: batches a replica's unified events into binary frames per key (`md.raw`),
 * status events into frames on `md.status`, dead letters as JSON on `md.deadletter`.
 *
 * Bounded. Everything held (open frames, frames waiting for or in the bus) counts against
 * maxPendingEvents / maxPendingBytes. The bus awaits when it is saturated and one publish
 * is in flight at a time, so a slow bus fills this bound and then:
 *  - pull-style producers check `writable` / await `whenWritable()`: intake pauses, nothing
 *    is lost;
 *  - a hot source (a live exchange socket cannot be paused without losing the connection)
 *    has its excess refused by `write` (returns false), counted in `metrics.droppedOverflow`,
 *    and once the uploader has drained to half the bound, a `gap` status event per affected
 *    key goes into md.raw in place, naming the count and time range. Replica B covers that
 *    range; the dedup sees in-band that A did not.
 * Status events and dead letters are never refused below twice the bound (they are rare and
 * are what tells operators something is wrong).
 */
export class Uploader {
  readonly metrics = new UploaderMetrics();
  readonly options: ResolvedUploaderOptions;
  private readonly publisher: FramePublisher;
  private readonly raw: FrameLane;
  private readonly status: FrameLane;
  private full = false;
  private closed = false;
  private waiters: (() => void)[] = [];
  private readonly overflow = new Map<string, Overflow>();

  constructor(bus: MarketBus, options: UploaderOptions) {
    const o = (this.options = resolveUploaderOptions(options));
    this.publisher = new FramePublisher(bus, o, this.metrics, () => this.onDrained());
    const encoder = new FrameEncoder({ limits: { maxFrameBytes: o.maxFrameBytes } });
    const big = new FrameEncoder();
    const lane = (topic: string, kind: 'frame' | 'status'): FrameLane =>
      new FrameLane(
        {
          topic,
          kind,
          gateId: o.gateId,
          replica: o.replica,
          maxFrameEvents: o.maxFrameEvents,
          lingerMs: o.lingerMs,
          scheduler: o.scheduler,
        },
        encoder,
        big,
        this.publisher,
        this.metrics,
      );
    this.raw = lane(MD_RAW, 'frame');
    this.status = lane(MD_STATUS, 'status');
  }

  get pendingEvents(): number {
    return this.raw.openEvents + this.status.openEvents + this.publisher.pendingEvents;
  }

  get pendingBytes(): number {
    return this.publisher.pendingBytes;
  }

  /** False while the pending bound is reached (until half of it has drained). */
  get writable(): boolean {
    return !this.closed && !this.checkFull();
  }

  /** Resolves once `writable` (immediately when it is); rejects after close. */
  whenWritable(): Promise<void> {
    if (this.closed)
      return Promise.reject(new UploaderError('UPLOADER_CLOSED', 'uploader is closed'));
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * One event of connection `epoch` (see EpochClock) for md.raw. Returns false when refused
   * (bound reached or closed); the event is then counted, never silently lost.
   */
  write(event: UnifiedEvent, epoch: number): boolean {
    this.metrics.eventsIn++;
    if (this.closed || this.checkFull()) {
      this.metrics.droppedOverflow++;
      if (!this.closed) this.noteOverflow(event, epoch);
      return false;
    }
    this.raw.write(event, epoch);
    return true;
  }

  /** A status event for md.status (framed like md.raw, keyed `exchange:symbol`, `*` = connection). */
  writeStatus(event: StatusEvent, epoch: number): boolean {
    if (this.closed || this.overHardBound()) {
      this.metrics.droppedOverflow++;
      return false;
    }
    this.status.write(event, epoch);
    return true;
  }

  /** An unparsable frame for md.deadletter (JSON, keyed by exchange). */
  writeDeadLetter(letter: DeadLetterInput): boolean {
    if (this.closed || this.overHardBound()) {
      this.metrics.droppedOverflow++;
      return false;
    }
    const record = deadLetterRecord(letter, this.options.gateId, this.options.replica);
    this.publisher.enqueue({ topic: MD_DEADLETTER, kind: 'deadletter', events: 0, record });
    return true;
  }

  /** Closes every open frame now and resolves when all of it is acknowledged by the bus. */
  async flush(): Promise<void> {
    this.raw.flushAll();
    this.status.flushAll();
    await this.publisher.whenIdle();
  }

  /**
   * Graceful shutdown: refuse new input, flush, stop timers. Past `timeoutMs` (bus down) what
   * is left is dropped, counted, and the promise rejects with UPLOADER_FLUSH_TIMEOUT.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.reportOverflow();
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([this.flush().then(() => 'done' as const), deadline]);
      if (outcome === 'timeout') {
        this.publisher.abort();
        throw new UploaderError('UPLOADER_FLUSH_TIMEOUT', `flush not done after ${timeoutMs} ms`);
      }
    } finally {
      clearTimeout(timer);
      this.raw.dispose();
      this.status.dispose();
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  private checkFull(): boolean {
    const o = this.options;
    if (
      !this.full &&
      (this.pendingEvents >= o.maxPendingEvents || this.pendingBytes >= o.maxPendingBytes)
    ) {
      this.full = true;
    }
    return this.full;
  }

  private overHardBound(): boolean {
    const o = this.options;
    return (
      this.pendingEvents >= 2 * o.maxPendingEvents || this.pendingBytes >= 2 * o.maxPendingBytes
    );
  }

  private onDrained(): void {
    if (!this.full) return;
    const o = this.options;
    if (this.pendingEvents > o.maxPendingEvents / 2 || this.pendingBytes > o.maxPendingBytes / 2)
      return;
    this.full = false;
    this.reportOverflow();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private noteOverflow(event: UnifiedEvent, epoch: number): void {
    const key = eventKey(event);
    const o = this.overflow.get(key);
    if (!o) {
      // Bounded by the number of keys the gate serves (its configured subscriptions).
      this.overflow.set(key, {
        sample: event,
        epoch,
        count: 1,
        firstTs: event.ts,
        lastTs: event.ts,
      });
      return;
    }
    o.count++;
    o.epoch = epoch;
    o.lastTs = event.ts;
  }

  private reportOverflow(): void {
    for (const [, o] of this.overflow) {
      const now = Date.now();
      const status: StatusEvent = {
        type: 'status',
        exchange: o.sample.exchange,
        symbol: o.sample.symbol,
        nativeSymbol: o.sample.nativeSymbol,
        ts: now,
        localTs: now,
        state: 'gap',
        reason:
          `uploader overflow: ${o.count} events dropped on replica ${this.options.replica} ` +
          `(gate ${this.options.gateId}, ts ${o.firstTs}..${o.lastTs})`,
        gaps: [],
      };
      this.raw.write(status, o.epoch);
      this.status.write(status, o.epoch);
    }
    this.overflow.clear();
  }
}
