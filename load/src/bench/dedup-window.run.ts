import type { TradeEvent } from '@feedgate/core';
import { DedupWindow, EventIdentity, dedup, type EventId } from '@feedgate/dedup';
import { Observable, type Subscriber } from 'rxjs';
import { BaselineTradeIdentity } from './dedup-baseline.identity';
import { BaselineDedupWindow } from './dedup-baseline.window';
import { DedupWorkload, type DedupArrivals, type DedupItem } from './dedup-workload';

export interface DedupWindowScenario {
  /** Distinct events per second (the arrival clock) and ids held at steady state. */
  readonly rate: number;
  readonly held: number;
  readonly rounds: number;
  /** Distinct events per timed chunk, and chunks per variant per round. */
  readonly chunk: number;
  readonly chunks: number;
}

export interface DedupVariantResult {
  readonly name: string;
  readonly what: string;
  /** Copies (A + B) per wall second and per CPU second of this process: median of the rounds. */
  readonly eventsPerSec: number;
  readonly eventsPerCpuSec: number;
  readonly cpuMin: number;
  readonly cpuMax: number;
  readonly windowIds: number;
  readonly keys: number;
  readonly earlyEvictions: number;
  readonly memoryFullWindowMb: number;
}

interface Variant {
  readonly name: string;
  readonly what: string;
  readonly workload: DedupWorkload;
  readonly memoryMb: number;
  readonly stats: () => { windowSize: number; keys: number; earlyEvictions: number };
  /** Runs one chunk; returns first copies passed. */
  readonly run: (a: DedupArrivals) => number;
  readonly wall: number[];
  readonly cpu: number[];
}

const gc = (globalThis as { gc?: () => void }).gc;

export function heapAndBuffersBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Steady state of a FULL window (`held` ids, e.g. 60 s × 600k/s = 36M) for four ways of
 * deduplicating the same stream: the previous window (baseline), today's window one event at a
 * time, today's window by batch (`acceptAll`), and the RxJS `dedup()` operator. Rounds
 * alternate the variants, so machine noise (a shared box) hits them alike; each round's CPU
 * rate is taken over the dedup calls only (events are generated outside the timed part).
 */
export class DedupWindowRun {
  constructor(
    private readonly s: DedupWindowScenario,
    private readonly log: (line: string) => void,
  ) {}

  measure(): DedupVariantResult[] {
    const { s } = this;
    const windowMs = (s.held / s.rate) * 1000;
    const maxIds = Math.ceil(s.held * 1.1);
    const t0 = 1_700_000_000_000;
    const options = { windowMs, maxIds, initialCapacity: maxIds };

    // Each window is filled with the stream's own last `held` ids, then measured as it goes on.
    const start = t0 - windowMs;
    const scratch = { ...new DedupWorkload(s.rate, 0).trades(1)[0] };
    const identityBy =
      (compute: (e: TradeEvent, out: EventId) => EventId) =>
      (exchange: string, id: string): EventId =>
        compute(Object.assign(scratch, { exchange, id }), { hi: 0, lo: 0 });
    let before = heapAndBuffersBytes();
    const old = new BaselineDedupWindow(options);
    const oldStream = new DedupWorkload(s.rate, start);
    oldStream.prefill(
      s.held,
      identityBy((e, out) => BaselineTradeIdentity.compute(e, out)),
      (e, sym, hi, lo, t) => old.offer(e, sym, hi, lo, t, 'A'),
    );
    const oldMb = (heapAndBuffersBytes() - before) / 2 ** 20;
    before = heapAndBuffersBytes();
    const w = new DedupWindow(options);
    const shared = new DedupWorkload(s.rate, start);
    shared.prefill(
      s.held,
      identityBy((e, out) => EventIdentity.compute(e, out)),
      (e, sym, hi, lo, t) => w.offer(e, sym, hi, lo, t, 'A'),
    );
    const newMb = (heapAndBuffersBytes() - before) / 2 ** 20;
    this.log(
      `prefilled: ${s.held} ids, baseline ${oldMb.toFixed(0)} MB, now ${newMb.toFixed(0)} MB`,
    );

    const verdicts = new Uint8Array(4 * s.chunk);
    // A long-lived source emitting through its subscriber, as a bus consumer's stream does.
    let input: Subscriber<DedupItem> | undefined;
    let fromOperator = 0;
    new Observable<DedupItem>((subscriber) => {
      input = subscriber;
    })
      .pipe(dedup({ window: w, eventOf: (i) => i.event, replicaOf: (i) => i.replica }))
      .subscribe(() => fromOperator++);
    const variant = (
      name: string,
      what: string,
      workload: DedupWorkload,
      memoryMb: number,
      stats: Variant['stats'],
      run: Variant['run'],
    ): Variant => ({ name, what, workload, memoryMb, stats, run, wall: [], cpu: [] });
    const variants: Variant[] = [
      variant(
        'baseline-window',
        'before: previous window, accept()',
        oldStream,
        oldMb,
        () => old.stats(),
        (a) => {
          let n = 0;
          for (let i = 0; i < a.events.length; i++) if (old.accept(a.events[i], a.replicas[i])) n++;
          return n;
        },
      ),
      variant(
        'dedup-window',
        'DedupWindow.accept() per event',
        shared,
        newMb,
        () => w.stats(),
        (a) => {
          let n = 0;
          for (let i = 0; i < a.events.length; i++) if (w.accept(a.events[i], a.replicas[i])) n++;
          return n;
        },
      ),
      variant(
        'dedup-window-batch',
        'DedupWindow.acceptAll() per chunk',
        shared,
        newMb,
        () => w.stats(),
        (a) => w.acceptAll(a.events, a.replicas, verdicts),
      ),
      variant(
        'dedup-operator',
        'RxJS dedup() operator',
        shared,
        newMb,
        () => w.stats(),
        (a) => {
          const start = fromOperator;
          const sink = input as Subscriber<DedupItem>;
          for (let i = 0; i < a.items.length; i++) sink.next(a.items[i]);
          return fromOperator - start;
        },
      ),
    ];
    for (let round = -1; round < s.rounds; round++) {
      for (const v of variants) this.round(v, round >= 0);
    }
    input?.complete();
    const results = variants.map((v) => this.result(v));
    old.clear();
    w.clear();
    return results;
  }

  private round(v: Variant, timed: boolean): void {
    let arrivals = 0;
    let wallNs = 0n;
    let cpuUs = 0;
    for (let c = 0; c < this.s.chunks; c++) {
      const before = v.workload.distinct;
      const a = v.workload.next(this.s.chunk);
      const t = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      const passed = v.run(a);
      const cpu = process.cpuUsage(cpu0);
      wallNs += process.hrtime.bigint() - t;
      cpuUs += cpu.user + cpu.system;
      arrivals += a.events.length;
      if (passed !== v.workload.distinct - before) {
        throw new Error(
          `${v.name}: ${passed} first copies, expected ${v.workload.distinct - before}`,
        );
      }
    }
    if (!timed) return;
    v.wall.push(arrivals / (Number(wallNs) / 1e9));
    v.cpu.push(arrivals / (cpuUs / 1e6));
  }

  private result(v: Variant): DedupVariantResult {
    const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
    const median = (xs: number[]): number => Math.round(sorted(xs)[Math.floor(xs.length / 2)]);
    const st = v.stats();
    return {
      name: v.name,
      what: v.what,
      eventsPerSec: median(v.wall),
      eventsPerCpuSec: median(v.cpu),
      cpuMin: Math.round(sorted(v.cpu)[0]),
      cpuMax: Math.round(sorted(v.cpu)[v.cpu.length - 1]),
      windowIds: st.windowSize,
      keys: st.keys,
      earlyEvictions: st.earlyEvictions,
      memoryFullWindowMb: Math.round(v.memoryMb * 10) / 10,
    };
  }
}
