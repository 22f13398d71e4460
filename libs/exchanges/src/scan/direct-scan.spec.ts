import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { byteDecimal, byteOptDecimal, byteText, byteTs } from './direct-scan';
import { FRAME_BYTES, byteStringEnd, byteValueEnd, loadFrameBytes } from './frame-bytes';
import { epochMsSpan } from './time-span';
import type { TsUnit } from './time-text';

const texts = [
  '0.00426990',
  '33.82000000',
  '0',
  '4714.0',
  '9.2E-7',
  '-1.5',
  '00.10',
  '123456789012345',
  '1234567890123456',
  '12345678901234.5',
  '1e3',
  '999999999999999',
  '0.000000000000001',
];

/** `t` loaded into FRAME_BYTES (what a direct path does first); returns it for chaining. */
const load = (t: string): string => {
  expect(loadFrameBytes(t)).toBe(true);
  return t;
};

/** The value of `f`, or its error's text: readers must fail exactly as the text readers do. */
const outcome = (f: () => number): unknown => {
  try {
    return f();
  } catch (err) {
    return String(err);
  }
};

describe('direct-scan', () => {
  it.each(texts)('reads %s exactly as Decimal.parse, quoted and bare', (x) => {
    const d = Decimal.parse(x);
    for (const raw of [`"${x}"`, x]) {
      const t = load(`{"p":${raw},"q":1}`);
      const r = byteDecimal(t, 5, 5 + raw.length);
      expect([r.mantissa, r.exponent]).toEqual([d.mantissa, d.exponent]);
    }
  });

  it('reads mantissas of every size up to 15 digits exactly (small ones and large doubles)', () => {
    let seed = 3;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 5_000; k++) {
      const digits = Array.from({ length: 1 + rnd(15) }, () => rnd(10)).join('');
      const dot = rnd(digits.length + 1);
      const x =
        dot > 0 && dot < digits.length ? `${digits.slice(0, dot)}.${digits.slice(dot)}` : digits;
      if (x.length > 15) continue;
      const t = load(`"${x}"`);
      const r = byteDecimal(t, 0, t.length);
      const d = Decimal.parse(x);
      expect([r.mantissa, r.exponent], x).toEqual([d.mantissa, d.exponent]);
    }
  });

  it.each(['5.', '.5', '', '1.2.3', '-', '1-2', '+1', 'abc'])('rejects %j', (x) => {
    const t = load(`"${x}"`);
    expect(() => byteDecimal(t, 0, t.length)).toThrow();
  });

  it('reads null as the fallback of an optional decimal', () => {
    const t = load('{"a":null}');
    expect(byteOptDecimal(t, 5, 9, Decimal.ONE)).toBe(Decimal.ONE);
  });

  it.each<[string, TsUnit]>([
    ['1554076800940', 'ms'],
    ['1618678142557535', 'us'],
    ['1618678142.557535', 's'],
    ['1618678142', 's'],
    ['1618678142.557535123456789', 's'],
    ['1618678142.', 's'],
    ['16186781x2.5', 's'],
    ['2021-04-17T16:43:37.089723Z', 'iso'],
    ['2021-04-17T16:43:37Z', 'iso'],
    ['2021-04-17T16:43:37.089+02:00', 'iso'],
    ['2021-13-17T16:43:37Z', 'iso'],
    ['0050-01-01T00:00:00Z', 'iso'],
    ['1646003667792123456', 'ns'],
    ['12a4', 'ms'],
  ])('reads the time %s (%s) as epochMsSpan does, quoted and bare', (x, unit) => {
    const t = load(`{"x":"${x}","y":${x}}`);
    const want = outcome(() => epochMsSpan(t, 6, 6 + x.length, unit));
    expect(outcome(() => byteTs(t, 5, 7 + x.length, unit))).toEqual(want);
    const y = t.indexOf('"y":') + 4;
    expect(outcome(() => byteTs(t, y, y + x.length, unit))).toEqual(want);
  });

  it('reads ISO times of changing dates as epochMsSpan does (the cached date follows)', () => {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    let seed = 11;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 5_000; k++) {
      // runs of one date, as a feed sends them, then another
      const day = k >> 3;
      const [y, mo, d] = [1900 + (day % 300), (day % 12) + 1, (day % 31) + 1];
      const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(rnd(24), 2)}:${pad(rnd(60), 2)}:${pad(rnd(60), 2)}.${pad(rnd(1e6), 6)}Z`;
      const t = load(`"${text}"`);
      expect(byteTs(t, 0, t.length, 'iso')).toBe(epochMsSpan(t, 1, t.length - 1, 'iso'));
    }
  });

  it('finds value ends and reads text in place', () => {
    const t = load('{"a":"x y","b":-12.5e3,"c":{"d":[1,"]"]},"e":true,"f":"a\\"b"}');
    expect(byteStringEnd(5)).toBe(10);
    expect(byteValueEnd(15)).toBe(22);
    expect(byteValueEnd(27)).toBe(40);
    expect(byteValueEnd(45)).toBe(49);
    expect(byteStringEnd(54)).toBe(-1); // an escape: the general path's
    expect(byteText(t, 5, 10)).toBe('x y');
    expect(byteText(t, 15, 22)).toBe('-12.5e3');
  });

  it('loads only ASCII frames that fit, with a zero byte after the last one', () => {
    expect(loadFrameBytes('{"s":"é"}')).toBe(false);
    expect(loadFrameBytes('"' + 'x'.repeat(FRAME_BYTES.length) + '"')).toBe(false);
    load('{"a":"unterminated');
    expect(FRAME_BYTES[18]).toBe(0);
    expect(byteStringEnd(5)).toBe(-1);
  });
});
