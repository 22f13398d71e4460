import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader';
import { ByteWriter } from './byte-writer';
import { CodecError } from './codec.error';
import { ESCAPE } from './wire-format';
import { timeArb } from './event.arbitrary';

function roundTrip<T>(write: (w: ByteWriter) => void, read: (r: ByteReader) => T): [T, Buffer] {
  const w = new ByteWriter(1 << 20, 16);
  write(w);
  const bytes = w.copyOut();
  const r = new ByteReader();
  r.reset(bytes);
  const value = read(r);
  expect(r.pos).toBe(bytes.length);
  return [value, bytes];
}

describe('wire primitives', () => {
  it('uvarint round-trips every safe non-negative integer, at most 8 bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(300), fc.maxSafeNat()), (n) => {
        const [v, bytes] = roundTrip(
          (w) => w.uvarint(n),
          (r) => r.uvarint(),
        );
        expect(v).toBe(n);
        expect(bytes.length).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('snum round-trips every safe integer and never starts with the ESCAPE byte', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -200, max: 200 }), fc.maxSafeInteger()), (n) => {
        const [v, bytes] = roundTrip(
          (w) => w.snum(n),
          (r) => r.snum(),
        );
        expect(Object.is(v, n === 0 ? 0 : n)).toBe(true);
        expect(bytes[0]).not.toBe(ESCAPE);
        expect(bytes.length).toBeLessThanOrEqual(8);
      }),
    );
    expect(
      roundTrip(
        (w) => w.snum(-64),
        (r) => r.snum(),
      )[1],
    ).toEqual(Buffer.from([0x81, 0x01]));
  });

  it('zigzag32 round-trips the whole int32 range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
        expect(
          roundTrip(
            (w) => w.zigzag32(n),
            (r) => r.zigzag32(),
          )[0],
        ).toBe(n);
      }),
    );
  });

  it('time and num are bit-exact for every double, against any base', () => {
    fc.assert(
      fc.property(timeArb, timeArb, (t, first) => {
        const base = Math.floor(first);
        const safeBase = Number.isSafeInteger(base * 1000) ? base : 0;
        expect(
          Object.is(
            roundTrip(
              (w) => w.time(t, safeBase),
              (r) => r.time(safeBase),
            )[0],
            t,
          ),
        ).toBe(true);
        expect(
          Object.is(
            roundTrip(
              (w) => w.num(t),
              (r) => r.num(),
            )[0],
            t,
          ),
        ).toBe(true);
      }),
    );
  });

  it('whole and whole-µs times near the base take 1-4 bytes instead of 9', () => {
    const base = 1_700_000_000_000;
    expect(
      roundTrip(
        (w) => w.time(base + 5, base),
        (r) => r.time(base),
      )[1].length,
    ).toBe(1);
    const [t, bytes] = roundTrip(
      (w) => w.time(base + 12.345, base),
      (r) => r.time(base),
    );
    expect(t).toBe(base + 12.345);
    expect(bytes.length).toBeLessThanOrEqual(3);
    expect(
      roundTrip(
        (w) => w.time(-0, 0),
        (r) => r.time(0),
      )[1].length,
    ).toBe(9);
  });

  it('strings and id strings round-trip, digits travel as numbers', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{1,20}$/)),
        (s) => {
          expect(
            roundTrip(
              (w) => w.str(s, 1 << 16),
              (r) => r.str(1 << 16),
            )[0],
          ).toBe(s);
          expect(
            roundTrip(
              (w) => w.idstr(s, 1 << 16),
              (r) => r.idstr(1 << 16),
            )[0],
          ).toBe(s);
        },
      ),
    );
    expect(
      roundTrip(
        (w) => w.idstr('123456789012345', 99),
        (r) => r.idstr(99),
      )[1].length,
    ).toBe(7);
  });

  it('reads past the end are TRUNCATED, over-long varints VARINT_TOO_LONG', () => {
    const r = new ByteReader();
    r.reset(Buffer.from([0x80, 0x80]));
    expect(() => r.uvarint()).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
    r.reset(Buffer.alloc(12, 0xff));
    expect(() => r.uvarint()).toThrow(expect.objectContaining({ code: 'VARINT_TOO_LONG' }));
    r.reset(Buffer.alloc(12, 0xff));
    expect(() => r.snum()).toThrow(CodecError);
    r.reset(Buffer.from([0x04, 0x41]));
    expect(() => r.str(100)).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
  });
});
