import type { TimelinePoint } from './load-result';

const WIDTH = 30;

/**
 * Live progress on stderr (stdout stays clean for --json): a bar, the rate reaching md.unified
 * and the last second's p99. Redraws in place on a terminal, one line every 5 s otherwise.
 */
export class ProgressBar {
  private readonly tty = process.stderr.isTTY === true;
  private lastLine = 0;

  constructor(
    private readonly durationSec: number,
    private readonly targetRate: number,
  ) {}

  update(p: TimelinePoint): void {
    const frac = Math.min(1, p.t / this.durationSec);
    const filled = Math.round(frac * WIDTH);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${p.t.toFixed(0)}/${this.durationSec}s ` +
      `rate ${fmt(p.rate)}/${fmt(this.targetRate)} ev/s  p99 unified ${p.p99UnifiedMs.toFixed(1)} ms` +
      `  gateway ${p.p99GatewayMs.toFixed(1)} ms`;
    if (this.tty) {
      process.stderr.write(`\r${line}\x1b[K`);
    } else if (p.t - this.lastLine >= 5 || frac >= 1) {
      this.lastLine = p.t;
      process.stderr.write(`${line}\n`);
    }
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
