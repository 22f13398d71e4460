import { describe, expect, it } from 'vitest';
import { epochMsSpan } from './time-span';
import { epochMs, type TsUnit } from './time-text';

const cases: Array<[string, TsUnit]> = [
  ['1554076800940', 'ms'],
  ['0', 'ms'],
  ['1618678142557535', 'us'],
  ['1618678142.557535', 's'],
  ['1618678142.5', 's'],
  ['1618678142', 's'],
  ['1618678142.557535123456789', 's'],
  ['2021-04-17T16:43:37.089723Z', 'iso'],
  ['2021-04-17T16:43:37Z', 'iso'],
  ['2021-04-17T16:43:37.1Z', 'iso'],
  ['2021-04-17T16:43:37.089+02:00', 'iso'],
  ['1646003667792123456', 'ns'],
];

describe('epochMsSpan', () => {
  it.each(cases)('reads %s (%s) bit-identically to epochMs, inside a larger text', (text, unit) => {
    const t = `{"x":"${text}"}`;
    expect(epochMsSpan(t, 6, 6 + text.length, unit)).toBe(epochMs(text, unit));
  });

  it('reads ISO dates without Date.UTC exactly as Date.UTC does (leap years, rollover)', () => {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 20_000; k++) {
      const [y, mo, d] = [rnd(9900) + 100, rnd(12) + 1, rnd(31) + 1];
      const [h, mi, s] = [rnd(24), rnd(60), rnd(60)];
      const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}Z`;
      expect(epochMsSpan(text, 0, text.length, 'iso')).toBe(Date.UTC(y, mo - 1, d, h, mi, s));
    }
    for (const text of ['2024-02-29T00:00:00Z', '2100-02-29T23:59:59Z', '0050-01-01T00:00:00Z'])
      expect(epochMsSpan(text, 0, text.length, 'iso')).toBe(epochMs(text, 'iso'));
  });

  it('reports bad times like epochMs', () => {
    expect(() => epochMsSpan('"12a4"', 1, 5, 'ms')).toThrow(/bad ms timestamp/);
    expect(() => epochMsSpan('"2021-04-17T16:43:37.Z"', 1, 23, 'iso')).toThrow(/bad iso/);
  });
});
