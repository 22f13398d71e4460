import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { scalarEnd, spanDecimal, spanIs, spanText, valueEnd } from './direct-scan';

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

describe('direct-scan', () => {
  it.each(texts)('reads %s exactly as Decimal.parse, quoted and bare', (x) => {
    const d = Decimal.parse(x);
    for (const raw of [`"${x}"`, x]) {
      const t = `{"p":${raw},"q":1}`;
      const r = spanDecimal(t, 5, 5 + raw.length);
      expect([r.mantissa, r.exponent]).toEqual([d.mantissa, d.exponent]);
    }
  });

  it.each(['5.', '.5', '', '1.2.3', '-', '1-2', '+1', 'abc'])('rejects %j', (x) => {
    const t = `"${x}"`;
    expect(() => spanDecimal(t, 0, t.length)).toThrow();
  });

  it('finds value ends and compares text in place', () => {
    const t = '{"a":"x y","b":-12.5e3,"c":{"d":[1,"]"]},"e":true}';
    expect(scalarEnd(t, 5)).toBe(10);
    expect(scalarEnd(t, 15)).toBe(22);
    expect(scalarEnd(t, 27)).toBe(-1);
    expect(valueEnd(t, 27)).toBe(40);
    expect(spanText(t, 5, 10)).toBe('x y');
    expect(spanIs(t, 45, 49, 'true')).toBe(true);
    expect(spanIs(t, 45, 49, 'tru')).toBe(false);
  });
});
