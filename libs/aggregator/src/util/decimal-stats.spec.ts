import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { approxOf, decimalMedian, valueKeyOf } from './decimal-stats';
import { seededRng } from '../testing/seeded.rng';

/** Pairs of decimals that are often equal in value, adjacent, or differ only in the 15th digit. */
function pair(r: () => number): [Decimal, Decimal] {
  const digits = 1 + Math.floor(r() * 16); // up to 16 digits: past the key's 15
  const m = BigInt(Math.floor(r() * 10 ** Math.min(digits, 15))) * (digits > 15 ? 10n : 1n);
  const e = Math.floor(r() * 50) - 25;
  const a = Decimal.fromParts(r() < 0.5 ? m : -m, e);
  const pick = r();
  const b =
    pick < 0.3
      ? Decimal.fromParts(a.mantissa * 100n, e - 2) // same value, other spelling
      : pick < 0.6
        ? Decimal.fromParts(a.mantissa + (r() < 0.5 ? 1n : -1n), e) // one unit apart
        : Decimal.fromParts(BigInt(Math.floor(r() * 1e9)), Math.floor(r() * 20) - 10);
  return [a, b];
}

describe('decimal order keys', () => {
  it('approxOf never contradicts the exact order, and equal keys mean equal values', () => {
    const r = seededRng(5);
    let decided = 0;
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = pair(r);
      const ka = approxOf(a);
      const kb = approxOf(b);
      const c = a.compare(b);
      if (ka < kb) expect(c).toBe(-1);
      if (ka > kb) expect(c).toBe(1);
      if (ka === kb) expect(c).toBe(0);
      if (!Number.isNaN(ka) && !Number.isNaN(kb)) decided++;
    }
    expect(decided).toBeGreaterThan(10_000); // the keys do settle most comparisons
  });

  it('valueKeyOf is the same for every spelling of a value, and differs between values', () => {
    const r = seededRng(9);
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = pair(r);
      const ka = valueKeyOf(a);
      const kb = valueKeyOf(b);
      if (a.eq(b)) expect(Object.is(ka, kb) || (ka === 0 && kb === 0)).toBe(true);
      else if (!Number.isNaN(ka)) expect(ka).not.toBe(kb);
    }
    expect(valueKeyOf(Decimal.parse('1.50'))).toBe(valueKeyOf(Decimal.parse('1.5')));
    // 10^25 has no key in any spelling (exponent 25 once normalized), even where approxOf has one.
    expect(valueKeyOf(Decimal.fromParts(1000n, 22))).toBeNaN();
    expect(approxOf(Decimal.fromParts(1000n, 22))).toBe(1e25);
  });

  it('decimalMedian: middle value, or the exact mean of the two middle ones', () => {
    const d = (s: string) => Decimal.parse(s);
    expect(decimalMedian([])).toBeNull();
    expect(decimalMedian([d('3'), d('1'), d('2')])!.toString()).toBe('2');
    expect(decimalMedian([d('1.1'), d('4'), d('1.2'), d('9')])!.toString()).toBe('2.60');
  });
});
