/**
 * Frozen copy of the id table before lazy expiry (see BaselineDedupWindow).
 * Open-addressing, linear-probing hash table from an id (key index, hi, lo) to its ring slot, in
 * one Int32Array of [slot + 1 (0 = empty), 32-bit hash] pairs. The stored hash is compared before
 * touching the ring, so a miss (every new id) costs one cache line, and backward-shift deletion
 * never recomputes hashes. The ids themselves live in the window's ring (`rec`: 4 int32 per slot:
 * hi, lo, key, next). Power-of-two size with load ≤ 0.75 so `& mask` replaces `%` and probes stay short.
 */
export class BaselineIdTable {
  private t = new Int32Array(0);
  private mask = 0;

  static hash(key: number, hi: number, lo: number): number {
    let h = lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(key + 1, 0x165667b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    return h ^ (h >>> 15);
  }

  /** Empties the table and sizes it for `slots` ring slots. */
  allocate(slots: number): void {
    let size = 16;
    while (size * 3 < slots * 4) size *= 2;
    this.t = new Int32Array(size * 2);
    this.mask = size - 1;
  }

  /** Slot holding (key, hi, lo), or -1. */
  find(rec: Int32Array, key: number, hi: number, lo: number): number {
    const mask = this.mask;
    const t = this.t;
    const h = BaselineIdTable.hash(key, hi, lo);
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const e = t[p << 1];
      if (e === 0) return -1;
      if (t[(p << 1) + 1] === h) {
        const b = (e - 1) << 2;
        if (rec[b + 1] === lo && rec[b] === hi && rec[b + 2] === key) return e - 1;
      }
    }
  }

  add(slot: number, h: number): void {
    const mask = this.mask;
    const t = this.t;
    let p = h & mask;
    while (t[p << 1] !== 0) p = (p + 1) & mask;
    t[p << 1] = slot + 1;
    t[(p << 1) + 1] = h;
  }

  /** Removes `slot` (present, with hash `h`) by backward-shift deletion (no tombstones). */
  remove(slot: number, h: number): void {
    const mask = this.mask;
    const t = this.t;
    let p = h & mask;
    while (t[p << 1] !== slot + 1) p = (p + 1) & mask;
    t[p << 1] = 0;
    for (let q = (p + 1) & mask; t[q << 1] !== 0; q = (q + 1) & mask) {
      const ideal = t[(q << 1) + 1] & mask;
      // Move the entry back into the hole unless its ideal position lies cyclically in (p, q].
      const stays = p <= q ? p < ideal && ideal <= q : p < ideal || ideal <= q;
      if (!stays) {
        t[p << 1] = t[q << 1];
        t[(p << 1) + 1] = t[(q << 1) + 1];
        t[q << 1] = 0;
        p = q;
      }
    }
  }
}
