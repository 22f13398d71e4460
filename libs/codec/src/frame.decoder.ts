import { FeedgateError } from '@feedgate/core';
import { ByteReader } from './byte-reader';
import { CodecError } from './codec.error';
import { EventReader } from './event.reader';
import type { DecodedFrame, DecodedFrameHeader, Replica } from './frame-header';
import { resolveFrameLimits, type FrameLimits } from './frame-limits';
import * as W from './wire-format';

export interface FrameDecoderOptions {
  /** Tighter limits than FRAME_LIMITS (never looser). */
  readonly limits?: Partial<FrameLimits>;
}

/**
 * Decodes frames written by FrameEncoder. Trusts nothing: every malformed input yields a
 * CodecError with a stable code and the byte offset. Reuse one decoder per consumer loop; it
 * remembers recent string-table entries, so it is not shared between concurrent callers.
 */
export class FrameDecoder {
  private readonly limits: FrameLimits;
  private readonly r = new ByteReader();
  private readonly events: EventReader;

  constructor(options: FrameDecoderOptions = {}) {
    this.limits = resolveFrameLimits(options.limits);
    this.events = new EventReader(this.r, this.limits);
  }

  /** Reads only the header (cheap: no events are decoded). */
  decodeHeader(bytes: Uint8Array): DecodedFrameHeader {
    return this.guard(() => {
      this.start(bytes);
      return this.header();
    });
  }

  decode(bytes: Uint8Array): DecodedFrame {
    return this.guard(() => {
      this.start(bytes);
      const header = this.header();
      const r = this.r;
      const reader = this.events;
      reader.reset(W.timeBase(header.firstEventTime));
      const events = [];
      for (let i = 0; i < header.eventCount; i++) events.push(reader.read());
      if (r.pos !== r.end) r.fail('TRAILING_BYTES', `${r.end - r.pos} bytes after the last event`);
      return { header, events };
    });
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CodecError) throw err;
      // A core type refusing a decoded value (e.g. a Decimal out of range) is bad input too;
      // anything else is a codec bug, still surfaced as a CodecError so consumers never crash.
      const code = err instanceof FeedgateError ? 'BAD_VALUE' : 'INTERNAL';
      throw new CodecError(code, `cannot decode: ${(err as Error)?.message}`, this.r.pos, {
        cause: err,
      });
    }
  }

  private start(bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) {
      throw new CodecError('BAD_VALUE', 'a frame must be a Buffer or Uint8Array', 0);
    }
    if (bytes.byteLength > this.limits.maxFrameBytes) {
      throw new CodecError(
        'FRAME_TOO_LARGE',
        `frame of ${bytes.byteLength} bytes exceeds ${this.limits.maxFrameBytes}`,
        0,
      );
    }
    this.r.reset(bytes);
  }

  private header(): DecodedFrameHeader {
    const r = this.r;
    if (r.u8() !== W.MAGIC_0 || r.u8() !== W.MAGIC_1)
      r.fail('BAD_MAGIC', 'not a feedgate frame', 0);
    const version = r.u8();
    if (version !== W.FORMAT_VERSION) r.fail('BAD_VERSION', `unknown frame version ${version}`, 2);
    if (r.u8() !== 0) r.fail('BAD_VERSION', 'reserved frame flags set', 3);
    const gateId = r.str(this.limits.maxStringBytes);
    const replicaCode = r.u8();
    if (replicaCode !== 0x41 && replicaCode !== 0x42) {
      r.fail('BAD_VALUE', `bad replica byte ${replicaCode}`, r.pos - 1);
    }
    const replica: Replica = replicaCode === 0x41 ? 'A' : 'B';
    const epoch = r.uvarint();
    const frameSeq = r.uvarint();
    const firstEventTime = r.f64();
    const countAt = r.pos;
    const eventCount = r.u32();
    if (eventCount > this.limits.maxEventsPerFrame) {
      r.fail(
        'LIMIT_EXCEEDED',
        `${eventCount} events exceed ${this.limits.maxEventsPerFrame}`,
        countAt,
      );
    }
    if (eventCount * W.MIN_EVENT_BYTES > r.remaining()) {
      r.fail('TRUNCATED', `${eventCount} events cannot fit in ${r.remaining()} bytes`, countAt);
    }
    return { version, gateId, replica, epoch, frameSeq, firstEventTime, eventCount };
  }
}
