import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { EXACT_SUM_MAX_TERM, ExactSum } from './exact-sum';
import { seededRng } from '../testing/seeded.rng';

/** Applies the same term to an ExactSum and to a Decimal (the reference); both must agree. */
function both(sum: ExactSum, ref: Decimal, m: bigint, e: number): Decimal {
  if (m <= BigInt(EXACT_SUM_MAX_TERM) && m >= -BigInt(EXACT_SUM_MAX_TERM)) {
    sum.addNumber(Number(m), e);
  } else {
    sum.addBig(m, e);
  }
  return ref.add(Decimal.fromParts(m, e));
}

function expectSame(sum: ExactSum, ref: Decimal): void {
  const d = sum.toDecimal();
  expect([d.mantissa, d.exponent]).toEqual([ref.mantissa, ref.exponent]);
  expect(sum.isZero()).toBe(ref.isZero());
}

describe('ExactSum', () => {
  it('starts as Decimal.ZERO and takes the smaller exponent like Decimal.add', () => {
    const s = new ExactSum();
    expectSame(s, Decimal.ZERO);
    s.addNumber(15, -1); // 1.5
    s.addNumber(2, 0); // 2 at exponent 0 is scaled to 20e-1
    expect(s.toDecimal().toString()).toBe('3.5');
    s.addNumber(-35, -1);
    expect(s.toDecimal().toString()).toBe('0.0'); // the exponent stays, like Decimal.sub
    expect(s.isZero()).toBe(true);
    s.reset();
    expect(s.toDecimal().toString()).toBe('0');
    // A sum that starts at its first term keeps that term's exponent, like `first.add(…)`.
    s.reset(3);
    s.addNumber(1, 3);
    expect([s.toDecimal().mantissa, s.toDecimal().exponent]).toEqual([1n, 3]);
    s.addNumber(5, -1);
    expect(s.toDecimal().toString()).toBe('1000.5');
  });

  it('carries exactly past 2^53 and back (many large terms, then their removal)', () => {
    const s = new ExactSum();
    let ref = Decimal.ZERO;
    const terms: bigint[] = [];
    for (let i = 0; i < 5_000; i++) {
      const m = BigInt(EXACT_SUM_MAX_TERM - i * 7);
      terms.push(m);
      ref = both(s, ref, m, -8);
    }
    expect(ref.mantissa > 2n ** 60n).toBe(true);
    expectSame(s, ref);
    for (const m of terms) ref = both(s, ref, -m, -8);
    expectSame(s, ref);
    expect(ref.isZero()).toBe(true);
  });

  it('matches Decimal on a random mix of exponents, signs, sizes and bigint terms', () => {
    const r = seededRng(7);
    for (let run = 0; run < 20; run++) {
      const s = new ExactSum();
      let ref = Decimal.ZERO;
      for (let i = 0; i < 400; i++) {
        const size = r();
        let m =
          size < 0.6
            ? BigInt(Math.floor(r() * 1e9))
            : size < 0.9
              ? BigInt(Math.floor(r() * EXACT_SUM_MAX_TERM))
              : BigInt(Math.floor(r() * 1e15)) * 10n ** BigInt(Math.floor(r() * 30));
        if (r() < 0.4) m = -m;
        // Mostly the usual exponents, sometimes one that rescales the whole sum by a lot.
        const e = r() < 0.97 ? -Math.floor(r() * 10) : -Math.floor(r() * 40) + 5;
        ref = both(s, ref, m, e);
        expectSame(s, ref);
      }
    }
  });
});
