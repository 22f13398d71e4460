import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BookLevel, Decimal } from '@feedgate/core';
import { BookSide } from './book-side';

/** The reference: levels by canonical price text, the latest level object kept as is. */
function reference(ops: readonly BookLevel[][]): Map<string, BookLevel> {
  const side = new Map<string, BookLevel>();
  for (const levels of ops) {
    for (const level of levels) {
      const key = level[0].normalize().toString();
      if (level[1].isZero()) side.delete(key);
      else side.set(key, level);
    }
  }
  return side;
}

const text = (levels: Iterable<BookLevel>): string[] =>
  [...levels].map((l) => `${l[0].toString()}@${l[1].toString()}`).sort();

/** Prices from a small set (so levels are hit again), written with or without trailing zeros. */
const price = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: 1n, max: 40n }),
      fc.constantFrom(2n ** 53n + 1n, 10n ** 17n + 3n, 9_007_199_254_740_991n),
    ),
    fc.integer({ min: -3, max: 1 }),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([m, e, zeros]) => Decimal.fromParts(m * 10n ** BigInt(zeros), e - zeros));
const amount = fc.oneof(
  fc.constant(Decimal.ZERO),
  fc.constant(Decimal.parse('0.000')),
  fc.bigInt({ min: 1n, max: 10n ** 6n }).map((m) => Decimal.fromParts(m, -3)),
  fc.constant(Decimal.fromParts(2n ** 60n + 7n, -8)),
);
const level = fc.tuple(price, amount).map(([p, a]) => [p, a] as const);

describe('BookSide', () => {
  it('holds what the reference map holds, each level printing exactly as received', () => {
    fc.assert(
      fc.property(fc.array(fc.array(level, { maxLength: 6 }), { maxLength: 40 }), (ops) => {
        const side = new BookSide();
        for (const levels of ops) side.apply(levels);
        const expected = reference(ops);
        expect(side.size).toBe(expected.size);
        expect(text(side.levels())).toEqual(text(expected.values()));
      }),
      { numRuns: 1000 },
    );
  });

  it('reuses freed slots and starts empty after clear', () => {
    const d = Decimal.parse;
    const side = new BookSide();
    side.apply([
      [d('1.50'), d('2')],
      [d('2'), d('3')],
    ]);
    side.apply([[d('1.5'), d('0')]]);
    side.apply([[d('3.0'), d('4.00')]]);
    expect(text(side.levels())).toEqual(['2@3', '3.0@4.00']);
    side.clear();
    expect(side.size).toBe(0);
    expect(side.levels()).toEqual([]);
  });
});
