/** Linear resolution below 2^LINEAR_BITS µs, then SUB buckets per power of two (~1.6 % width). */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const LINEAR = SUB * 2;
const MAX_EXP = 36; // 2^36 µs ≈ 19 h: far past any latency worth measuring
const BUCKETS = LINEAR + (MAX_EXP - SUB_BITS - 1) * SUB;

/**
 * HDR-style log-linear latency histogram over integer microseconds: fixed memory (a few KB)
 * whatever the count, constant-time record, relative error under 1/64 per bucket. Percentiles
 * report the bucket's upper edge (never understate a tail); max is exact.
 */
export class LogLinearHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private maxUs = 0;
  private minUs = Infinity;
  private sumUs = 0;

  get count(): number {
    return this.total;
  }

  /** Records one latency in milliseconds (fractions kept to the microsecond; < 0 counts as 0). */
  recordMs(ms: number): void {
    this.recordUs(ms * 1000);
  }

  recordUs(us: number): void {
    const v = us > 0 ? Math.round(us) : 0;
    this.counts[bucketOf(v)]++;
    this.total++;
    this.sumUs += v;
    if (v > this.maxUs) this.maxUs = v;
    if (v < this.minUs) this.minUs = v;
  }

  /** Adds another histogram's counts into this one. */
  merge(other: LogLinearHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sumUs += other.sumUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
    if (other.minUs < this.minUs) this.minUs = other.minUs;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.maxUs = 0;
    this.minUs = Infinity;
    this.sumUs = 0;
  }

  /** q in [0, 1]; milliseconds; 0 when empty. */
  percentileMs(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(upperEdgeUs(i), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  get maxMs(): number {
    return this.maxUs / 1000;
  }

  get minMs(): number {
    return this.total === 0 ? 0 : this.minUs / 1000;
  }

  get meanMs(): number {
    return this.total === 0 ? 0 : this.sumUs / this.total / 1000;
  }

  summary(): { p50: number; p99: number; p999: number; max: number; count: number } {
    return {
      p50: round3(this.percentileMs(0.5)),
      p99: round3(this.percentileMs(0.99)),
      p999: round3(this.percentileMs(0.999)),
      max: round3(this.maxMs),
      count: this.total,
    };
  }
}

function bucketOf(v: number): number {
  if (v < LINEAR) return v;
  const exp = Math.min(MAX_EXP - 1, Math.floor(Math.log2(v)));
  const shift = exp - SUB_BITS;
  const sub = Math.min(SUB - 1, Math.floor(v / 2 ** shift) - SUB);
  return LINEAR + (exp - SUB_BITS - 1) * SUB + sub;
}

/** Exclusive upper edge of bucket i, µs (for i < LINEAR: the value itself + 1). */
function upperEdgeUs(i: number): number {
  if (i < LINEAR) return i + 1;
  const k = i - LINEAR;
  const exp = SUB_BITS + 1 + Math.floor(k / SUB);
  const sub = SUB + (k % SUB);
  return (sub + 1) * 2 ** (exp - SUB_BITS);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
