import { type BookLevel, Decimal } from '@feedgate/core';
import { levelKey } from './level.key';

/**
 * One side of a maintained book: price level → the latest [price, amount] received for it, as
 * numbers in parallel arrays rather than as the decoded level objects. Holding the decoded
 * objects made every level update retain young objects (tuple, two Decimals, two BigInts) in a
 * long-lived map: each was promoted to the old generation and later collected there, which
 * cost more than the update itself. Here an update of a known price writes four numbers; only a
 * new price adds a Map entry. A level whose price or amount mantissa is not a safe integer is
 * kept as the object itself. Values come back exactly as received (`1.50` stays `1.50`).
 */
export class BookSide {
  /** levelKey(price) → slot in the arrays below. */
  private readonly slots = new Map<number | string, number>();
  private priceMantissa: number[] = [];
  private priceExponent: number[] = [];
  private amountMantissa: number[] = [];
  private amountExponent: number[] = [];
  /** Levels with a mantissa beyond 2^53, by slot (sparse; empty in practice). */
  private wide: (BookLevel | undefined)[] = [];
  private free: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  clear(): void {
    this.slots.clear();
    this.priceMantissa = [];
    this.priceExponent = [];
    this.amountMantissa = [];
    this.amountExponent = [];
    this.wide = [];
    this.free = [];
  }

  /** Applies levels in order: amount 0 deletes the price, anything else sets it. */
  apply(levels: readonly BookLevel[]): void {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      const key = levelKey(level[0]);
      if (level[1].isZero()) this.remove(key);
      else this.put(key, level);
    }
  }

  remove(key: number | string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    if (this.wide.length > 0) this.wide[slot] = undefined;
    this.free.push(slot);
  }

  /** Every level (unordered), as Decimals equal in value and representation to those received. */
  levels(): BookLevel[] {
    const out: BookLevel[] = [];
    for (const slot of this.slots.values()) {
      out.push(
        this.wide[slot] ?? [
          Decimal.fromParts(BigInt(this.priceMantissa[slot]), this.priceExponent[slot]),
          Decimal.fromParts(BigInt(this.amountMantissa[slot]), this.amountExponent[slot]),
        ],
      );
    }
    return out;
  }

  private put(key: number | string, level: BookLevel): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.free.length > 0 ? (this.free.pop() as number) : this.priceMantissa.length;
      this.slots.set(key, slot);
    }
    const [price, amount] = level;
    const pm = Number(price.mantissa);
    const am = Number(amount.mantissa);
    // Unsafe doubles would not convert back to the same BigInt.
    if (Number.isSafeInteger(pm) && Number.isSafeInteger(am)) {
      if (this.wide.length > 0) this.wide[slot] = undefined;
    } else {
      this.wide[slot] = level;
    }
    this.priceMantissa[slot] = pm;
    this.priceExponent[slot] = price.exponent;
    this.amountMantissa[slot] = am;
    this.amountExponent[slot] = amount.exponent;
  }
}
