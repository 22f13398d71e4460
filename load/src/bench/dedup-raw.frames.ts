import type { BusRecord } from '@feedgate/bus';
import { FrameEncoder, type Replica } from '@feedgate/codec';
import { eventKey, type TradeEvent } from '@feedgate/core';

/**
 * md.raw records as the two replicas' gates write them (libs/uploader FrameLane): per key
 * (`exchange:symbol`), frames of up to `eventsPerFrame` events with a header naming the gate,
 * the replica, the connection epoch and a frame sequence counted per (key, epoch) from 0.
 * Both replicas frame the same events; B's frame of a batch is written `lagFrames` frames after
 * A's, so the partition interleaves A and B the way two live connections do.
 */
export class DedupRawFrames {
  private readonly encoder = new FrameEncoder({ limits: { maxFrameBytes: 64 * 1024 } });
  private readonly open = new Map<string, TradeEvent[]>();
  private readonly seqs = new Map<string, number>();
  private readonly laggingB: BusRecord[] = [];
  /** Records ready to publish, in order. */
  private out: BusRecord[] = [];
  frames = 0;
  events = 0;

  constructor(
    private readonly eventsPerFrame: number,
    private readonly lagFrames: number,
    private readonly epoch: number,
  ) {}

  /** Adds distinct events (each becomes one A copy and one B copy). */
  add(events: readonly TradeEvent[]): void {
    for (const e of events) {
      const key = eventKey(e);
      let list = this.open.get(key);
      if (list === undefined) this.open.set(key, (list = []));
      list.push(e);
      if (list.length >= this.eventsPerFrame) this.close(key, list);
    }
  }

  /** Closes every open frame and releases the lagging B frames (end of the stream). */
  finish(): void {
    for (const [key, list] of this.open) if (list.length > 0) this.close(key, list);
    this.out.push(...this.laggingB.splice(0));
  }

  /** Takes the records built so far. */
  take(): BusRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  private close(key: string, list: TradeEvent[]): void {
    this.out.push(this.record('A', key, list));
    this.laggingB.push(this.record('B', key, list));
    if (this.laggingB.length > this.lagFrames) this.out.push(this.laggingB.shift() as BusRecord);
    this.open.set(key, []);
  }

  private record(replica: Replica, key: string, events: readonly TradeEvent[]): BusRecord {
    const id = `${key}|${replica}`;
    const frameSeq = this.seqs.get(id) ?? 0;
    this.seqs.set(id, frameSeq + 1);
    const value = this.encoder.encode(
      {
        gateId: `bench-gate-${replica.toLowerCase()}`,
        replica,
        epoch: this.epoch,
        frameSeq,
        firstEventTime: events[0].ts,
      },
      events,
    );
    this.frames++;
    this.events += events.length;
    return { key, value };
  }
}
