/**
 * The window's ids in arrival order (which is also time order: the window's clock never goes
 * back). Every insert takes the next int32 sequence number (wrapping at 2^32); the live range is
 * `[headSeq, headSeq + occupied)`, so whether a sequence number is still held is one subtraction
 * and one compare — the id table uses that to expire its entries lazily, without touching them
 * (see IdTable).
 *
 * Per slot: `rec` holds 4 int32 close together — id hi, id lo, key index (DEAD: evicted by the
 * per-key bound), sequence number of the key's next id — plus the arrival time and replica flags.
 * Sequence numbers (not slots) link a key's ids, so growing the ring re-lays slots without
 * rewriting links.
 */
export class IdRing {
  static readonly DEAD = -1;

  cap = 0;
  /** Slot of the oldest entry. */
  head = 0;
  /** Sequence number of the oldest entry (int32, wraps). */
  headSeq = 0;
  /** Entries held: live ids plus tombstones of per-key evictions. */
  occupied = 0;
  rec = new Int32Array(0);
  time = new Float64Array(0);
  flags = new Uint8Array(0);

  /** Empties the ring and sizes it for `cap` slots. */
  allocate(cap: number): void {
    this.cap = cap;
    this.head = 0;
    this.headSeq = 0;
    this.occupied = 0;
    this.rec = new Int32Array(cap * 4);
    this.time = new Float64Array(cap);
    this.flags = new Uint8Array(cap);
  }

  /** True while `seq` is in the live range (valid for sequence numbers less than 2^32 inserts old). */
  holds(seq: number): boolean {
    return (seq - this.headSeq) >>> 0 < this.occupied;
  }

  /** Slot of a held sequence number. */
  slotOf(seq: number): number {
    const s = this.head + ((seq - this.headSeq) >>> 0);
    return s >= this.cap ? s - this.cap : s;
  }

  /** Sequence number and slot the next insert takes. */
  get tailSeq(): number {
    return (this.headSeq + this.occupied) | 0;
  }

  get tailSlot(): number {
    const s = this.head + this.occupied;
    return s >= this.cap ? s - this.cap : s;
  }

  /** Forgets the oldest entry (the caller has read what it needs from its slot). */
  shift(): void {
    this.head = this.head + 1 === this.cap ? 0 : this.head + 1;
    this.headSeq = (this.headSeq + 1) | 0;
    this.occupied--;
  }

  /** Re-lays the entries from slot 0 of a ring of `cap` slots (cap ≥ occupied); numbers are kept. */
  resize(cap: number): void {
    const { rec, time, flags, head, occupied, headSeq } = this;
    const oldCap = this.cap;
    this.allocate(cap);
    const r = this.rec;
    for (let i = 0; i < occupied; i++) {
      const o = head + i < oldCap ? head + i : head + i - oldCap;
      for (let j = 0; j < 4; j++) r[(i << 2) + j] = rec[(o << 2) + j];
      this.time[i] = time[o];
      this.flags[i] = flags[o];
    }
    this.headSeq = headSeq;
    this.occupied = occupied;
  }
}
