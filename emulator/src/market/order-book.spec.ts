import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookSide } from './market-event';
import { OrderBook } from './order-book';

const extreme = (m: ReadonlyMap<number, number>, highest: boolean): number | undefined =>
  m.size === 0 ? undefined : highest ? Math.max(...m.keys()) : Math.min(...m.keys());

describe('OrderBook', () => {
  it('remembered best and worst prices always equal a scan of the book', () => {
    const op = fc.record({
      side: fc.constantFrom<BookSide>('bid', 'ask'),
      ticks: fc.integer({ min: 90, max: 110 }),
      // Half the writes delete (lots ≤ 0), so sides empty and refill.
      lots: fc.integer({ min: -5, max: 5 }),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const book = new OrderBook();
        for (const o of ops) {
          book.set(o.side, o.ticks, o.lots);
          // Reading between writes exercises the remembered values, not only fresh scans.
          if (!o.read) continue;
          expect(book.bestBid()).toBe(extreme(book.bids, true));
          expect(book.bestAsk()).toBe(extreme(book.asks, false));
          expect(book.worst('bid')).toBe(extreme(book.bids, false));
          expect(book.worst('ask')).toBe(extreme(book.asks, true));
        }
        expect(book.bestBid()).toBe(extreme(book.bids, true));
        expect(book.worst('ask')).toBe(extreme(book.asks, true));
      }),
      { numRuns: 500 },
    );
  });

  it('levels are best-first and limited', () => {
    const book = new OrderBook();
    for (const t of [5, 9, 7, 1]) book.set('bid', t, t * 10);
    for (const t of [12, 10, 15]) book.set('ask', t, 1);
    expect(book.levels('bid', 3)).toEqual([
      [9, 90],
      [7, 70],
      [5, 50],
    ]);
    expect(book.levels('ask').map(([t]) => t)).toEqual([10, 12, 15]);
    book.set('bid', 9, 0);
    expect(book.bestBid()).toBe(7);
    expect(book.bids.has(9)).toBe(false);
  });
});
