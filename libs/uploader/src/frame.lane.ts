import { CodecError, type FrameEncoder, type Replica } from '@feedgate/codec';
import { eventKey, type UnifiedEvent } from '@feedgate/core';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { FramePublisher, OutboundKind } from './frame.publisher';
import type { UploaderMetrics } from './uploader.metrics';

/** Epochs whose frame sequence a key remembers; older (dead) connections are forgotten. */
const EPOCHS_PER_KEY = 16;

/** The open frame of one key plus its frame sequences. */
class KeyBatch {
  events: UnifiedEvent[] = [];
  epoch = 0;
  /** Bumps on every flush, so a stale linger entry can tell it is stale. */
  gen = 0;
  /** Next frame sequence per connection epoch (insertion order = age). */
  readonly seqByEpoch = new Map<number, number>();

  constructor(readonly key: string) {}

  nextSeq(epoch: number): number {
    const seq = this.seqByEpoch.get(epoch) ?? 0;
    if (!this.seqByEpoch.has(epoch) && this.seqByEpoch.size >= EPOCHS_PER_KEY) {
      this.seqByEpoch.delete(this.seqByEpoch.keys().next().value as number);
    }
    this.seqByEpoch.set(epoch, seq + 1);
    return seq;
  }
}

interface LingerEntry {
  readonly batch: KeyBatch;
  readonly gen: number;
  readonly due: number;
}

export interface LaneSettings {
  readonly topic: string;
  readonly kind: OutboundKind;
  readonly gateId: string;
  readonly replica: Replica;
  readonly maxFrameEvents: number;
  readonly lingerMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * Batches events into frames per key (`exchange:symbol`) for one topic. A frame closes when
 * its key has `maxFrameEvents` events, when the encoder's byte limit splits it, when the next
 * event of the key comes from another connection epoch, or `lingerMs` after its first event.
 *
 * Frame sequence: per (key, connection epoch), from 0, contiguous. Frames of one key share a
 * Kafka partition, so a consumer sees each (key, epoch) sequence in order and a hole or a
 * repeat there is exactly what this replica lost or repeated on that connection.
 *
 * Linger uses one timer for the lane: open batches queue in the order they opened (= order
 * of their deadlines), the timer fires at the head's deadline.
 */
export class FrameLane {
  /** Events in open (not yet encoded) frames. */
  openEvents = 0;
  /**
   * exchange → symbol → batch: every event looks its batch up, and two lookups on the
   * event's own strings cost less than building the `exchange:symbol` key each time.
   */
  private readonly batches = new Map<string, Map<string, KeyBatch>>();
  /** Every batch in creation order (the order flushAll closes them). */
  private readonly order: KeyBatch[] = [];
  private linger: LingerEntry[] = [];
  private lingerHead = 0;
  private timer: Subscription | undefined;

  constructor(
    private readonly s: LaneSettings,
    private readonly encoder: FrameEncoder,
    /** Default-limit encoder for a single event larger than the frame limit. */
    private readonly bigEncoder: FrameEncoder,
    private readonly publisher: FramePublisher,
    private readonly metrics: UploaderMetrics,
  ) {}

  get keyCount(): number {
    return this.order.length;
  }

  write(event: UnifiedEvent, epoch: number): void {
    let bySymbol = this.batches.get(event.exchange);
    if (!bySymbol) this.batches.set(event.exchange, (bySymbol = new Map()));
    let b = bySymbol.get(event.symbol);
    if (!b) {
      bySymbol.set(event.symbol, (b = new KeyBatch(eventKey(event))));
      this.order.push(b);
    }
    if (b.events.length > 0 && b.epoch !== epoch) this.flushBatch(b);
    if (b.events.length === 0) {
      b.epoch = epoch;
      if (this.s.lingerMs > 0) this.schedule(b);
    }
    b.events.push(event);
    this.openEvents++;
    if (b.events.length >= this.s.maxFrameEvents || this.s.lingerMs === 0) this.flushBatch(b);
  }

  /** Encodes every open frame now (shutdown, explicit flush). */
  flushAll(): void {
    for (const b of this.order) if (b.events.length > 0) this.flushBatch(b);
    this.timer?.unsubscribe();
    this.timer = undefined;
    this.linger = [];
    this.lingerHead = 0;
  }

  /** Stops the linger timer (after flushAll on close). */
  dispose(): void {
    this.timer?.unsubscribe();
    this.timer = undefined;
  }

  private schedule(b: KeyBatch): void {
    this.linger.push({ batch: b, gen: b.gen, due: this.s.scheduler.now() + this.s.lingerMs });
    if (!this.timer) this.arm();
  }

  private arm(): void {
    const head = this.linger[this.lingerHead];
    if (!head) {
      this.linger = [];
      this.lingerHead = 0;
      return;
    }
    const delay = Math.max(0, head.due - this.s.scheduler.now());
    this.timer = this.s.scheduler.schedule(() => this.onTimer(), delay);
  }

  private onTimer(): void {
    this.timer = undefined;
    const now = this.s.scheduler.now();
    while (this.lingerHead < this.linger.length) {
      const e = this.linger[this.lingerHead];
      if (e.due > now) break;
      this.lingerHead++;
      if (e.gen === e.batch.gen && e.batch.events.length > 0) this.flushBatch(e.batch);
    }
    if (this.lingerHead > 1024 && this.lingerHead * 2 > this.linger.length) {
      this.linger = this.linger.slice(this.lingerHead);
      this.lingerHead = 0;
    }
    this.arm();
  }

  private flushBatch(b: KeyBatch): void {
    const events = b.events;
    b.events = [];
    b.gen++;
    this.openEvents -= events.length;
    let i = 0;
    while (i < events.length) {
      const header = {
        gateId: this.s.gateId,
        replica: this.s.replica,
        epoch: b.epoch,
        frameSeq: b.seqByEpoch.get(b.epoch) ?? 0,
        firstEventTime: events[i].ts,
      };
      this.encoder.begin(header);
      let n = 0;
      for (; i < events.length; i++) {
        try {
          this.encoder.add(events[i]);
          n++;
        } catch (err) {
          if (!isSizeLimit(err)) {
            this.metrics.encodeErrors++;
            continue;
          }
          if (n > 0) break; // close this frame; the event opens the next one
          // Alone it is still too large: abandon the empty frame (its sequence number is
          // not used) and send the event in a frame of its own.
          this.encoder.abort();
          this.emitAlone(b, events[i]);
          i++;
          break;
        }
      }
      if (n === 0) {
        this.encoder.abort();
        continue;
      }
      b.nextSeq(b.epoch);
      this.emit(b.key, this.encoder.finish(), n);
    }
  }

  /** One event too large for the configured frame size still goes out, in a frame of its own. */
  private emitAlone(b: KeyBatch, event: UnifiedEvent): void {
    try {
      const buf = this.bigEncoder.encode(
        {
          gateId: this.s.gateId,
          replica: this.s.replica,
          epoch: b.epoch,
          frameSeq: b.seqByEpoch.get(b.epoch) ?? 0,
          firstEventTime: event.ts,
        },
        [event],
      );
      b.nextSeq(b.epoch);
      this.emit(b.key, buf, 1);
    } catch {
      this.metrics.encodeErrors++;
    }
  }

  private emit(key: string, value: Buffer, events: number): void {
    this.publisher.enqueue({
      topic: this.s.topic,
      kind: this.s.kind,
      events,
      record: { key, value },
    });
  }
}

function isSizeLimit(err: unknown): boolean {
  return (
    err instanceof CodecError && (err.code === 'FRAME_TOO_LARGE' || err.code === 'LIMIT_EXCEEDED')
  );
}
