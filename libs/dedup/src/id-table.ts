import { IdRing } from './id-ring';

/** Table slots swept per insert: a full pass takes size/4 inserts (see `afterInsert`). */
const SWEEP_PER_INSERT = 4;
/** The sweep runs once per this many inserts, over as many times SWEEP_PER_INSERT slots. */
const SWEEP_EVERY = 16;

/**
 * Open-addressing, linear-probing hash table from an id (key index, hi, lo) to its ring sequence
 * number, in one Int32Array of [seq, hash] pairs (hash 0 = empty slot). The ids themselves live
 * in the ring; a probe compares the stored 32-bit hash first and reads the ring only on a match,
 * so a new id costs one cache line of this table, and a match is always verified against the
 * full id (key, hi, lo): a 32-bit hash collision can never turn a distinct event into a duplicate.
 *
 * Expiry is lazy, which is what makes the window cheap at 36M ids: when the ring drops its oldest
 * id it does NOT come here (that was one random cache miss per expired id, as costly as the
 * insert itself). An entry whose seq has left the ring's live range is stale: probes skip it,
 * inserts take its place when their probe meets it, and a sweep cursor walks the table
 * sequentially (4 slots per insert, in runs of 64 the hardware prefetcher serves) deleting the
 * stale entries it meets by backward shift. A stale entry thus lingers at most about one pass
 * (size/4 inserts); with the reuse, the stale share stays near 0.1 of the slots (measured at the
 * densest sizing, 0.61 live → 0.71 used), and a whole-table sweep guards 7/8 (see afterInsert).
 * A pass takes far fewer than 2^32 inserts, so a stale seq can never look live again.
 */
export class IdTable {
  private t = new Int32Array(0);
  private mask = 0;
  private cursor = 0;
  private inserts = 0;
  /** Entries held, live and stale. */
  used = 0;
  /** Where `find` saw the new id belongs (first stale or empty slot), valid until the table changes. */
  private spot = -1;
  private spotHash = 0;
  private spotKey = 0;
  private spotHi = 0;
  private spotLo = 0;

  /**
   * 32-bit hash of an id, never 0 (0 marks an empty slot); its low bits are the table position.
   * Exact numeric ids (hi ≥ 0, see EventIdentity) are placed by GROUPS of 8 consecutive values:
   * the hash of (key, hi, lo >>> 3) with lo's low 3 bits as the last 3 bits. Trade ids and
   * sequence numbers of a key mostly count up, so a new id usually lands in the cache line its
   * predecessor just warmed, and a full window pays a DRAM miss about once per 8 new ids instead
   * of every time. The price is longer probe runs (measured ~24 slots to an empty one at 0.63
   * load when every id is consecutive, ~4 for random ids), walked in lines already cached.
   * Hashed ids (hi < 0) are placed by their full value.
   */
  static hash(key: number, hi: number, lo: number): number {
    const grouped = hi >= 0;
    let h = (grouped ? lo >>> 3 : lo) ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(key + 1, 0x165667b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
    if (grouped) h = (h & ~7) | (lo & 7);
    return h === 0 ? 1 : h;
  }

  /** Slots of the table for a ring of `ringSlots` (power of two, at least 1.6 per ring slot). */
  static sizeFor(ringSlots: number): number {
    let size = 16;
    while (size * 5 < ringSlots * 8) size *= 2;
    return size;
  }

  get size(): number {
    return this.mask + 1;
  }

  /** Empties the table and sizes it for a ring of `ringSlots`. */
  allocate(ringSlots: number): void {
    const size = IdTable.sizeFor(ringSlots);
    this.t = new Int32Array(size * 2);
    this.mask = size - 1;
    this.cursor = 0;
    this.inserts = 0;
    this.used = 0;
    this.spot = -1;
  }

  /** Index into the table array where the probe for (key, hi, lo) starts. */
  slotFor(key: number, hi: number, lo: number): number {
    return ((IdTable.hash(key, hi, lo) & this.mask) << 1) + 1;
  }

  /**
   * Loads the table words at `pos[0..n)` (from `slotFor`) and returns a value derived from them:
   * independent loads in a tight loop, so the CPU keeps many cache misses in flight at once.
   */
  touch(pos: Int32Array, n: number): number {
    const t = this.t;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const p = pos[i];
      if (p >= 0) x ^= t[p];
    }
    return x;
  }

  /** Ring slot holding (key, hi, lo), or -1 (and the place to insert it is remembered). */
  find(ring: IdRing, key: number, hi: number, lo: number): number {
    const t = this.t;
    const mask = this.mask;
    const h = IdTable.hash(key, hi, lo);
    const rec = ring.rec;
    const headSeq = ring.headSeq;
    const occupied = ring.occupied;
    let free = -1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const e = t[(p << 1) + 1];
      if (e === 0) {
        this.spot = free >= 0 ? free : p;
        this.spotHash = h;
        this.spotKey = key;
        this.spotHi = hi;
        this.spotLo = lo;
        return -1;
      }
      if (e === h) {
        const d = (t[p << 1] - headSeq) >>> 0;
        if (d < occupied) {
          let s = ring.head + d;
          if (s >= ring.cap) s -= ring.cap;
          const b = s << 2;
          if (rec[b + 1] === lo && rec[b] === hi && rec[b + 2] === key) return s;
        } else if (free < 0) {
          free = p;
        }
      } else if (free < 0 && (t[p << 1] - headSeq) >>> 0 >= occupied) {
        free = p; // stale: reusable by this insert
      }
    }
  }

  /**
   * Adds `seq` for (key, hi, lo), which is not in the table, before the ring counts `seq` as held.
   * Uses `find`'s spot when still valid; otherwise probes to the first stale or empty slot.
   */
  add(ring: IdRing, seq: number, key: number, hi: number, lo: number): void {
    const t = this.t;
    const mask = this.mask;
    let p = this.spot;
    let h = this.spotHash;
    if (p < 0 || this.spotKey !== key || this.spotHi !== hi || this.spotLo !== lo) {
      h = IdTable.hash(key, hi, lo);
      p = h & mask;
      while (t[(p << 1) + 1] !== 0 && ring.holds(t[p << 1])) p = (p + 1) & mask;
    }
    this.spot = -1;
    if (t[(p << 1) + 1] === 0) this.used++;
    t[p << 1] = seq;
    t[(p << 1) + 1] = h;
  }

  /** Empties the table, sizes it for `ring`, and adds every live id of the ring. */
  rebuild(ring: IdRing): void {
    this.allocate(ring.cap);
    const r = ring.rec;
    for (let d = 0; d < ring.occupied; d++) {
      const b = ring.slotOf((ring.headSeq + d) | 0) << 2;
      if (r[b + 2] !== IdRing.DEAD)
        this.add(ring, (ring.headSeq + d) | 0, r[b + 2], r[b], r[b + 1]);
    }
  }

  /** Removes the live entry `seq` of (key, hi, lo) now (per-key and key-count evictions). */
  remove(seq: number, key: number, hi: number, lo: number): void {
    const t = this.t;
    const mask = this.mask;
    let p = IdTable.hash(key, hi, lo) & mask;
    while (t[p << 1] !== seq || t[(p << 1) + 1] === 0) p = (p + 1) & mask;
    this.deleteAt(p);
  }

  /**
   * Call after each insert: every SWEEP_EVERY inserts the sweep cursor advances over
   * SWEEP_EVERY × SWEEP_PER_INSERT slots, deleting the stale entries it meets. If stale entries
   * ever crowd the table past 7/8 (only when per-key removals keep moving entries behind the
   * cursor, or in tables of a few dozen slots), the whole table is swept at once: checked after
   * every insert, so at least one slot stays empty and every probe ends.
   */
  afterInsert(ring: IdRing): void {
    if (this.used * 8 > (this.mask + 1) * 7) {
      this.sweep(ring, this.mask + 1);
    } else if (++this.inserts === SWEEP_EVERY) {
      this.inserts = 0;
      this.sweep(ring, SWEEP_EVERY * SWEEP_PER_INSERT);
    }
  }

  private sweep(ring: IdRing, slots: number): void {
    const t = this.t;
    const mask = this.mask;
    const headSeq = ring.headSeq;
    const occupied = ring.occupied;
    let p = this.cursor;
    for (let n = Math.min(slots, mask + 1); n > 0; n--) {
      while (t[(p << 1) + 1] !== 0 && (t[p << 1] - headSeq) >>> 0 >= occupied) this.deleteAt(p);
      p = (p + 1) & mask;
    }
    this.cursor = p;
  }

  /** Backward-shift deletion at `p` (no tombstones, no hash recomputation). */
  private deleteAt(hole: number): void {
    const t = this.t;
    const mask = this.mask;
    let p = hole;
    t[(p << 1) + 1] = 0;
    this.used--;
    this.spot = -1;
    for (let q = (p + 1) & mask; t[(q << 1) + 1] !== 0; q = (q + 1) & mask) {
      const ideal = t[(q << 1) + 1] & mask;
      // Move the entry back into the hole unless its ideal position lies cyclically in (p, q].
      const stays = p <= q ? p < ideal && ideal <= q : p < ideal || ideal <= q;
      if (!stays) {
        t[p << 1] = t[q << 1];
        t[(p << 1) + 1] = t[(q << 1) + 1];
        t[(q << 1) + 1] = 0;
        p = q;
      }
    }
  }
}
