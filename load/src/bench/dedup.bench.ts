/**
 * Dedup benchmark (issue 4): copies per second of the dedup window / operator at steady state
 * with a FULL window — 60 s × 600 000 distinct events/s = 36M ids held — before (previous
 * window, frozen in dedup-baseline.*) and after, in the same run; memory per million ids and
 * per million keys; and apps/dedup through a real Kafka broker.
 *
 *   npm run bench:dedup                  table on stdout
 *   npm run bench:dedup -- --json        also writes reports/bench-dedup.json and prints it
 *   npm run bench:dedup -- --quick       1.2M-id window, smaller broker run (smoke run)
 *   npm run bench:dedup -- --no-kafka    skip the broker part
 *
 * Workload (dedup-workload.ts): 300 keys, trades with per-key counting ids (bybit: UUID text),
 * every event from replica A and, 40 arrivals later, from B. Counted: copies (A + B) per CPU
 * second of this process over the dedup calls only: median of the rounds, and the best round
 * (the least disturbed: on a shared 2-core box other processes' cache and memory traffic slows
 * this memory-bound code down in CPU time too).
 * Broker part (dedup-broker.run.ts): KAFKA_BROKERS when set, else an own broker (the
 * ChaosBroker way; jars from `npm run kafka:fetch`). When none can start, that part is skipped
 * with the reason in the table and the report.
 * Run with --expose-gc (the npm script does) so memory deltas are taken after a full GC.
 */
import { DedupWindow } from '@feedgate/dedup';
import { Logger } from '@nestjs/common';
import { loadavg } from 'node:os';
import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';
import { DedupBrokerRun, type DedupBrokerResult } from './dedup-broker.run';
import { DedupEngineRun } from './dedup-engine.run';
import { DedupRawFrames } from './dedup-raw.frames';
import { DedupWindowRun, heapAndBuffersBytes } from './dedup-window.run';
import { DedupWorkload } from './dedup-workload';

const QUICK = process.argv.includes('--quick');
const KAFKA = !process.argv.includes('--no-kafka');
const RATE = 600_000;
const HELD = QUICK ? 1_200_000 : 36_000_000;
const MAX_IDS = Math.ceil(HELD * 1.1);
const TARGET = 3_000_000;
/** Broker run: distinct events (each sent by A and B), events per md.raw frame, partitions. */
const BROKER_DISTINCT = QUICK ? 200_000 : 1_000_000;
const EVENTS_PER_FRAME = 10; // 5 ms linger at 2,000 events/s per key (600k/s over 300 keys)
const PARTITIONS = 12;

const log = (line: string): void => BenchReport.print(`  … ${line}`);

function memoryPerMillionKeys(): number {
  const w = new DedupWindow({ windowMs: 60_000, maxKeys: 1_000_000, initialCapacity: 1_000_000 });
  const ring = heapAndBuffersBytes();
  for (let i = 0; i < 1_000_000; i++) w.offer('binance', `K${i}-USDT`, 0, 1, 0, 'A');
  const used = heapAndBuffersBytes() - ring;
  if (w.stats().keys !== 1_000_000) throw new Error('key count');
  w.clear();
  return used / 2 ** 20;
}

async function brokerPart(): Promise<{
  engine: ReturnType<typeof DedupEngineRun.measure>;
  broker: DedupBrokerResult | { skipped: string };
}> {
  const workload = new DedupWorkload(RATE, Date.now());
  const frames = new DedupRawFrames(EVENTS_PER_FRAME, 20, Date.now());
  for (let n = 0; n < BROKER_DISTINCT; n += 50_000) frames.add(workload.trades(50_000));
  frames.finish();
  const records = frames.take();
  const engine = DedupEngineRun.measure(records, PARTITIONS);
  if (!KAFKA) return { engine, broker: { skipped: '--no-kafka' } };
  try {
    const broker = await DedupBrokerRun.run({
      records,
      distinct: BROKER_DISTINCT,
      arrivals: frames.events,
      partitions: PARTITIONS,
      log,
    });
    return { engine, broker };
  } catch (e) {
    return { engine, broker: { skipped: `no broker run: ${(e as Error).message}` } };
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']); // the bus's Nest debug lines would cut into the table
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    BenchReport.print('warning: run with --expose-gc for exact memory figures');
  }
  const machine = BenchReport.machine();
  BenchReport.print(
    `dedup: ${BenchTable.num(HELD)} ids held (${HELD / RATE} s × 600k/s), 300 keys, A+B copies — ` +
      `${machine.cpuModel} ×${machine.cpuCount}, node ${machine.node}, load ${loadavg()[0].toFixed(1)}`,
  );
  const scenario = { rate: RATE, held: HELD, rounds: QUICK ? 3 : 9, chunk: 2000, chunks: 250 };
  const results = new DedupWindowRun(scenario, log).measure();
  const current = results.find((r) => r.name === 'dedup-window') ?? results[0];
  const perMillionIds = current.memoryFullWindowMb / (MAX_IDS / 1e6); // preallocated to MAX_IDS
  const perMillionKeys = memoryPerMillionKeys();
  const { engine, broker } = await brokerPart();

  const table = new BenchTable([
    { header: 'bench' },
    { header: 'events/s' },
    { header: 'events/cpu-s' },
    { header: 'best cpu-s' },
    { header: 'target (median / best)' },
    { header: 'ids held' },
    { header: 'window MB' },
  ]);
  for (const r of results) {
    table.add([
      r.name,
      r.eventsPerSec,
      r.eventsPerCpuSec,
      r.cpuMax,
      `${r.eventsPerCpuSec >= TARGET ? 'ok' : 'below'} / ${r.cpuMax >= TARGET ? 'ok' : 'below'}`,
      r.windowIds,
      BenchTable.num(r.memoryFullWindowMb, 0),
    ]);
  }
  table.add([
    'dedup-engine (no broker)',
    '-',
    engine.eventsInPerCpuSec,
    '-',
    '-',
    BROKER_DISTINCT,
    '-',
  ]);
  if ('skipped' in broker) {
    table.add(['apps/dedup via Kafka', 'skipped', '-', '-', '-', '-', '-']);
  } else {
    table.add([
      'apps/dedup via Kafka',
      broker.eventsInPerSec,
      broker.eventsInPerCpuSec,
      '-',
      '-',
      BROKER_DISTINCT,
      '-',
    ]);
  }
  BenchReport.print(table.render());
  const fullGiB = (perMillionIds * 36) / 1024;
  BenchReport.print(
    `memory: ${BenchTable.num(perMillionIds, 1)} MB per million ids (typed arrays, preallocated), ` +
      `${BenchTable.num(perMillionKeys, 1)} MB per million keys (1 id each); ` +
      `36M ids = ${BenchTable.num(fullGiB, 2)} GiB of ${machine.totalMemGiB} GiB`,
  );
  BenchReport.print(
    'skipped' in broker
      ? `apps/dedup via Kafka: ${broker.skipped}`
      : `apps/dedup via Kafka (${broker.ownBroker ? 'own broker' : broker.brokers}, ${PARTITIONS} partitions, ` +
          `${EVENTS_PER_FRAME} events/frame): ${BenchTable.num(broker.eventsIn)} copies in, ` +
          `${BenchTable.num(broker.eventsOut)} out in ${broker.drainSec} s = ` +
          `${BenchTable.num(broker.eventsInPerSec)} in/s, ${BenchTable.num(broker.eventsOutPerSec)} out/s; ` +
          `dedup process ${broker.dedupCpuSec} CPU-s, peak RSS ${broker.dedupPeakRssMb} MB; ` +
          `md.unified read back: ${broker.unifiedEvents} events, ${broker.exact ? 'each exactly once' : 'NOT EXACT'}`,
  );
  if (BenchReport.wantsJson()) {
    const report = {
      results,
      targetEventsPerSec: TARGET,
      windowMs: (HELD / RATE) * 1000,
      ratePerSec: RATE,
      idsHeld: HELD,
      maxIds: MAX_IDS,
      memoryPerMillionIdsMb: Math.round(perMillionIds * 10) / 10,
      memoryPerMillionKeysMb: Math.round(perMillionKeys * 10) / 10,
      fullWindowGiB: Math.round(fullGiB * 100) / 100,
      fitsInMemory: fullGiB < machine.totalMemGiB / 4,
      dedupEngine: { distinct: BROKER_DISTINCT, eventsPerFrame: EVENTS_PER_FRAME, ...engine },
      kafkaService: broker,
      machine,
    };
    const file = BenchReport.writeJson('dedup', report);
    BenchReport.print(`\nwrote ${file}`);
    BenchReport.print(JSON.stringify(report, null, 2));
  }
}

main().catch((e: unknown) => {
  BenchReport.print(`bench:dedup failed: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
