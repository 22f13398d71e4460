/** How long to warm up and measure; the defaults give ~1 s iterations as the brief asks. */
export interface MeasureOptions {
  readonly warmupMs: number;
  readonly iterationMs: number;
  readonly iterations: number;
}

/** A timed step: does some work and returns how many items (events) it processed. */
export type MeasureStep = () => number;

/**
 * Interleaved throughput measurement: every candidate is warmed up (so the JIT has settled),
 * then the candidates take turns, one ~1 s iteration each per round, and each reports the median
 * of its rounds. Taking turns means a burst of load from other processes on a shared machine
 * hits all candidates alike instead of skewing whichever ran at that moment.
 */
export class CodecMeasure {
  /** Results are added here so the optimizer cannot drop the measured work. */
  static sink = 0;

  constructor(private readonly options: MeasureOptions) {}

  /** Items per second (median over rounds) for each step, in input order. */
  run(steps: readonly MeasureStep[]): number[] {
    for (const step of steps) CodecMeasure.loop(step, this.options.warmupMs);
    const samples: number[][] = steps.map(() => []);
    for (let round = 0; round < this.options.iterations; round++) {
      steps.forEach((step, i) =>
        samples[i].push(CodecMeasure.loop(step, this.options.iterationMs)),
      );
    }
    return samples.map(CodecMeasure.median);
  }

  static median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static loop(step: MeasureStep, ms: number): number {
    const start = process.hrtime.bigint();
    const budget = BigInt(Math.round(ms * 1e6));
    let items = 0;
    let elapsed = 0n;
    do {
      items += step();
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budget);
    return items / (Number(elapsed) / 1e9);
  }
}
