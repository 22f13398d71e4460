/** Inclusive integer range. */
export interface IntRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Set of integers stored as sorted disjoint ranges. Ids and sequences are mostly appended in
 * order, so memory stays a handful of ranges however many numbers go in; `maxRanges` bounds
 * the pathological case (the oldest ranges are dropped and `truncated` says so).
 */
export class RangeSet {
  private readonly ranges: { from: number; to: number }[] = [];
  truncated = false;

  constructor(private readonly maxRanges = 10_000) {}

  add(value: number): void {
    this.addRange(value, value);
  }

  addRange(from: number, to: number): void {
    if (to < from) return;
    const r = this.ranges;
    const last = r[r.length - 1];
    // Fast path: appending at or just after the end.
    if (last && from >= last.from) {
      if (from <= last.to + 1) {
        if (to > last.to) last.to = to;
        return;
      }
      r.push({ from, to });
      this.bound();
      return;
    }
    // General path: insert and merge neighbours.
    let i = 0;
    while (i < r.length && r[i].to + 1 < from) i++;
    let j = i;
    let lo = from;
    let hi = to;
    while (j < r.length && r[j].from <= to + 1) {
      lo = Math.min(lo, r[j].from);
      hi = Math.max(hi, r[j].to);
      j++;
    }
    r.splice(i, j - i, { from: lo, to: hi });
    this.bound();
  }

  has(value: number): boolean {
    // Ids mostly arrive in order: most queries are at or past the last range.
    const last = this.ranges[this.ranges.length - 1];
    if (last === undefined || value > last.to) return false;
    if (value >= last.from) return true;
    for (const x of this.ranges) if (value >= x.from && value <= x.to) return true;
    return false;
  }

  /** Numbers in the set. */
  get count(): number {
    let n = 0;
    for (const x of this.ranges) n += x.to - x.from + 1;
    return n;
  }

  toArray(): IntRange[] {
    return this.ranges.map((x) => ({ from: x.from, to: x.to }));
  }

  /** Ranges missing between the smallest and largest member. */
  holes(): IntRange[] {
    const out: IntRange[] = [];
    for (let i = 1; i < this.ranges.length; i++) {
      out.push({ from: this.ranges[i - 1].to + 1, to: this.ranges[i].from - 1 });
    }
    return out;
  }

  private bound(): void {
    if (this.ranges.length > this.maxRanges) {
      this.ranges.splice(0, this.ranges.length - this.maxRanges);
      this.truncated = true;
    }
  }
}
