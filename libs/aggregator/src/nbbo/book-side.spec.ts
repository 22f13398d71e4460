import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { BookSide } from './book-side';
import { seededRng } from '../testing/seeded.rng';

/** A side kept the obvious way: a list re-sorted with the exact compare after every change. */
function referenceSet(levels: { price: Decimal; amount: Decimal }[], dir: 1 | -1, max: number) {
  return (price: Decimal, amount: Decimal) => {
    if (price.sign() <= 0 || amount.sign() < 0) return;
    const at = levels.findIndex((l) => l.price.eq(price));
    if (amount.isZero()) {
      if (at >= 0) levels.splice(at, 1);
      return;
    }
    if (at >= 0) levels[at] = { price, amount };
    else {
      levels.push({ price, amount });
      levels.sort((a, b) => b.price.compare(a.price) * dir);
      if (levels.length > max) levels.pop(); // the worst, possibly the one just added
    }
  };
}

describe('BookSide', () => {
  it('matches an exactly sorted list through updates, deletes and evictions', () => {
    const r = seededRng(17);
    for (const dir of [1, -1] as const) {
      const side = new BookSide(dir, 25);
      const ref: { price: Decimal; amount: Decimal }[] = [];
      const set = referenceSet(ref, dir, 25);
      for (let i = 0; i < 20_000; i++) {
        const tick = 100_000 + Math.floor(r() * 60);
        const kind = r();
        // The same level in several spellings (100.10 / 100.1), some spellings too long for an
        // order key (exact compare), some at prices one unit apart at the 15th digit.
        const price =
          kind < 0.7
            ? Decimal.fromParts(
                BigInt(tick) * 10n ** BigInt(Math.floor(r() * 3)),
                -2 - Math.floor(r() * 3),
              )
            : kind < 0.85
              ? Decimal.fromParts(BigInt(tick) * 10n ** 14n, -16)
              : kind < 0.95
                ? Decimal.fromParts(BigInt(tick) * 10n ** 9n + BigInt(Math.floor(r() * 3)), -11)
                : // 16 digits one unit apart: the same double, so only the exact compare tells them
                  Decimal.fromParts(8_000_000_000_000_000n + BigInt(Math.floor(r() * 3)), -15);
        const amount =
          r() < 0.25 ? Decimal.ZERO : Decimal.fromParts(BigInt(1 + Math.floor(r() * 99)), -1);
        side.set(price, amount);
        set(price, amount);
        if (i % 10 === 0) {
          const got = side.top(100).map((l) => `${l.price}x${l.amount}`);
          expect(got).toEqual(ref.map((l) => `${l.price}x${l.amount}`));
        }
      }
    }
  });

  it('ignores non-positive prices and negative amounts', () => {
    const side = new BookSide(1, 10);
    side.set(Decimal.parse('0'), Decimal.parse('1'));
    side.set(Decimal.parse('10'), Decimal.parse('-1'));
    expect(side.size).toBe(0);
    side.set(Decimal.parse('10'), Decimal.parse('1'));
    side.set(Decimal.parse('10.0'), Decimal.parse('2'));
    expect(side.top(5).map((l) => `${l.price}x${l.amount}`)).toEqual(['10.0x2']);
  });
});
