import type { Decimal } from '@feedgate/core';
import { approxOf } from '../util/decimal-stats';

export interface Level {
  readonly price: Decimal;
  readonly amount: Decimal;
}

/**
 * One side of a maintained order book: levels sorted best first (bids descending, asks
 * ascending), found by binary search on exact Decimal compare so `100.10` and `100.1` are the
 * same level. Bounded: beyond maxLevels the worst levels are evicted (the far end of the book
 * matters least and a runaway feed must not grow memory).
 *
 * Held column-wise (prices, amounts, order keys) rather than as one object per level: a book
 * event updates a dozen levels, and the level objects were the bulk of the aggregator's
 * allocations on book-heavy feeds.
 */
export class BookSide {
  private prices: Decimal[] = [];
  private amounts: Decimal[] = [];
  /**
   * keys[i] = approxOf(prices[i]), contiguous doubles: the binary search compares Decimals only
   * for prices without a key (NaN).
   */
  private keys: number[] = [];

  constructor(
    /** 1 for bids (higher is better), -1 for asks. */
    private readonly dir: 1 | -1,
    private readonly maxLevels: number,
  ) {}

  get size(): number {
    return this.prices.length;
  }

  clear(): void {
    this.prices = [];
    this.amounts = [];
    this.keys = [];
  }

  /** Sets a level; amount 0 deletes it. Negative amounts are ignored (bad input). */
  set(price: Decimal, amount: Decimal): void {
    if (price.sign() <= 0 || amount.sign() < 0) return;
    const key = approxOf(price);
    const at = this.search(price, key);
    if (amount.isZero()) {
      if (at >= 0) this.remove(at);
      return;
    }
    if (at >= 0) {
      // The same level; the price as last sent (100.10 may replace 100.1).
      this.prices[at] = price;
      this.amounts[at] = amount;
      this.keys[at] = key;
    } else if (~at < this.maxLevels) {
      this.insert(~at, price, amount, key);
      if (this.prices.length > this.maxLevels) {
        this.prices.pop();
        this.amounts.pop();
        this.keys.pop();
      }
    }
  }

  /** Price of the best level (undefined when the side is empty). */
  bestPrice(): Decimal | undefined {
    return this.prices[0];
  }

  bestAmount(): Decimal | undefined {
    return this.amounts[0];
  }

  top(n: number): readonly Level[] {
    const out: Level[] = [];
    const k = Math.min(n, this.prices.length);
    for (let i = 0; i < k; i++) out.push({ price: this.prices[i], amount: this.amounts[i] });
    return out;
  }

  /**
   * Index of `price` in best-first order when held, else ~(where it would be inserted). Order keys
   * decide without touching the Decimals (see approxOf); only a NaN key needs the exact compare.
   */
  private search(price: Decimal, key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      // c > 0: the level at mid is better than price, so price goes after it.
      const c =
        (k > key ? 1 : k < key ? -1 : k === key ? 0 : this.prices[mid].compare(price)) * this.dir;
      if (c === 0) return mid;
      if (c > 0) lo = mid + 1;
      else hi = mid;
    }
    return ~lo;
  }

  // Plain shifting loops: books are short near the touch, where updates land, and splice
  // allocates a result array per call.
  private insert(at: number, price: Decimal, amount: Decimal, key: number): void {
    const { prices, amounts, keys } = this;
    for (let i = prices.length; i > at; i--) {
      prices[i] = prices[i - 1];
      amounts[i] = amounts[i - 1];
      keys[i] = keys[i - 1];
    }
    prices[at] = price;
    amounts[at] = amount;
    keys[at] = key;
  }

  private remove(at: number): void {
    const { prices, amounts, keys } = this;
    const last = prices.length - 1;
    for (let i = at; i < last; i++) {
      prices[i] = prices[i + 1];
      amounts[i] = amounts[i + 1];
      keys[i] = keys[i + 1];
    }
    prices.pop();
    amounts.pop();
    keys.pop();
  }
}
