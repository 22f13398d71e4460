import { Decimal } from '@feedgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumDigits, decimalText } from './decimal-text';

const viaDecimal = (units: number, exponent: number): string =>
  Decimal.fromParts(BigInt(units), exponent).toString();

describe('decimalText', () => {
  it('prints exactly what Decimal prints for any safe integer and exponent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1_000_000, max: 1_000_000 })),
        fc.integer({ min: -20, max: 20 }),
        (units, exponent) => {
          expect(decimalText(units, exponent)).toBe(viaDecimal(units, exponent));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('keeps the edge cases: zero, padding, trailing zeros, sign, -0', () => {
    expect(decimalText(0, -5)).toBe('0.00000');
    expect(decimalText(5, -3)).toBe('0.005');
    expect(decimalText(1000, -2)).toBe('10.00');
    expect(decimalText(-7, -2)).toBe('-0.07');
    expect(decimalText(-0, -2)).toBe('0.00');
    expect(decimalText(12, 3)).toBe('12000');
    expect(decimalText(0, 3)).toBe('0');
    expect(decimalText(Number.MAX_SAFE_INTEGER, -4)).toBe(viaDecimal(Number.MAX_SAFE_INTEGER, -4));
  });

  it('leaves unsafe integers and out-of-range exponents to Decimal (same text or same error)', () => {
    expect(decimalText(2 ** 60, -3)).toBe(viaDecimal(2 ** 60, -3));
    expect(decimalText(7, -150)).toBe(viaDecimal(7, -150));
    expect(() => decimalText(1.5, -2)).toThrow();
    expect(() => decimalText(1, 0.5)).toThrow();
  });
});

describe('checksumDigits', () => {
  it('is the decimal text without its point and leading zeros', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: -8, max: 4 }),
        (units, exponent) => {
          const text = viaDecimal(units, exponent).replace('.', '').replace(/^0+/, '');
          expect(checksumDigits(units, exponent)).toBe(text);
        },
      ),
      { numRuns: 5_000 },
    );
    expect(checksumDigits(0, -4)).toBe('');
    expect(checksumDigits(123, -4)).toBe('123');
    expect(checksumDigits(-123, -4)).toBe('-00123');
  });
});
