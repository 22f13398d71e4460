import fc from 'fast-check';
import { Decimal, type UnifiedEvent } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { CodecError } from './codec.error';
import { eventArb, headerArb } from './event.arbitrary';
import { FrameDecoder } from './frame.decoder';
import { FrameEncoder } from './frame.encoder';

const decoder = new FrameDecoder();
const encoder = new FrameEncoder();

/** Decoding must return or throw a CodecError (never an internal one), and nothing else. */
function decodeSafely(bytes: Uint8Array): void {
  try {
    decoder.decode(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(CodecError);
    expect((err as CodecError).code).not.toBe('INTERNAL');
  }
}

function codeOf(bytes: Uint8Array): string {
  try {
    decoder.decode(bytes);
  } catch (err) {
    if (err instanceof CodecError) return err.code;
    throw err;
  }
  return 'OK';
}

const frameArb = fc
  .tuple(headerArb, fc.array(eventArb, { minLength: 1, maxLength: 6 }))
  .map(([h, events]) => encoder.encode(h, events));

const header = { gateId: 'g', replica: 'A' as const, epoch: 1, frameSeq: 1, firstEventTime: 1000 };
const base = { exchange: 'x', symbol: 'S', nativeSymbol: 's', ts: 1000, localTs: 1000 };
const D = Decimal.parse;
const trade: UnifiedEvent = {
  type: 'trade',
  ...base,
  id: 'ab',
  price: D('1'),
  amount: D('2'),
  side: 'buy',
};
const valid = encoder.encode(header, [trade]);
/** Offset of the first event: magic..count = 4 + 2 (gateId) + 1 + 1 + 1 + 8 + 4. */
const EVENT_AT = 21;

describe('FrameDecoder on hostile input', () => {
  it('random bytes decode or throw CodecError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), decodeSafely), { numRuns: 2000 });
    // Random bytes behind a valid preamble reach the deeper parsers.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) =>
        decodeSafely(Buffer.concat([valid.subarray(0, 4), tail])),
      ),
      { numRuns: 2000 },
    );
  });

  it('every truncation of a valid frame throws TRUNCATED', () => {
    fc.assert(
      fc.property(frameArb, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (frame, cuts) => {
        for (const cut of cuts)
          expect(codeOf(frame.subarray(0, cut % frame.length))).toBe('TRUNCATED');
      }),
      { numRuns: 200 },
    );
    // Exhaustively, for one small frame of every type.
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 1 }), (events) => {
        const frame = encoder.encode(header, events);
        if (frame.length > 2000) return;
        for (let n = 0; n < frame.length; n++)
          expect(codeOf(frame.subarray(0, n))).toBe('TRUNCATED');
      }),
      { numRuns: 30 },
    );
  });

  it('random mutations of valid frames decode or throw CodecError', () => {
    const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(frameArb, mutation, (frame, edits) => {
        const bytes = Buffer.from(frame);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        decodeSafely(bytes);
        decodeSafely(bytes.subarray(0, bytes.length >> 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('names what is wrong', () => {
    const edit = (at: number, ...values: number[]): Buffer => {
      const b = Buffer.from(valid);
      values.forEach((v, i) => (b[at + i] = v));
      return b;
    };
    expect(codeOf(valid)).toBe('OK');
    expect(codeOf(Buffer.alloc(0))).toBe('TRUNCATED');
    expect(codeOf(edit(0, 0x7b))).toBe('BAD_MAGIC');
    expect(codeOf(edit(2, 9))).toBe('BAD_VERSION');
    expect(codeOf(edit(6, 0x43))).toBe('BAD_VALUE'); // replica 'C'
    expect(codeOf(edit(EVENT_AT, 99))).toBe('BAD_TYPE');
    expect(codeOf(edit(EVENT_AT + 1, 5))).toBe('BAD_STRING_REF');
    expect(codeOf(edit(17, 0xff, 0xff, 0xff, 0x7f))).toBe('LIMIT_EXCEEDED'); // event count
    expect(codeOf(edit(17, 50))).toBe('TRUNCATED'); // 50 events cannot fit
    expect(codeOf(Buffer.concat([valid, Buffer.from([0])]))).toBe('TRAILING_BYTES');
    expect(codeOf(Buffer.concat([valid.subarray(0, 7), Buffer.alloc(10, 0xff)]))).toBe(
      'VARINT_TOO_LONG',
    );
    // gateId length byte claiming more bytes than the frame has.
    expect(codeOf(edit(4, 0x7f))).toBe('TRUNCATED');
  });

  it('rejects huge counts at the count, before reading or allocating anything', () => {
    const book: UnifiedEvent = {
      type: 'book',
      ...base,
      snapshot: true,
      bids: [],
      asks: [],
      seq: null,
    };
    const frame = Buffer.from(encoder.encode(header, [book]));
    const countAt = frame.length - 2; // bids count, then asks count
    const withCounts = (...bytes: number[]): Buffer =>
      Buffer.concat([frame.subarray(0, countAt), Buffer.from(bytes)]);
    // 19,999 levels: within the limit, but 4 bytes cannot hold them.
    expect(() => decoder.decode(withCounts(0x9f, 0x9c, 0x01, 0))).toThrow(
      expect.objectContaining({ code: 'TRUNCATED', offset: countAt }),
    );
    expect(() => decoder.decode(withCounts(0xff, 0xff, 0x7f, 0))).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', offset: countAt }),
    );
  });

  it('refuses input larger than the frame limit without reading it', () => {
    const small = new FrameDecoder({ limits: { maxFrameBytes: 10 } });
    expect(() => small.decode(valid)).toThrow(expect.objectContaining({ code: 'FRAME_TOO_LARGE' }));
  });
});
