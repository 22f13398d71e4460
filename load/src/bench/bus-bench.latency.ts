/** Latency samples (ms) of one run; sorted once when summarized. Bounded by the run's frames. */
export class BusBenchLatency {
  private readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  summary(): { p50: number; p90: number; p99: number; p999: number; max: number; mean: number } {
    const s = Float64Array.from(this.samples).sort();
    const at = (q: number): number =>
      s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
    const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
    const round = (v: number): number => Math.round(v * 100) / 100;
    return {
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      p999: round(at(0.999)),
      max: round(s.length ? s[s.length - 1] : NaN),
      mean: round(mean),
    };
  }
}
