/**
 * Dedup benchmark (issue 4): events/s of the dedup window class and of the RxJS `dedup()`
 * operator, at steady state with a FULL 60 s window at 600 000 distinct events/s (36M ids held),
 * plus memory per million ids and per million keys.
 *
 *   npm run bench:dedup                 table on stdout
 *   npm run bench:dedup -- --json       also writes reports/bench-dedup.json and prints it
 *   npm run bench:dedup -- --quick      1M-id window instead of 36M (smoke run)
 *
 * Workload: 300 keys (6 exchanges × 50 symbols); every distinct event arrives twice, from replica
 * A and then from replica B a few dozen events later (A/B interleaved); 5/6 of the venues use
 * numeric trade ids, bybit uses UUID-like ids (hashed path). The arrival clock (localTs) advances
 * 1/600 ms per distinct event, so each new id expires about one old id: a steady state.
 * Counted: arrivals (both copies) per second on one core, after a warm-up run.
 * Not here: apps/dedup through the real Kafka broker — that part belongs to the dedup-service
 * work (issue 4 item 3) and is not measured by this script.
 * Run with --expose-gc (the npm script does) so memory deltas are taken after a full GC.
 */
import { Decimal, type TradeEvent } from '@feedgate/core';
import { DedupWindow, dedup, type DedupReplica } from '@feedgate/dedup';
import { loadavg } from 'node:os';
import { Observable } from 'rxjs';
import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';

const QUICK = process.argv.includes('--quick');
const RATE = 600_000; // distinct events per second
const HELD = QUICK ? 1_200_000 : 36_000_000; // ids at steady state: 60 s × 600k/s
const WINDOW_MS = (HELD / RATE) * 1000; // 60 000 (2 000 with --quick)
const MAX_IDS = Math.ceil(HELD * 1.1);
const BATCH = 1_000_000; // distinct events per timed run (2M arrivals)
const RUNS = 3;
const LAG = 40; // B's copy arrives this many arrivals after A's
const TARGET = 3_000_000;
const T0 = 1_700_000_000_000;
const EXCHANGES = ['binance', 'binance-futures', 'coinbase', 'kraken', 'okx', 'bybit'];
const KEYS = EXCHANGES.flatMap((ex) => Array.from({ length: 50 }, (_, i) => [ex, `C${i}-USDT`]));

interface Item {
  readonly event: TradeEvent;
  readonly replica: DedupReplica;
}

const gc = (globalThis as { gc?: () => void }).gc;
const price = Decimal.parse('65000.10');
const amount = Decimal.parse('0.002');
const nextId = new Array<number>(KEYS.length).fill(3_400_000_000);
let distinct = 0; // distinct events generated so far (the clock)

function memBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** `BATCH` distinct trades, each as an A item and a B item, in arrival order. */
function makeBatch(): Item[] {
  const items: Item[] = new Array(2 * BATCH);
  let rnd = 12345 + distinct;
  let k = 0;
  for (let i = 0; i < BATCH; i++) {
    rnd = (Math.imul(rnd, 1103515245) + 12345) | 0;
    const key = (rnd >>> 8) % KEYS.length;
    const [exchange, symbol] = KEYS[key];
    const n = nextId[key]++;
    const id =
      exchange === 'bybit' ? `0c1f${n.toString(16)}-7e2a-4b0c-9d1e-5f6a7b8c9d0e` : String(n);
    const localTs = T0 + (distinct++ * 1000) / RATE;
    const event: TradeEvent = {
      type: 'trade',
      exchange,
      symbol,
      nativeSymbol: symbol,
      ts: localTs - 3,
      localTs,
      id,
      price,
      amount,
      side: 'buy',
    };
    items[k++] = { event, replica: 'A' };
  }
  // Interleave: B's copy of event i lands LAG arrivals after A's.
  const out: Item[] = new Array(2 * BATCH);
  let o = 0;
  for (let i = 0; i < BATCH + LAG; i++) {
    if (i < BATCH) out[o++] = items[i];
    if (i >= LAG) out[o++] = { event: items[i - LAG].event, replica: 'B' };
  }
  return out;
}

/** Fills the window to steady state: HELD synthetic ids spread over the 300 keys, over 60 s. */
function prefill(w: DedupWindow): void {
  for (let i = 0; i < HELD; i++) {
    const [exchange, symbol] = KEYS[i % KEYS.length];
    w.offer(exchange, symbol, 0x40000000, i, T0 + (i * 1000) / RATE - WINDOW_MS, 'A');
  }
}

/** Arrivals per wall-clock second and per CPU second of this process (the box may be shared). */
function timeRun(items: Item[], run: (items: Item[]) => number): [wall: number, cpu: number] {
  gc?.(); // the harness's own garbage (the previous batch) must not be collected on the clock
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const passed = run(items);
  const cpu = process.cpuUsage(cpu0);
  const sec = Number(process.hrtime.bigint() - start) / 1e9;
  if (passed !== BATCH) throw new Error(`expected ${BATCH} passed, got ${passed}`);
  return [items.length / sec, items.length / ((cpu.user + cpu.system) / 1e6)];
}

const viaWindow =
  (w: DedupWindow) =>
  (items: Item[]): number => {
    let passed = 0;
    for (let i = 0; i < items.length; i++) if (w.accept(items[i].event, items[i].replica)) passed++;
    return passed;
  };

const viaOperator =
  (w: DedupWindow) =>
  (items: Item[]): number => {
    let passed = 0;
    const source = new Observable<Item>((s) => {
      for (let i = 0; i < items.length; i++) s.next(items[i]);
      s.complete();
    });
    source
      .pipe(dedup<Item>({ window: w, eventOf: (i) => i.event, replicaOf: (i) => i.replica }))
      .subscribe(() => passed++);
    return passed;
  };

function measure(name: string, make: (w: DedupWindow) => (items: Item[]) => number) {
  distinct = 0; // each measurement starts its clock right after its own prefill
  const before = memBytes();
  const w = new DedupWindow({ windowMs: WINDOW_MS, maxIds: MAX_IDS, initialCapacity: MAX_IDS });
  prefill(w);
  const full = memBytes() - before;
  const run = make(w);
  timeRun(makeBatch(), run); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const [w1, c1] = timeRun(makeBatch(), run);
    wall.push(w1);
    cpu.push(c1);
  }
  const median = (xs: number[]): number =>
    Math.round(xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]);
  const s = w.stats();
  w.clear();
  return {
    name,
    eventsPerSec: median(wall),
    eventsPerCpuSec: median(cpu),
    windowIds: s.windowSize,
    keys: s.keys,
    earlyEvictions: s.earlyEvictions,
    memoryFullWindowMb: full / 2 ** 20,
  };
}

function memoryPerMillionKeys(): number {
  const w = new DedupWindow({
    windowMs: WINDOW_MS,
    maxKeys: 1_000_000,
    initialCapacity: 1_000_000,
  });
  const ring = memBytes();
  for (let i = 0; i < 1_000_000; i++) w.offer('binance', `K${i}-USDT`, 0, 1, T0, 'A');
  const used = memBytes() - ring;
  if (w.stats().keys !== 1_000_000) throw new Error('key count');
  w.clear();
  return used / 2 ** 20;
}

function main(): void {
  if (gc === undefined) BenchReport.print('warning: run with --expose-gc for exact memory figures');
  const machine = BenchReport.machine();
  BenchReport.print(
    `dedup: ${BenchTable.num(HELD)} ids held (${WINDOW_MS / 1000} s × 600k/s), 300 keys, A+B copies, median of ${RUNS} — ${machine.cpuModel} ×${machine.cpuCount}, node ${machine.node}, load ${loadavg()[0].toFixed(1)}\n`,
  );
  const results = [measure('dedup-window', viaWindow), measure('dedup-operator', viaOperator)];
  const perMillionIds = results[0].memoryFullWindowMb / (MAX_IDS / 1e6); // preallocated to MAX_IDS
  const perMillionKeys = memoryPerMillionKeys();
  const table = new BenchTable([
    { header: 'bench' },
    { header: 'events/s' },
    { header: 'events/cpu-s' },
    { header: 'target (cpu-s)' },
    { header: 'ids held' },
    { header: 'early evictions' },
    { header: 'window MB' },
  ]);
  for (const r of results) {
    table.add([
      r.name,
      r.eventsPerSec,
      r.eventsPerCpuSec,
      r.eventsPerCpuSec >= TARGET ? 'ok' : 'BELOW 3M',
      r.windowIds,
      r.earlyEvictions,
      BenchTable.num(r.memoryFullWindowMb, 0),
    ]);
  }
  BenchReport.print(table.render());
  const totalGiB = machine.totalMemGiB;
  const fullGiB = (perMillionIds * 36) / 1024;
  BenchReport.print(
    `memory: ${BenchTable.num(perMillionIds, 1)} MB per million ids (typed arrays, preallocated), ` +
      `${BenchTable.num(perMillionKeys, 1)} MB per million keys (1 id each)\n` +
      `36M ids = ${BenchTable.num(fullGiB, 2)} GiB on this ${totalGiB} GiB box: ${fullGiB < totalGiB / 4 ? 'fits' : 'too big'}; default cap maxIds 40M (36M + 10% headroom)\n` +
      `apps/dedup through Kafka: not measured here (dedup service, later work)`,
  );
  if (BenchReport.wantsJson()) {
    const report = {
      results,
      targetEventsPerSec: TARGET,
      windowMs: WINDOW_MS,
      ratePerSec: RATE,
      idsHeld: HELD,
      maxIds: MAX_IDS,
      memoryPerMillionIdsMb: Math.round(perMillionIds * 10) / 10,
      memoryPerMillionKeysMb: Math.round(perMillionKeys * 10) / 10,
      fullWindowGiB: Math.round(fullGiB * 100) / 100,
      fitsInMemory: fullGiB < totalGiB / 4,
      kafkaService: 'not measured: belongs to apps/dedup (later work)',
      machine,
    };
    const file = BenchReport.writeJson('dedup', report);
    BenchReport.print(`\nwrote ${file}`);
    BenchReport.print(JSON.stringify(report, null, 2));
  }
}

main();
