import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type BookLevel } from '@feedgate/core';
import { OrderBook } from './order-book';

const lv = (p: string, a: string): BookLevel => [Decimal.parse(p), Decimal.parse(a)] as const;
const text = (levels: readonly BookLevel[]): string[] =>
  levels.map(([p, a]) => `${p.toString()}@${a.toString()}`);

/** The obvious model: one entry per price value, sorted for every view. */
class ModelBook {
  readonly bids = new Map<string, BookLevel>();
  readonly asks = new Map<string, BookLevel>();

  apply(bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    for (const [side, levels] of [
      [this.bids, bids],
      [this.asks, asks],
    ] as const) {
      for (const l of levels) {
        const key = l[0].normalize().toString();
        if (l[1].isZero()) side.delete(key);
        else side.set(key, l);
      }
    }
  }

  view(depth: number): { bids: BookLevel[]; asks: BookLevel[] } {
    const bids = [...this.bids.values()].sort((a, b) => b[0].compare(a[0]));
    const asks = [...this.asks.values()].sort((a, b) => a[0].compare(b[0]));
    return { bids: bids.slice(0, depth), asks: asks.slice(0, depth) };
  }
}

describe('OrderBook', () => {
  it('keeps each side in book order, one level per price value, latest text kept', () => {
    const book = new OrderBook();
    book.apply([lv('10', '1'), lv('9.5', '2'), lv('11', '3')], [lv('12', '1'), lv('11.5', '4')]);
    book.apply([lv('9.50', '7'), lv('11', '0')], [lv('13', '1'), lv('11.50', '0')]);
    const view = book.view(10);
    expect(text(view.bids)).toEqual(['10@1', '9.50@7']);
    expect(text(view.asks)).toEqual(['12@1', '13@1']);
  });

  it('cuts the view to the depth and ignores deletes of unknown prices', () => {
    const book = new OrderBook();
    book.apply(
      ['1', '2', '3', '4'].map((p) => lv(p, '1')),
      [lv('5', '1'), lv('6', '0')],
    );
    expect(text(book.view(2).bids)).toEqual(['4@1', '3@1']);
    expect(text(book.view(2).asks)).toEqual(['5@1']);
  });

  it('reports a side past its bound and forgets everything on reset', () => {
    const book = new OrderBook(2);
    expect(book.apply([lv('1', '1'), lv('2', '1')], [])).toBe(true);
    expect(book.apply([lv('3', '1')], [])).toBe(false);
    book.reset();
    expect(book.view(5)).toEqual({ bids: [], asks: [] });
  });

  it('matches a sort-every-time model on random deltas with mixed scales', () => {
    const price = fc
      .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('', '0', '00'))
      .map(([n, zeros]) => `${Math.floor(n / 4)}.${n % 4}${zeros}`);
    const amount = fc.constantFrom('0', '0.0', '1', '2.50', '3');
    const level = fc.tuple(price, amount).map(([p, a]) => lv(p, a));
    const delta = fc.tuple(fc.array(level, { maxLength: 8 }), fc.array(level, { maxLength: 8 }));
    fc.assert(
      fc.property(
        fc.array(delta, { maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (ds, depth) => {
          const book = new OrderBook();
          const model = new ModelBook();
          for (const [bids, asks] of ds) {
            book.apply(bids, asks);
            model.apply(bids, asks);
            const got = book.view(depth);
            const want = model.view(depth);
            expect(text(got.bids)).toEqual(text(want.bids));
            expect(text(got.asks)).toEqual(text(want.asks));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
