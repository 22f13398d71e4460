import type { DedupReplica, DedupStats } from './dedup-stats';

/** Replica flags of a ring slot. */
export const WON_A = 1;
export const WON_B = 2;
/** The other replica's copy arrived too. */
export const CONFIRMED = 4;

/** Why an id left the window. */
export const EXPIRE = 0;
export const BY_TOTAL = 1;
export const BY_KEYS = 2;
export const BY_KEY_BOUND = 3;

/** The cumulative counters of a DedupWindow (plain fields: bumped on every event). */
export class DedupCounts {
  seen = 0;
  passed = 0;
  dupA = 0;
  dupB = 0;
  dupOther = 0;
  winsA = 0;
  winsB = 0;
  onlyA = 0;
  onlyB = 0;
  expired = 0;
  byKeyBound = 0;
  byTotalBound = 0;
  byKeyCount = 0;

  /** A later copy from `replica` of the id whose slot flags are `flags`; returns the new flags. */
  duplicate(flags: number, replica: DedupReplica | undefined): number {
    if (replica === 'A') {
      this.dupA++;
      return (flags & WON_B) !== 0 ? flags | CONFIRMED : flags;
    }
    if (replica === 'B') {
      this.dupB++;
      return (flags & WON_A) !== 0 ? flags | CONFIRMED : flags;
    }
    this.dupOther++;
    return flags;
  }

  /** A first copy from `replica`; returns the slot flags to store. */
  first(replica: DedupReplica | undefined): number {
    this.passed++;
    if (replica === 'A') {
      this.winsA++;
      return WON_A;
    }
    if (replica === 'B') {
      this.winsB++;
      return WON_B;
    }
    return 0;
  }

  /** An id with slot flags `flags` leaves the window for `reason`. */
  left(flags: number, reason: number): void {
    if ((flags & CONFIRMED) === 0) {
      if (flags === WON_A) this.onlyA++;
      else if (flags === WON_B) this.onlyB++;
    }
    if (reason === EXPIRE) this.expired++;
    else if (reason === BY_TOTAL) this.byTotalBound++;
    else if (reason === BY_KEYS) this.byKeyCount++;
    else this.byKeyBound++;
  }

  snapshot(invalid: number, windowSize: number, keys: number, capacity: number): DedupStats {
    return {
      seen: this.seen,
      passed: this.passed,
      duplicates: this.dupA + this.dupB + this.dupOther,
      invalid,
      winsA: this.winsA,
      winsB: this.winsB,
      duplicatesFromA: this.dupA,
      duplicatesFromB: this.dupB,
      onlyFromA: this.onlyA,
      onlyFromB: this.onlyB,
      windowSize,
      keys,
      capacity,
      expired: this.expired,
      earlyEvictions: this.byKeyBound + this.byTotalBound + this.byKeyCount,
      evictedByKeyBound: this.byKeyBound,
      evictedByTotalBound: this.byTotalBound,
      evictedByKeyCount: this.byKeyCount,
    };
  }
}
