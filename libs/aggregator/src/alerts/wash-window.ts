import type { Decimal } from '@feedgate/core';
import { valueKeyOf } from '../util/decimal-stats';

/**
 * The recent trades of one exchange+symbol for the wash-trade detector: a bounded FIFO in arrival
 * order (ring of `capacity`, the oldest evicted when full) and how often each (price, amount)
 * value pair occurs in it. Values, not representations, are counted (`1.50` is `1.5`): see
 * valueKeyOf. Columns in typed arrays and numeric keys: no object or string per trade.
 */
export class WashWindow {
  private head = 0;
  private count = 0;
  private ts = new Float64Array(16);
  private priceKeys = new Float64Array(16);
  private amountKeys = new Float64Array(16);
  /** Text key of the trades without numeric keys (NaN in the key columns), by ring slot. */
  private texts: (string | undefined)[] = [];
  /** price key → amount key → occurrences. */
  private readonly counts = new Map<number, Map<number, number>>();
  private readonly textCounts = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** ts of the newest trade held, or undefined when empty. */
  newestTs(): number | undefined {
    return this.count === 0 ? undefined : this.ts[this.slot(this.count - 1)];
  }

  /** Forgets, oldest first in arrival order, the trades with ts ≤ limit. */
  expire(limit: number): void {
    while (this.count > 0 && this.ts[this.head] <= limit) this.shift();
  }

  /** Appends a trade (evicting the oldest when full); returns how often its pair now occurs. */
  add(ts: number, price: Decimal, amount: Decimal): number {
    if (this.count === this.capacity) this.shift();
    if (this.count === this.ts.length) this.grow();
    const i = this.slot(this.count++);
    const pk = valueKeyOf(price);
    const ak = valueKeyOf(amount);
    this.ts[i] = ts;
    if (Number.isNaN(pk) || Number.isNaN(ak)) {
      const text = `${normalText(price)}|${normalText(amount)}`;
      this.priceKeys[i] = this.amountKeys[i] = Number.NaN;
      this.texts[i] = text;
      const n = (this.textCounts.get(text) ?? 0) + 1;
      this.textCounts.set(text, n);
      return n;
    }
    this.priceKeys[i] = pk;
    this.amountKeys[i] = ak;
    if (this.texts.length > 0) this.texts[i] = undefined;
    let byAmount = this.counts.get(pk);
    if (byAmount === undefined) this.counts.set(pk, (byAmount = new Map()));
    const n = (byAmount.get(ak) ?? 0) + 1;
    byAmount.set(ak, n);
    return n;
  }

  private slot(k: number): number {
    const i = this.head + k;
    return i < this.ts.length ? i : i - this.ts.length;
  }

  private shift(): void {
    const i = this.head;
    this.head = this.slot(1);
    this.count--;
    const text = this.texts.length > 0 ? this.texts[i] : undefined;
    if (text !== undefined) {
      this.texts[i] = undefined;
      const n = (this.textCounts.get(text) ?? 1) - 1;
      if (n <= 0) this.textCounts.delete(text);
      else this.textCounts.set(text, n);
      return;
    }
    const pk = this.priceKeys[i];
    const byAmount = this.counts.get(pk);
    if (byAmount === undefined) return;
    const ak = this.amountKeys[i];
    const n = (byAmount.get(ak) ?? 1) - 1;
    if (n > 0) byAmount.set(ak, n);
    else if (byAmount.delete(ak) && byAmount.size === 0) this.counts.delete(pk);
  }

  /** Doubles the ring (never beyond capacity), oldest trade first. */
  private grow(): void {
    const old = this.ts.length;
    const size = Math.min(this.capacity, old * 2);
    const order = (k: number) => (this.head + k) % old;
    const move = (a: Float64Array) => {
      const b = new Float64Array(size);
      for (let k = 0; k < this.count; k++) b[k] = a[order(k)];
      return b;
    };
    const texts: (string | undefined)[] = [];
    if (this.texts.length > 0) for (let k = 0; k < this.count; k++) texts[k] = this.texts[order(k)];
    this.ts = move(this.ts);
    this.priceKeys = move(this.priceKeys);
    this.amountKeys = move(this.amountKeys);
    this.texts = texts;
    this.head = 0;
  }
}

/** Canonical text of d's value: trailing zeros moved into the exponent, zero is `0e0`. */
function normalText(d: Decimal): string {
  const n = d.normalize();
  return `${n.mantissa}e${n.exponent}`;
}
