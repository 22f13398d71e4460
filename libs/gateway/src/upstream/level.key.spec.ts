import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '@feedgate/core';
import { levelKey } from './level.key';

const mantissa = fc.oneof(
  fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
  fc.bigInt({ min: -(10n ** 15n) - 5n, max: 10n ** 15n + 5n }),
  fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const exponent = fc.oneof(fc.integer({ min: -25, max: 25 }), fc.integer({ min: -400, max: 400 }));
/** The same value written with `zeros` more trailing zeros. */
const padded = (d: Decimal, zeros: number): Decimal =>
  Decimal.fromParts(d.mantissa * 10n ** BigInt(zeros), d.exponent - zeros);

describe('levelKey', () => {
  it('is the same key for the same price in any representation', () => {
    fc.assert(
      fc.property(mantissa, exponent, fc.integer({ min: 0, max: 30 }), (m, e, zeros) => {
        const d = Decimal.fromParts(m, e);
        expect(levelKey(padded(d, zeros))).toBe(levelKey(d));
        expect(levelKey(d.normalize())).toBe(levelKey(d));
      }),
      { numRuns: 5000 },
    );
  });

  it('is a different key for different prices, even one unit apart at 15–17 digits', () => {
    fc.assert(
      fc.property(mantissa, exponent, mantissa, exponent, (m1, e1, m2, e2) => {
        const a = Decimal.fromParts(m1, e1);
        const b = Decimal.fromParts(m2, e2);
        expect(levelKey(a) === levelKey(b)).toBe(a.eq(b));
        const next = Decimal.fromParts(m1 + 1n, e1);
        expect(levelKey(next)).not.toBe(levelKey(a));
      }),
      { numRuns: 5000 },
    );
    const near = ['999999999999999', '1000000000000000', '1000000000000001', '9007199254740993'];
    const keys = near.flatMap((s) => [s, `0.${s}`, `${s}e-22`, `${s}e22`]).map(Decimal.parse);
    expect(new Set(keys.map(levelKey)).size).toBe(keys.length);
  });

  it('uses numbers for ordinary prices and canonical text beyond 15 digits', () => {
    expect(levelKey(Decimal.parse('65000.10'))).toBe(65000.1);
    expect(levelKey(Decimal.parse('0'))).toBe(0);
    expect(levelKey(Decimal.parse('0.000'))).toBe(0);
    expect(levelKey(Decimal.parse('1234567890.1234567'))).toBe('1234567890.1234567');
    expect(levelKey(Decimal.fromParts(10n ** 40n, -40))).toBe(1);
  });
});
