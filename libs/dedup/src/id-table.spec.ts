import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdRing } from './id-ring';
import { IdTable } from './id-table';

/** Ring + table driven the way DedupWindow drives them (insert at the tail, expire the head). */
class Harness {
  readonly ring = new IdRing();
  readonly table = new IdTable();

  constructor(cap: number, firstSeq = 0) {
    this.ring.allocate(cap);
    this.ring.headSeq = firstSeq | 0;
    this.table.allocate(cap);
  }

  has(key: number, hi: number, lo: number): boolean {
    return this.table.find(this.ring, key, hi, lo) >= 0;
  }

  /** Inserts (find first, as the window does); drops the oldest when the ring is full. */
  insert(key: number, hi: number, lo: number): void {
    if (this.table.find(this.ring, key, hi, lo) >= 0) throw new Error('already held');
    if (this.ring.occupied === this.ring.cap) this.ring.shift();
    const seq = this.ring.tailSeq;
    const b = this.ring.tailSlot << 2;
    this.ring.rec[b] = hi;
    this.ring.rec[b + 1] = lo;
    this.ring.rec[b + 2] = key;
    this.table.add(this.ring, seq, key, hi, lo);
    this.ring.occupied++;
    this.table.afterInsert(this.ring);
  }
}

/**
 * Two ids (i, i) and (j, j) of key 0 whose 32-bit table hashes are equal (for one key and hi
 * the hash hardly collides over lo, so both words vary; a birthday search needs ~2^16 tries).
 */
function collidingPair(): [number, number] {
  const seen = new Map<number, number>();
  for (let i = 0; i < 4_000_000; i++) {
    const h = IdTable.hash(0, i, i);
    const other = seen.get(h);
    if (other !== undefined) return [other, i];
    seen.set(h, i);
  }
  throw new Error('no 32-bit collision found');
}

describe('IdTable (with IdRing)', () => {
  it('never takes a 32-bit hash collision for a duplicate: the full id is compared', () => {
    const [a, b] = collidingPair();
    expect(IdTable.hash(0, a, a)).toBe(IdTable.hash(0, b, b));
    const h = new Harness(64);
    h.insert(0, a, a);
    expect(h.has(0, a, a)).toBe(true);
    expect(h.has(0, b, b)).toBe(false);
    h.insert(0, b, b);
    expect(h.has(0, a, a) && h.has(0, b, b)).toBe(true);
    expect(h.has(1, a, a)).toBe(false); // same id on another key
  });

  it('forgets an id as soon as the ring drops it, before any sweep', () => {
    const h = new Harness(4);
    for (let i = 0; i < 4; i++) h.insert(0, 0, i);
    h.ring.shift(); // expire id 0 only
    expect(h.has(0, 0, 0)).toBe(false);
    expect([1, 2, 3].every((i) => h.has(0, 0, i))).toBe(true);
    h.insert(0, 0, 0); // back as a new id, in the stale entry's place or another
    expect(h.has(0, 0, 0)).toBe(true);
  });

  it('keeps live + stale entries under 7/8 of the slots through heavy churn', () => {
    for (const cap of [5, 100, 10_000]) {
      const h = new Harness(cap);
      let worst = 0;
      for (let i = 0; i < 300_000; i++) {
        h.insert(i % 7, 0, i);
        worst = Math.max(worst, h.table.used / h.table.size);
      }
      expect(worst).toBeLessThanOrEqual(7 / 8 + 1 / h.table.size);
      expect(h.table.used).toBeGreaterThanOrEqual(cap);
      for (let i = 300_000 - cap; i < 300_000; i++) expect(h.has(i % 7, 0, i)).toBe(true);
      expect(h.has((300_000 - cap - 1) % 7, 0, 300_000 - cap - 1)).toBe(false);
    }
  });

  it('sweeps stale entries away at the steady state of a large table', () => {
    const h = new Harness(20_000);
    for (let i = 0; i < 2_000_000; i++) h.insert(i & 15, i >> 4, i);
    // live 20,000 of 32,768 slots; the sweep holds the stale ones to a small share
    expect(h.table.size).toBe(32_768);
    expect(h.table.used - 20_000).toBeLessThan(h.table.size / 8);
  });

  it('matches a Set of the ring content across the int32 sequence wrap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -2_000, max: 2_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 50,
          maxLength: 3000,
        }),
        (cap, offset, ops) => {
          const h = new Harness(cap, 0x7fffffff + offset); // crosses 2^31 → -2^31
          const ring: string[] = [];
          for (const [key, id] of ops) {
            const name = `${key}:${id}`;
            if (h.has(key, id * 3, id) !== ring.includes(name)) return false;
            if (ring.includes(name)) continue;
            h.insert(key, id * 3, id);
            ring.push(name);
            if (ring.length > cap) ring.shift();
          }
          return h.table.used < h.table.size;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('remove() deletes a live entry and keeps the others reachable (backward shift)', () => {
    const h = new Harness(1000);
    for (let i = 0; i < 1000; i++) h.insert(0, 0, i);
    const seq = (h.ring.headSeq + 500) | 0;
    h.table.remove(seq, 0, 0, 500);
    h.ring.rec[(h.ring.slotOf(seq) << 2) + 2] = IdRing.DEAD;
    expect(h.has(0, 0, 500)).toBe(false);
    for (let i = 0; i < 1000; i++) if (i !== 500) expect(h.has(0, 0, i)).toBe(true);
  });

  it('places counting ids of a key 8 to a cache line, hashed ids one by one', () => {
    const line = (hi: number, lo: number): number => IdTable.hash(5, hi, lo) & ~7;
    const hi = 1 << 20;
    for (let base = 8_000; base < 8_080; base += 8) {
      for (let i = 1; i < 8; i++) expect(line(hi, base + i)).toBe(line(hi, base));
      expect(new Set([0, 1, 2, 3, 4, 5, 6, 7].map((i) => IdTable.hash(5, hi, base + i))).size).toBe(
        8,
      );
    }
    const hashedLines = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((i) => line(-1, 8_000 + i)));
    expect(hashedLines.size).toBeGreaterThan(4);
  });

  it('sizes the table at ≥ 1.6 slots per ring slot, as a power of two', () => {
    expect(IdTable.sizeFor(10)).toBe(16);
    expect(IdTable.sizeFor(39_600_000)).toBe(2 ** 26);
    expect(IdTable.sizeFor(41_943_041)).toBe(2 ** 27);
  });
});
