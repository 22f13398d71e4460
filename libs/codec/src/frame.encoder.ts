import { FeedgateError, type UnifiedEvent } from '@feedgate/core';
import { ByteWriter } from './byte-writer';
import { CodecError } from './codec.error';
import type { FrameHeader } from './frame-header';
import { resolveFrameLimits, type FrameLimits } from './frame-limits';
import { EventWriter } from './event.writer';
import * as W from './wire-format';

export interface FrameEncoderOptions {
  /** Tighter limits than FRAME_LIMITS (never looser). */
  readonly limits?: Partial<FrameLimits>;
  /** First buffer size; it doubles on demand up to limits.maxFrameBytes. */
  readonly initialBytes?: number;
}

/**
 * Writes frames (wire-format.ts) into one reusable buffer. Use `encode(header, events)`, or
 * `begin` / `add` / `finish` to batch by size (`byteLength`) as events arrive. Not re-entrant:
 * one encoder per producer loop.
 *
 * A failed `add` leaves the open frame exactly as it was before the call (the event is not in
 * it), so a producer can `finish` what it has and retry the event in a new frame; `finish`
 * never fails on size. A failed `encode` or `begin` abandons the frame.
 */
export class FrameEncoder {
  private readonly limits: FrameLimits;
  private readonly w: ByteWriter;
  private readonly events: EventWriter;
  private open = false;
  private count = 0;
  private countAt = 0;

  constructor(options: FrameEncoderOptions = {}) {
    this.limits = resolveFrameLimits(options.limits);
    this.w = new ByteWriter(this.limits.maxFrameBytes, options.initialBytes);
    this.events = new EventWriter(this.w, this.limits);
  }

  /** Encodes a whole frame; the returned Buffer is the caller's (a copy, not a view). */
  encode(header: FrameHeader, events: readonly UnifiedEvent[]): Buffer {
    this.begin(header);
    try {
      for (let i = 0; i < events.length; i++) this.add(events[i]);
    } catch (err) {
      this.abort();
      throw err;
    }
    return this.finish();
  }

  /** Bytes written so far in the open frame (header included). */
  get byteLength(): number {
    return this.open ? this.w.pos : 0;
  }

  get eventCount(): number {
    return this.count;
  }

  begin(header: FrameHeader): void {
    this.abort();
    this.guard(() => this.writeHeader(header));
    this.open = true;
  }

  add(event: UnifiedEvent): void {
    if (!this.open) throw new CodecError('BAD_STATE', 'add() before begin()');
    if (this.count >= this.limits.maxEventsPerFrame) {
      throw new CodecError('LIMIT_EXCEEDED', `more than ${this.limits.maxEventsPerFrame} events`);
    }
    const w = this.w;
    const pos = w.pos;
    const strings = this.events.stringCount;
    try {
      this.events.write(event);
      if (w.pos > this.limits.maxFrameBytes) {
        throw new CodecError(
          'FRAME_TOO_LARGE',
          `frame would exceed ${this.limits.maxFrameBytes} bytes`,
        );
      }
    } catch (err) {
      w.pos = pos;
      this.events.rollback(strings);
      throw FrameEncoder.wrap(err);
    }
    this.count++;
  }

  finish(): Buffer {
    if (!this.open) throw new CodecError('BAD_STATE', 'finish() before begin()');
    const w = this.w;
    w.u32At(this.countAt, this.count);
    const out = w.copyOut();
    this.abort();
    return out;
  }

  /** Drops the open frame, if any. */
  abort(): void {
    this.open = false;
    this.count = 0;
    this.w.pos = 0;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.abort();
      throw FrameEncoder.wrap(err);
    }
  }

  private static wrap(err: unknown): CodecError {
    if (err instanceof CodecError) return err;
    const code =
      err instanceof TypeError || err instanceof FeedgateError ? 'BAD_EVENT' : 'INTERNAL';
    return new CodecError(code, `cannot encode: ${(err as Error)?.message ?? String(err)}`, -1, {
      cause: err,
    });
  }

  private writeHeader(h: FrameHeader): void {
    const w = this.w;
    if (h.replica !== 'A' && h.replica !== 'B') {
      throw new CodecError('BAD_EVENT', `replica must be 'A' or 'B', got ${String(h.replica)}`);
    }
    for (const [name, v] of [
      ['epoch', h.epoch],
      ['frameSeq', h.frameSeq],
    ] as const) {
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new CodecError('BAD_EVENT', `${name} must be a non-negative safe integer`);
      }
    }
    if (typeof h.firstEventTime !== 'number') {
      throw new CodecError('BAD_EVENT', 'firstEventTime must be a number');
    }
    w.u8(W.MAGIC_0);
    w.u8(W.MAGIC_1);
    w.u8(W.FORMAT_VERSION);
    w.u8(0);
    w.str(h.gateId, this.limits.maxStringBytes);
    w.u8(h.replica.charCodeAt(0));
    w.uvarint(h.epoch);
    w.uvarint(h.frameSeq);
    w.f64(h.firstEventTime);
    this.events.reset(W.timeBase(h.firstEventTime));
    this.countAt = w.pos;
    w.ensure(4);
    w.pos += 4;
    if (w.pos > this.limits.maxFrameBytes) {
      throw new CodecError('FRAME_TOO_LARGE', `header exceeds ${this.limits.maxFrameBytes} bytes`);
    }
  }
}
