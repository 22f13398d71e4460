import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

interface SamplingNode {
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

interface SamplingProfile {
  readonly head: SamplingNode;
}

/** Live sampled bytes of one allocation site at the window's start and end. */
export interface RetainedSite {
  /** Innermost frames first: `function file:line ← caller …`. */
  readonly site: string;
  readonly startKb: number;
  readonly endKb: number;
}

/**
 * What the gateway's heap holds, by allocation site: V8's sampling heap profiler runs from
 * the gateway's start; its profile, read after each forced full GC (at the start and at the
 * end of the measure window), holds only the sampled allocations still alive. Per site, start
 * vs end tells what the run retained (end > start) and what it let go (end < start). Writes
 * both raw `.heapprofile`s (Chrome DevTools → Memory) and a `.retained.txt` table.
 * (A heap snapshot names the retainers too, but writing one of the bench gateway took 40-50 s
 * here, the gateway stopped meanwhile; sampling costs close to nothing.)
 */
export class RetainedHeapRecorder {
  private readonly session = new Session();
  private readonly reads: SamplingProfile[] = [];

  start(samplingInterval = 16 * 1024): void {
    this.session.connect();
    this.session.post('HeapProfiler.startSampling', { samplingInterval });
  }

  /** Reads the live sampled allocations now (call right after a forced full GC). */
  async read(): Promise<void> {
    this.reads.push(
      await new Promise<SamplingProfile>((resolve, reject) =>
        this.session.post('HeapProfiler.getSamplingProfile', (error, result) =>
          error ? reject(error) : resolve((result as { profile: SamplingProfile }).profile),
        ),
      ),
    );
  }

  /** Stops sampling; writes the first and last read and their per-site difference. */
  write(dir: string, name: string, top = 40): RetainedSite[] {
    this.session.post('HeapProfiler.stopSampling');
    this.session.disconnect();
    const first = this.reads[0];
    const last = this.reads[this.reads.length - 1];
    if (!first || !last) return [];
    writeFileSync(join(dir, `${name}-start.heapprofile`), JSON.stringify(first));
    writeFileSync(join(dir, `${name}-end.heapprofile`), JSON.stringify(last));
    const sites = RetainedHeapRecorder.diff(first.head, last.head).slice(0, top);
    const kb = (v: number): string => v.toFixed(1).padStart(9);
    const lines = sites.map(
      (s) => `${kb(s.startKb)} ${kb(s.endKb)} ${kb(s.endKb - s.startKb)}  ${s.site}`,
    );
    const header = `${'start KB'.padStart(9)} ${'end KB'.padStart(9)} ${'Δ KB'.padStart(9)}  site`;
    writeFileSync(join(dir, `${name}.retained.txt`), `${[header, ...lines].join('\n')}\n`);
    return sites;
  }

  /** Sites of two reads, largest change first. */
  static diff(start: SamplingNode, end: SamplingNode, depth = 4): RetainedSite[] {
    const a = RetainedHeapRecorder.bySite(start, depth);
    const b = RetainedHeapRecorder.bySite(end, depth);
    return [...new Set([...a.keys(), ...b.keys()])]
      .map((site) => ({
        site,
        startKb: (a.get(site) ?? 0) / 1024,
        endKb: (b.get(site) ?? 0) / 1024,
      }))
      .sort((x, y) => Math.abs(y.endKb - y.startKb) - Math.abs(x.endKb - x.startKb));
  }

  /** Self sizes of a sampling tree summed by the innermost `depth` frames of their stack. */
  static bySite(head: SamplingNode, depth: number): Map<string, number> {
    const bySite = new Map<string, number>();
    const walk = (node: SamplingNode, stack: readonly string[]): void => {
      const f = node.callFrame;
      const file = f.url.split('/').slice(-2).join('/');
      const path = [`${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`, ...stack];
      if (node.selfSize > 0) {
        const site = path.slice(0, depth).join(' ← ');
        bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      }
      for (const child of node.children) walk(child, path.slice(0, depth));
    };
    walk(head, []);
    return bySite;
  }
}
