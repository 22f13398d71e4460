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

  it('reports bad times like epochMs', () => {
    expect(() => epochMsSpan('"12a4"', 1, 5, 'ms')).toThrow(/bad ms timestamp/);
    expect(() => epochMsSpan('"2021-04-17T16:43:37.Z"', 1, 23, 'iso')).toThrow(/bad iso/);
  });
});
