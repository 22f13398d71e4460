/** Which connection replica delivered a copy (DESIGN.md: every subscription runs as A and B). */
export type DedupReplica = 'A' | 'B';

/** Counters of a dedup window; all cumulative since creation except `windowSize`, `keys`, `capacity`. */
export interface DedupStats {
  /** Copies offered (every replica's copy counts). */
  readonly seen: number;
  /** First copies let through. */
  readonly passed: number;
  /** Later copies dropped. */
  readonly duplicates: number;
  /** Items rejected as unusable (only when the operator runs with `invalid: 'drop'`). */
  readonly invalid: number;
  /** First copies by replica: which replica won the race. */
  readonly winsA: number;
  readonly winsB: number;
  /** Dropped copies by the replica that sent them. */
  readonly duplicatesFromA: number;
  readonly duplicatesFromB: number;
  /** Ids that left the window without the other replica's copy having arrived (seen only from A / B). */
  readonly onlyFromA: number;
  readonly onlyFromB: number;
  /** Ids currently held, and keys currently held. */
  readonly windowSize: number;
  readonly keys: number;
  /** Ring slots allocated now (grows by doubling up to maxIds). */
  readonly capacity: number;
  /** Ids that left because they aged out of the time window (the normal way out). */
  readonly expired: number;
  /**
   * Ids evicted by a memory bound BEFORE their time was up ("early evictions"): a copy of one of
   * these arriving later within the window would pass as new. The split says which bound hit.
   */
  readonly earlyEvictions: number;
  readonly evictedByKeyBound: number;
  readonly evictedByTotalBound: number;
  readonly evictedByKeyCount: number;
}
