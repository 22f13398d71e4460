import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** Where and on what a benchmark ran, so numbers from different machines are not compared blindly. */
export interface BenchMachine {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemGiB: number;
  /** 1-minute load average when the run started: above cpuCount, other work skewed the numbers. */
  readonly loadAvg1m: number;
  readonly date: string;
}

/**
 * Shared output plumbing for `load/src/bench/*.bench.ts`: the `--json` switch, machine info, and
 * writing `reports/bench-<name>.json` at the repository root. Benchmarks print through
 * process.stdout, never console, so the output stays byte-for-byte what the script wrote.
 */
export class BenchReport {
  /** Repository root, found from this file's location so the cwd does not matter. */
  static readonly rootDir = resolve(__dirname, '..', '..', '..');

  /** True when the script was started with `--json` (e.g. `npm run bench:codec -- --json`). */
  static wantsJson(argv: readonly string[] = process.argv): boolean {
    return argv.includes('--json');
  }

  static machine(): BenchMachine {
    const cpuList = cpus();
    return {
      node: process.version,
      platform: platform(),
      arch: arch(),
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      cpuCount: cpuList.length,
      totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAvg1m: Math.round(loadavg()[0] * 100) / 100,
      date: new Date().toISOString(),
    };
  }

  static print(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Writes `reports/bench-<name>.json` (pretty-printed) and returns its absolute path. */
  static writeJson(name: string, report: unknown): string {
    if (!/^[a-z0-9-]+$/.test(name)) throw new RangeError(`bad report name: ${name}`);
    const dir = join(BenchReport.rootDir, 'reports');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${name}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    return file;
  }
}
