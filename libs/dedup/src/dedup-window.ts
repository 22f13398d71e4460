import type { UnifiedEvent } from '@feedgate/core';
import { BY_KEYS, BY_KEY_BOUND, BY_TOTAL, DedupCounts, EXPIRE } from './dedup-counts';
import type { DedupReplica, DedupStats } from './dedup-stats';
import {
  DedupWindowOptions,
  resolveWindowOptions,
  type ResolvedWindowOptions,
} from './dedup-window.options';
import { DedupInvalidEventError } from './errors/dedup-invalid-event.error';
import { EventIdentity, type EventId } from './event-identity';
import { IdRing } from './id-ring';
import { IdTable } from './id-table';
import { KeyPartition } from './key-partition';
import { KeyRegistry } from './key-registry';

/** Events whose table slots `acceptAll` loads ahead together (bounded by the CPU's open misses). */
const BATCH = 64;

/**
 * Bounded "first copy wins" window over event identities, usable without RxJS (the operator and
 * the Kafka dedup service both drive it).
 *
 * Clock: ARRIVAL time, not exchange time — the caller passes `now` (by default the event's
 * `localTs`, or an injected clock). The window's clock is the maximum `now` seen, so it never goes
 * backwards, and an id leaves once `clock - arrival > windowMs`. A replica lagging by up to
 * `windowMs` therefore still has its copies recognized, and a replay of old exchange times does
 * not expire anything by itself.
 *
 * Layout (no per-id JS objects, so 36M ids cost no GC work): an IdRing of ids in arrival order —
 * id hi/lo (int32), key index, next id of the same key, arrival time, replica flags — plus an
 * IdTable (open addressing) from (key, hi, lo) to ring sequence number. About 38 bytes per id at
 * the full bound (ring 25 B + table ≥ 1.6 slots of 8 B).
 *
 * Cost model at 36M ids (nothing fits a cache): a new id costs at most one random cache miss
 * (its table line; counting ids of a key share lines, see IdTable.hash); expiry walks the ring
 * head sequentially and leaves the table entry to a sequential sweep (IdTable); the second
 * replica's copy usually finds the line still cached; `acceptAll` overlaps the misses of a batch.
 *
 * Exactness: a duplicate is reported only after comparing the full stored id (key, hi, lo), so
 * the 32-bit table hash never merges two events; the id itself is exact for numeric ids and a
 * 64-bit hash otherwise (EventIdentity: ~2^-63 per pair of distinct ids of one key).
 *
 * Eviction policy (every bound is hard; `DedupStats` counts each early eviction by cause):
 * - time: ids leave oldest-first from the ring head when older than the window (`expired`);
 * - per key, at most `maxIdsPerKey`: the key's OLDEST id is evicted (per-key FIFO; its slot stays
 *   in the ring as a tombstone until the head passes it);
 * - overall, at most `maxIds` ring slots: the globally OLDEST slot is evicted (global FIFO);
 * - at most `maxKeys` keys: oldest ids are evicted until some key holds none; a key is dropped as
 *   soon as it holds no id.
 * Trade-off: an id evicted early lets a late duplicate of it through; we cannot see that case
 * without remembering the id, so we count the early evictions that make it possible.
 */
export class DedupWindow {
  /** Verdicts of `acceptAll`. */
  static readonly DUPLICATE = 0;
  static readonly FIRST = 1;
  static readonly INVALID = 2;

  readonly options: ResolvedWindowOptions;
  /** Incremented by the operator in `invalid: 'drop'` mode. */
  invalid = 0;
  private readonly keys = new KeyRegistry();
  private readonly ring = new IdRing();
  private readonly table = new IdTable();
  private readonly counts = new DedupCounts();
  private readonly scratch: EventId = { hi: 0, lo: 0 };
  private clock = -Infinity;
  private live = 0;
  private readonly batchHi = new Int32Array(BATCH);
  private readonly batchLo = new Int32Array(BATCH);
  private readonly batchPos = new Int32Array(BATCH);
  private readonly batchParts: (KeyPartition | undefined)[] = new Array(BATCH).fill(undefined);
  /** Sink of the prefetch loads (kept so that they are not optimized away). */
  private prefetched = 0;

  constructor(options: DedupWindowOptions = {}) {
    this.options = resolveWindowOptions(options);
    this.allocate(this.options.initialCapacity);
  }

  /** Offers one copy of `event`; true when it is the first copy (pass it on), false for a duplicate. */
  accept(event: UnifiedEvent, replica?: DedupReplica, now: number = event.localTs): boolean {
    if (!Number.isFinite(now)) {
      throw new DedupInvalidEventError(`dedup: arrival time ${String(now)} is not a finite number`);
    }
    const id = EventIdentity.compute(event, this.scratch);
    const part = this.keys.get(event.exchange, event.symbol);
    return this.offerTo(part, event.exchange, event.symbol, id.hi, id.lo, now, replica);
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
    return this.offerTo(this.keys.get(exchange, symbol), exchange, symbol, hi, lo, now, replica);
  }

  /**
   * Offers `events` in order, as that many `accept` calls would (each event's `localTs` is its
   * arrival time), writing a verdict per event into `verdicts`: FIRST, DUPLICATE, or INVALID
   * (no identity or no finite time: skipped, never thrown). `replicas` is one replica for all
   * (a frame) or one per event. Returns the number of first copies.
   *
   * Why a batch: at 36M ids every new id's table slot is a DRAM miss (~300 ns measured here with
   * 4 KiB pages: page walk + line), and one `accept` at a time waits for each in turn. Here the
   * table slots of up to 64 events are loaded in one tight loop first, so their misses overlap,
   * and the decisions that follow find them in cache. The decisions are those of `accept`.
   */
  acceptAll(
    events: readonly UnifiedEvent[],
    replicas: DedupReplica | undefined | readonly (DedupReplica | undefined)[],
    verdicts: Uint8Array,
  ): number {
    const perEvent = typeof replicas === 'object';
    const { batchHi: his, batchLo: los, batchPos: pos, batchParts: parts } = this;
    let firsts = 0;
    for (let base = 0; base < events.length; base += BATCH) {
      const n = Math.min(BATCH, events.length - base);
      for (let j = 0; j < n; j++) {
        const e = events[base + j];
        const id = Number.isFinite(e.localTs) ? this.identityOf(e) : undefined;
        if (id === undefined) {
          pos[j] = -1;
          continue;
        }
        his[j] = id.hi;
        los[j] = id.lo;
        const part = this.keys.get(e.exchange, e.symbol);
        parts[j] = part;
        pos[j] = part === undefined ? 0 : this.table.slotFor(part.index, id.hi, id.lo);
      }
      this.prefetched ^= this.table.touch(pos, n);
      for (let j = 0; j < n; j++) {
        const i = base + j;
        if (pos[j] < 0) {
          verdicts[i] = DedupWindow.INVALID;
          continue;
        }
        const e = events[i];
        let part = parts[j];
        // an earlier event of this batch may have created the key, or evicted it
        if (part === undefined || part.index < 0) part = this.keys.get(e.exchange, e.symbol);
        const replica = perEvent ? replicas[i] : replicas;
        if (this.offerTo(part, e.exchange, e.symbol, his[j], los[j], e.localTs, replica)) {
          verdicts[i] = DedupWindow.FIRST;
          firsts++;
        } else {
          verdicts[i] = DedupWindow.DUPLICATE;
        }
      }
    }
    return firsts;
  }

  stats(): DedupStats {
    return this.counts.snapshot(this.invalid, this.live, this.keys.size, this.ring.cap);
  }

  /**
   * Forgets every id and key and releases the memory down to a minimal ring, even if
   * `initialCapacity` preallocated more (teardown must not re-allocate gigabytes); the ring grows
   * back by doubling if the window is used again. Counters are kept.
   */
  clear(): void {
    this.keys.clear();
    this.live = 0;
    this.clock = -Infinity;
    this.batchParts.fill(undefined);
    this.allocate(Math.min(16, this.options.maxIds));
  }

  /** `part`: the key's partition as `keys.get` returns it now. */
  private offerTo(
    part: KeyPartition | undefined,
    exchange: string,
    symbol: string,
    hi: number,
    lo: number,
    now: number,
    replica: DedupReplica | undefined,
  ): boolean {
    this.counts.seen++;
    if (now > this.clock) this.clock = now;
    const ring = this.ring;
    const horizon = this.clock - this.options.windowMs;
    while (ring.occupied > 0 && ring.time[ring.head] <= horizon) this.popHead(EXPIRE);
    if (part !== undefined && part.index < 0) part = undefined; // its last id just expired

    if (part !== undefined) {
      const slot = this.table.find(ring, part.index, hi, lo);
      if (slot >= 0) {
        ring.flags[slot] = this.counts.duplicate(ring.flags[slot], replica);
        return false;
      }
    }
    if (ring.occupied === ring.cap) {
      if (ring.cap < this.options.maxIds) this.grow();
      else this.popHead(BY_TOTAL);
      if (part !== undefined && part.index < 0) part = undefined; // its last id was just evicted
    }
    if (part === undefined) {
      while (this.keys.size >= this.options.maxKeys && ring.occupied > 0) this.popHead(BY_KEYS);
      part = this.keys.create(exchange, symbol);
    }
    if (part.count >= this.options.maxIdsPerKey) this.evictOldestOfKey(part);
    this.insert(part, hi, lo, replica);
    return true;
  }

  private identityOf(e: UnifiedEvent): EventId | undefined {
    try {
      return EventIdentity.compute(e, this.scratch);
    } catch {
      return undefined;
    }
  }

  private insert(
    part: KeyPartition,
    hi: number,
    lo: number,
    replica: DedupReplica | undefined,
  ): void {
    const ring = this.ring;
    const seq = ring.tailSeq;
    const s = ring.tailSlot;
    const r = ring.rec;
    const b = s << 2;
    r[b] = hi;
    r[b + 1] = lo;
    r[b + 2] = part.index;
    ring.time[s] = this.clock;
    ring.flags[s] = this.counts.first(replica);
    if (part.count === 0) part.head = seq;
    else r[(ring.slotOf(part.tail) << 2) + 3] = seq;
    part.tail = seq;
    part.count++;
    this.table.add(ring, seq, part.index, hi, lo);
    ring.occupied++;
    this.live++;
    this.table.afterInsert(ring);
  }

  /**
   * Removes the ring head (oldest slot); a live id there is the oldest id of its key. Its table
   * entry is left stale for the sweep (IdTable): no random access here.
   */
  private popHead(reason: number): void {
    const ring = this.ring;
    const b = ring.head << 2;
    const k = ring.rec[b + 2];
    if (k !== IdRing.DEAD) {
      const part = this.keys.at(k);
      this.counts.left(ring.flags[ring.head], reason);
      this.live--;
      part.head = ring.rec[b + 3];
      if (--part.count === 0) this.keys.remove(part);
    }
    ring.shift();
  }

  /** Per-key bound: drops the key's oldest id, leaving a tombstone in the ring. The key stays. */
  private evictOldestOfKey(part: KeyPartition): void {
    const ring = this.ring;
    const s = ring.slotOf(part.head);
    const b = s << 2;
    this.table.remove(part.head, part.index, ring.rec[b], ring.rec[b + 1]);
    this.counts.left(ring.flags[s], BY_KEY_BOUND);
    this.live--;
    ring.rec[b + 2] = IdRing.DEAD;
    part.head = ring.rec[b + 3];
    part.count--;
  }

  /** Doubles the ring (up to maxIds), laying it out from slot 0, and rebuilds the table. */
  private grow(): void {
    this.ring.resize(Math.min(this.options.maxIds, Math.max(this.ring.cap * 2, 1024)));
    this.table.rebuild(this.ring);
  }

  private allocate(cap: number): void {
    this.ring.allocate(cap);
    this.table.allocate(cap);
  }
}
