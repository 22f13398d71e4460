/** Linear sub-buckets per power of two: 64 → every value is kept within ~1.6 %. */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const HALF = SUB / 2;
/** Values are recorded in microseconds; 2^32 µs ≈ 71 min bounds the array (above clamps). */
const MAX_US = 2 ** 32 - 1;
const SIZE = SUB + (32 - SUB_BITS) * HALF;

/**
 * A small HDR-style log-linear histogram of latencies (ms in, µs resolution). Fixed size
 * (~900 counters), O(1) record, mergeable across processes as a plain number array, so the
 * client worker can ship it to the bench over IPC.
 */
export class LatencyHistogram {
  readonly counts: number[];
  total = 0;
  maxMs = 0;

  constructor(counts?: readonly number[]) {
    this.counts = new Array<number>(SIZE).fill(0);
    if (counts) this.merge(counts);
  }

  record(ms: number): void {
    const us = ms <= 0 ? 0 : Math.min(Math.round(ms * 1000), MAX_US);
    this.counts[LatencyHistogram.indexOf(us)]++;
    this.total++;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  merge(counts: readonly number[], maxMs = 0): void {
    for (let i = 0; i < counts.length && i < this.counts.length; i++) {
      this.counts[i] += counts[i];
      this.total += counts[i];
    }
    if (maxMs > this.maxMs) this.maxMs = maxMs;
    if (maxMs === 0 && this.total > 0) {
      for (let i = this.counts.length - 1; i >= 0; i--) {
        if (this.counts[i] > 0) {
          this.maxMs = Math.max(this.maxMs, LatencyHistogram.upperOf(i) / 1000);
          break;
        }
      }
    }
  }

  /** Value (ms) at percentile p (0..100): the upper edge of the bucket holding that rank. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(LatencyHistogram.upperOf(i) / 1000, this.maxMs);
    }
    return this.maxMs;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.maxMs = 0;
  }

  /** Bucket of a µs value: values < 64 are exact, above that 32 linear steps per power of 2. */
  static indexOf(us: number): number {
    if (us < SUB) return us;
    const magnitude = 31 - Math.clz32(us) - SUB_BITS + 1; // us >>> magnitude is in [32, 64)
    return SUB + (magnitude - 1) * HALF + ((us >>> magnitude) - HALF);
  }

  /** Largest µs value that falls in bucket `index`. */
  static upperOf(index: number): number {
    if (index < SUB) return index;
    const magnitude = Math.floor((index - SUB) / HALF) + 1;
    const sub = ((index - SUB) % HALF) + HALF;
    return (sub + 1) * 2 ** magnitude - 1;
  }
}
