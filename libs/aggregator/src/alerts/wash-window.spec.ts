import { Decimal } from '@feedgate/core';
import { describe, expect, it } from 'vitest';
import { WashWindow } from './wash-window';
import { seededRng } from '../testing/seeded.rng';

/** The window the obvious way: a list of (ts, normalized text) and a count per text. */
class ReferenceWindow {
  private readonly held: { ts: number; key: string }[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  expire(limit: number): void {
    while (this.held.length > 0 && this.held[0].ts <= limit) this.drop();
  }

  add(ts: number, price: Decimal, amount: Decimal): number {
    if (this.held.length === this.capacity) this.drop();
    const p = price.normalize();
    const a = amount.normalize();
    const key = `${p.mantissa}e${p.exponent}|${a.mantissa}e${a.exponent}`;
    this.held.push({ ts, key });
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }

  newestTs(): number | undefined {
    return this.held.at(-1)?.ts;
  }

  private drop(): void {
    const { key } = this.held.shift()!;
    const n = this.counts.get(key)! - 1;
    if (n === 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}

/** One value in one of several representations (trailing zeros, long or huge mantissas). */
function spelled(r: () => number, m: bigint, e: number): Decimal {
  const pad = Math.floor(r() * 4);
  const wide = r() < 0.1 ? 17 : 0; // past 15 digits: no numeric key for this spelling
  return Decimal.fromParts(m * 10n ** BigInt(pad + wide), e - pad - wide);
}

describe('WashWindow', () => {
  it('counts (price, amount) values like a normalized-text count, through eviction and expiry', () => {
    const r = seededRng(3);
    for (const capacity of [1, 7, 1_000]) {
      const w = new WashWindow(capacity);
      const ref = new ReferenceWindow(capacity);
      let ts = 0;
      for (let i = 0; i < 5_000; i++) {
        ts += Math.floor(r() * 40);
        if (r() < 0.3) {
          w.expire(ts - 500);
          ref.expire(ts - 500);
        }
        // Few distinct values so that pairs repeat; some only representable as long digits or with
        // an exponent beyond 22 (text keys), some zero.
        const kind = r();
        const price =
          kind < 0.8
            ? spelled(r, BigInt(1_000 + Math.floor(r() * 3)), -1)
            : kind < 0.9
              ? spelled(r, 12_345_678_901_234_567n + BigInt(Math.floor(r() * 2)), -4)
              : spelled(r, BigInt(1 + Math.floor(r() * 2)), 24);
        const amount = r() < 0.05 ? Decimal.ZERO : spelled(r, BigInt(1 + Math.floor(r() * 3)), -2);
        expect(w.add(ts, price, amount)).toBe(ref.add(ts, price, amount));
        expect(w.newestTs()).toBe(ref.newestTs());
      }
    }
  });

  it('treats 1.50 and 1.5 as the same price and amount', () => {
    const w = new WashWindow(10);
    expect(w.add(1, Decimal.parse('1.50'), Decimal.parse('2'))).toBe(1);
    expect(w.add(2, Decimal.parse('1.5'), Decimal.parse('2.000'))).toBe(2);
    expect(w.add(3, Decimal.parse('1.5'), Decimal.parse('2.001'))).toBe(1);
    w.expire(2);
    expect(w.add(4, Decimal.parse('1.500'), Decimal.parse('2'))).toBe(1);
  });
});
