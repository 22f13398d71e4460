import type { TradeEvent } from '@feedgate/core';
import {
  DedupInvalidEventError,
  resolveWindowOptions,
  type DedupReplica,
  type DedupStats,
  type DedupWindowOptions,
  type EventId,
  type ResolvedWindowOptions,
} from '@feedgate/dedup';
import { BaselineKeyRegistry as KeyRegistry } from './dedup-baseline.keys';
import type { BaselineKeyPartition as KeyPartition } from './dedup-baseline.partition';
import { BaselineIdTable as IdTable } from './dedup-baseline.table';
import { BaselineTradeIdentity } from './dedup-baseline.identity';

const WON_A = 1;
const WON_B = 2;
const CONFIRMED = 4; // the other replica's copy arrived too
const DEAD = -1; // ring slot whose id was evicted by the per-key bound (removed from the table)
const EXPIRE = 0;
const BY_TOTAL = 1;
const BY_KEYS = 2;

/**
 * The dedup window as it was before the lazy-expiry table (frozen copy, benchmark only): every
 * expired id is deleted from the table at once — a second random cache miss per id at 36M ids.
 * `dedup.bench.ts` runs it beside the current DedupWindow on the same events, so "before" and
 * "after" are measured under the same machine load. Trades only (the benchmark's events), with
 * the identity code of that time (BaselineTradeIdentity).
 */
export class BaselineDedupWindow {
  readonly options: ResolvedWindowOptions;
  private readonly keys = new KeyRegistry();
  private readonly scratch: EventId = { hi: 0, lo: 0 };
  private clock = -Infinity;

  private cap = 0;
  private head = 0;
  private occupied = 0; // live + tombstones
  private live = 0;
  /** Per slot, 4 int32 close together: id hi, id lo, key index (DEAD: tombstone), next slot of the key. */
  private rec = new Int32Array(0);
  private ringTime = new Float64Array(0);
  private ringFlags = new Uint8Array(0);
  private readonly table = new IdTable();

  private seen = 0;
  private passed = 0;
  private dupA = 0;
  private dupB = 0;
  private dupOther = 0;
  private winsA = 0;
  private winsB = 0;
  private onlyA = 0;
  private onlyB = 0;
  private expired = 0;
  private byKeyBound = 0;
  private byTotalBound = 0;
  private byKeyCount = 0;
  /** Incremented by the operator in `invalid: 'drop'` mode. */
  invalid = 0;

  constructor(options: DedupWindowOptions = {}) {
    this.options = resolveWindowOptions(options);
    this.allocate(this.options.initialCapacity);
  }

  /** Offers one copy of `event`; true when it is the first copy (pass it on), false for a duplicate. */
  accept(event: TradeEvent, replica?: DedupReplica, now: number = event.localTs): boolean {
    if (!Number.isFinite(now)) {
      throw new DedupInvalidEventError(`dedup: arrival time ${String(now)} is not a finite number`);
    }
    const id = BaselineTradeIdentity.compute(event, this.scratch);
    return this.offer(event.exchange, event.symbol, id.hi, id.lo, now, replica);
  }

  /** Same as accept, with the identity already computed (e.g. by the service while decoding). */
  offer(
    exchange: string,
    symbol: string,
    hi: number,
    lo: number,
    now: number,
    replica?: DedupReplica,
  ): boolean {
    this.seen++;
    if (now > this.clock) this.clock = now;
    const horizon = this.clock - this.options.windowMs;
    while (this.occupied > 0 && this.ringTime[this.head] <= horizon) this.popHead(EXPIRE);

    let part = this.keys.get(exchange, symbol);
    if (part !== undefined) {
      const slot = this.table.find(this.rec, part.index, hi, lo);
      if (slot >= 0) {
        this.duplicate(slot, replica);
        return false;
      }
    }
    if (this.occupied === this.cap) {
      if (this.cap < this.options.maxIds) this.grow();
      else this.popHead(BY_TOTAL);
      if (part !== undefined && part.index < 0) part = undefined; // its last id was just evicted
    }
    if (part === undefined) {
      while (this.keys.size >= this.options.maxKeys && this.occupied > 0) this.popHead(BY_KEYS);
      part = this.keys.create(exchange, symbol);
    }
    if (part.count >= this.options.maxIdsPerKey) this.evictOldestOfKey(part);
    this.insert(part, hi, lo, replica);
    return true;
  }

  stats(): DedupStats {
    return {
      seen: this.seen,
      passed: this.passed,
      duplicates: this.dupA + this.dupB + this.dupOther,
      invalid: this.invalid,
      winsA: this.winsA,
      winsB: this.winsB,
      duplicatesFromA: this.dupA,
      duplicatesFromB: this.dupB,
      onlyFromA: this.onlyA,
      onlyFromB: this.onlyB,
      windowSize: this.live,
      keys: this.keys.size,
      capacity: this.cap,
      expired: this.expired,
      earlyEvictions: this.byKeyBound + this.byTotalBound + this.byKeyCount,
      evictedByKeyBound: this.byKeyBound,
      evictedByTotalBound: this.byTotalBound,
      evictedByKeyCount: this.byKeyCount,
    };
  }

  /**
   * Forgets every id and key and releases the memory down to a minimal ring, even if
   * `initialCapacity` preallocated more (teardown must not re-allocate gigabytes); the ring grows
   * back by doubling if the window is used again. Counters are kept.
   */
  clear(): void {
    this.keys.clear();
    this.head = this.occupied = this.live = 0;
    this.clock = -Infinity;
    this.allocate(Math.min(16, this.options.maxIds));
  }

  private duplicate(slot: number, replica: DedupReplica | undefined): void {
    if (replica === 'A') {
      this.dupA++;
      if ((this.ringFlags[slot] & WON_B) !== 0) this.ringFlags[slot] |= CONFIRMED;
    } else if (replica === 'B') {
      this.dupB++;
      if ((this.ringFlags[slot] & WON_A) !== 0) this.ringFlags[slot] |= CONFIRMED;
    } else {
      this.dupOther++;
    }
  }

  private insert(
    part: KeyPartition,
    hi: number,
    lo: number,
    replica: DedupReplica | undefined,
  ): void {
    let s = this.head + this.occupied;
    if (s >= this.cap) s -= this.cap;
    const r = this.rec;
    const b = s << 2;
    r[b] = hi;
    r[b + 1] = lo;
    r[b + 2] = part.index;
    r[b + 3] = -1;
    this.ringTime[s] = this.clock;
    if (replica === 'A') {
      this.ringFlags[s] = WON_A;
      this.winsA++;
    } else if (replica === 'B') {
      this.ringFlags[s] = WON_B;
      this.winsB++;
    } else {
      this.ringFlags[s] = 0;
    }
    if (part.count === 0) part.head = s;
    else r[(part.tail << 2) + 3] = s;
    part.tail = s;
    part.count++;
    this.occupied++;
    this.live++;
    this.passed++;
    this.table.add(s, IdTable.hash(part.index, hi, lo));
  }

  /** Removes the ring head (oldest slot); a live id there is the oldest id of its key. */
  private popHead(reason: number): void {
    const s = this.head;
    const k = this.rec[(s << 2) + 2];
    if (k !== DEAD) {
      const part = this.keys.at(k);
      this.forget(s, k);
      if (reason === EXPIRE) this.expired++;
      else if (reason === BY_TOTAL) this.byTotalBound++;
      else this.byKeyCount++;
      part.head = this.rec[(s << 2) + 3];
      if (--part.count === 0) this.keys.remove(part);
    }
    this.head = s + 1 === this.cap ? 0 : s + 1;
    this.occupied--;
  }

  /** Per-key bound: drops the key's oldest id, leaving a tombstone in the ring. The key stays. */
  private evictOldestOfKey(part: KeyPartition): void {
    const s = part.head;
    this.forget(s, part.index);
    this.rec[(s << 2) + 2] = DEAD;
    this.byKeyBound++;
    part.head = this.rec[(s << 2) + 3];
    part.count--;
  }

  /** Deletes live slot `s` from the table (backward-shift deletion) and tallies replica coverage. */
  private forget(s: number, key: number): void {
    const f = this.ringFlags[s];
    if ((f & CONFIRMED) === 0) {
      if (f === WON_A) this.onlyA++;
      else if (f === WON_B) this.onlyB++;
    }
    this.live--;
    const b = s << 2;
    this.table.remove(s, IdTable.hash(key, this.rec[b], this.rec[b + 1]));
  }

  /** Doubles the ring (up to maxIds), laying it out from slot 0, and rebuilds the table. */
  private grow(): void {
    const oldCap = this.cap;
    const head = this.head;
    const n = this.occupied;
    const [rec, time, flags] = [this.rec, this.ringTime, this.ringFlags];
    this.allocate(Math.min(this.options.maxIds, Math.max(oldCap * 2, 1024)));
    const moved = (s: number): number => (s < 0 ? s : s >= head ? s - head : s + oldCap - head);
    const r = this.rec;
    for (let i = 0; i < n; i++) {
      const o = head + i < oldCap ? head + i : head + i - oldCap;
      r[i << 2] = rec[o << 2];
      r[(i << 2) + 1] = rec[(o << 2) + 1];
      r[(i << 2) + 2] = rec[(o << 2) + 2];
      r[(i << 2) + 3] = moved(rec[(o << 2) + 3]);
      this.ringTime[i] = time[o];
      this.ringFlags[i] = flags[o];
    }
    this.occupied = n;
    this.keys.forEach((part) => {
      part.head = moved(part.head);
      part.tail = moved(part.tail);
    });
    for (let s = 0; s < n; s++) {
      const k = r[(s << 2) + 2];
      if (k !== DEAD) this.table.add(s, IdTable.hash(k, r[s << 2], r[(s << 2) + 1]));
    }
  }

  private allocate(cap: number): void {
    this.cap = cap;
    this.head = 0;
    this.occupied = 0;
    this.rec = new Int32Array(cap * 4);
    this.ringTime = new Float64Array(cap);
    this.ringFlags = new Uint8Array(cap);
    this.table.allocate(cap);
  }
}
