import type { Decimal } from '@feedgate/core';

export interface Level {
  readonly price: Decimal;
  readonly amount: Decimal;
}

/**
 * One side of a maintained order book: levels sorted best first (bids descending, asks
 * ascending), found by binary search on exact Decimal compare so `100.10` and `100.1` are the
 * same level. Bounded: beyond maxLevels the worst levels are evicted (the far end of the book
 * matters least and a runaway feed must not grow memory).
 */
export class BookSide {
  private levels: Level[] = [];

  constructor(
    /** 1 for bids (higher is better), -1 for asks. */
    private readonly dir: 1 | -1,
    private readonly maxLevels: number,
  ) {}

  get size(): number {
    return this.levels.length;
  }

  clear(): void {
    this.levels = [];
  }

  /** Sets a level; amount 0 deletes it. Negative amounts are ignored (bad input). */
  set(price: Decimal, amount: Decimal): void {
    if (price.sign() <= 0 || amount.sign() < 0) return;
    const { index, found } = this.search(price);
    if (amount.isZero()) {
      if (found) this.levels.splice(index, 1);
      return;
    }
    if (found) this.levels[index] = { price, amount };
    else if (index < this.maxLevels) {
      this.levels.splice(index, 0, { price, amount });
      if (this.levels.length > this.maxLevels) this.levels.pop();
    }
  }

  best(): Level | undefined {
    return this.levels[0];
  }

  top(n: number): readonly Level[] {
    return this.levels.slice(0, n);
  }

  /** Position of `price` in best-first order: where it is, or where it would be inserted. */
  private search(price: Decimal): { index: number; found: boolean } {
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // c > 0: the level at mid is better than price, so price goes after it.
      const c = this.levels[mid].price.compare(price) * this.dir;
      if (c === 0) return { index: mid, found: true };
      if (c > 0) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, found: false };
  }
}
