/**
 * The largest value recorded over the last one to two periods (two buckets that rotate), so a
 * gauge shows a spike for at least one full period whoever reads it and however often, and
 * forgets it after two. Constant memory; `record` is one comparison on the hot path.
 */
export class RollingMax {
  private current = 0;
  private previous = 0;
  private bucketStart: number;

  constructor(
    private readonly periodMs: number,
    private readonly now: () => number,
  ) {
    this.bucketStart = now();
  }

  record(value: number): void {
    this.rotate();
    if (value > this.current) this.current = value;
  }

  /** Max over the current and the previous period (0 when nothing was recorded in them). */
  read(): number {
    this.rotate();
    return Math.max(this.current, this.previous);
  }

  private rotate(): void {
    const t = this.now();
    const elapsed = t - this.bucketStart;
    if (elapsed < this.periodMs) return;
    // One period passed: the current bucket becomes the previous; more: both are stale.
    this.previous = elapsed < 2 * this.periodMs ? this.current : 0;
    this.current = 0;
    this.bucketStart = t - (elapsed % this.periodMs);
  }
}
