/**
 * Bus benchmark: framed market data produce → Kafka → consume through @feedgate/bus's KafkaBus,
 * measuring throughput (events/s) and end-to-end latency per frame.
 *
 *   npm run bench:bus                       table on stdout
 *   npm run bench:bus -- --json             also writes reports/bench-bus.json and prints it
 *   options: --rate <events/s> (1000000) --duration <s> (15) --warmup <s> (3)
 *            --frame-events <n> (200) --partitions <n> (12, like md.raw)
 *
 * Frames are real codec frames (libs/codec FrameEncoder, the codec bench's `mix` events),
 * encoded once before the run so the numbers are the bus's, not the codec's. The producer runs
 * on the main thread, the consumer in a worker thread (its own event loop, as the dedup
 * process would have); it reads each frame's header (event count). See bus-bench.run.ts.
 * Needs KAFKA_BROKERS, or starts the local broker with `npm run kafka:up` (left running).
 */
import { loadavg } from 'node:os';
import { BusConfig, KafkaBus, type BusRecord } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';
import { BusBenchBroker } from './bus-bench.broker';
import { runBusBench } from './bus-bench.run';
import { CodecFixtures } from './codec-fixtures';

const TARGET = { eventsPerSec: 1_000_000, p99Ms: 50 };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/** Two frames per key, 240 keys `exchange:symbol` like md.raw. */
function framePool(perFrame: number): BusRecord[] {
  const exchanges = ['binance', 'coinbase', 'kraken', 'okx', 'bybit', 'bitstamp'];
  const keys = exchanges.flatMap((ex) =>
    Array.from({ length: 40 }, (_, i) => `${ex}:SYM${i}-USDT`),
  );
  const encoder = new FrameEncoder();
  const frames = new CodecFixtures(7).frames('mix', keys.length * 2, perFrame);
  return frames.map((events, i) => ({
    key: keys[i % keys.length],
    value: encoder.encode(
      { gateId: 'bench', replica: 'A', epoch: 1, frameSeq: i, firstEventTime: events[0].ts },
      events,
    ),
  }));
}

async function main(): Promise<void> {
  const rate = option('rate', TARGET.eventsPerSec);
  const durationMs = option('duration', 15) * 1000;
  const warmupMs = option('warmup', 3) * 1000;
  const perFrame = option('frame-events', 200);
  const partitions = option('partitions', 12);
  if (warmupMs >= durationMs) throw new Error('--warmup must be shorter than --duration');
  const { brokers, started } = BusBenchBroker.locate();
  const config = BusConfig.fromEnv({ ...process.env, KAFKA_BROKERS: brokers });
  const bus = new KafkaBus(config);
  const topic = `bench.bus.${Date.now().toString(36)}`;
  await bus.ensureTopics([{ topic, partitions }]);
  const pool = framePool(perFrame);
  const frameBytes = pool.reduce((s, r) => s + r.value.length, 0) / pool.length;
  BenchReport.print(
    `bus bench: ${brokers}, ${partitions} partitions, target ${BenchTable.num(rate)} events/s in frames ` +
      `of ${perFrame} events (~${Math.round(frameBytes)} B), ${durationMs / 1000} s (${warmupMs / 1000} s warm-up)`,
  );

  const wallStart = Date.now();
  const counts = await runBusBench(bus, {
    brokers,
    topic,
    rate,
    perFrame,
    durationMs,
    warmupMs,
    pool,
    maxOutstandingBytes: config.maxPendingBytes,
  });
  const wallMs = Date.now() - wallStart;
  await bus.deleteTopics([topic]);
  await bus.close();

  const windowSec = (durationMs - warmupMs) / 1000;
  const lat = counts.latency.summary();
  const ack = counts.ackLatency.summary();
  const consumer = counts.consumer;
  const lostEvents = (counts.sentFrames - counts.failedFrames - consumer.consumedFrames) * perFrame;
  const result = {
    targetEventsPerSec: rate,
    consumedEventsPerSec: Math.round(consumer.windowConsumedEvents / windowSec),
    ackedEventsPerSec: Math.round(counts.windowAckedEvents / windowSec),
    megabytesPerSec:
      Math.round(((consumer.windowConsumedEvents / perFrame) * frameBytes) / windowSec / 1e5) / 10,
    latencyMs: lat,
    publishAckLatencyMs: ack,
    latencySamples: counts.latency.count,
    sentEvents: counts.sentFrames * perFrame,
    skippedEvents: counts.skippedFrames * perFrame,
    failedEvents: counts.failedFrames * perFrame,
    lostEvents,
    drainMs: Math.round(consumer.drainMs),
    processCpuPercent: Math.round((counts.processCpuMs / wallMs) * 100),
    producerLoopUtilizationPercent: Math.round(counts.producerLoopUtilization * 100),
    consumerLoopUtilizationPercent: Math.round(consumer.loopUtilization * 100),
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
  const pass =
    result.consumedEventsPerSec >= TARGET.eventsPerSec &&
    lat.p99 < TARGET.p99Ms &&
    lostEvents === 0;

  const table = new BenchTable([
    { header: 'metric' },
    { header: 'value', align: 'right' },
    { header: 'target', align: 'right' },
  ]);
  table
    .add([
      'events/s consumed',
      BenchTable.num(result.consumedEventsPerSec),
      `>= ${BenchTable.num(TARGET.eventsPerSec)}`,
    ])
    .add(['events/s acknowledged (produce)', BenchTable.num(result.ackedEventsPerSec), ''])
    .add(['MB/s consumed', BenchTable.num(result.megabytesPerSec, 1), ''])
    .add(['end-to-end p50 ms', BenchTable.num(lat.p50, 2), ''])
    .add(['end-to-end p90 ms', BenchTable.num(lat.p90, 2), ''])
    .add(['end-to-end p99 ms', BenchTable.num(lat.p99, 2), `< ${TARGET.p99Ms}`])
    .add(['end-to-end p99.9 ms', BenchTable.num(lat.p999, 2), ''])
    .add(['end-to-end max ms', BenchTable.num(lat.max, 2), ''])
    .add([
      'publish→ack p50 / p99 ms',
      `${BenchTable.num(ack.p50, 2)} / ${BenchTable.num(ack.p99, 2)}`,
      '',
    ])
    .add(['skipped (backpressure) events', BenchTable.num(result.skippedEvents), '0'])
    .add(['lost / failed events', `${lostEvents} / ${result.failedEvents}`, '0 / 0'])
    .add(['drain after send ms', BenchTable.num(result.drainMs), ''])
    .add([
      'process CPU %, both threads (1 core = 100)',
      BenchTable.num(result.processCpuPercent),
      '',
    ])
    .add([
      'event-loop busy % producer / consumer thread',
      `${result.producerLoopUtilizationPercent} / ${result.consumerLoopUtilizationPercent}`,
      '',
    ])
    .add(['load average (1 min)', BenchTable.num(result.loadAverage1m, 2), '']);
  BenchReport.print(table.render() + (pass ? 'PASS' : 'BELOW TARGET'));
  if (started)
    BenchReport.print(
      'note: the broker started for this run is left running (npm run kafka:down stops it)',
    );

  const report = {
    name: 'bus',
    machine: BenchReport.machine(),
    settings: {
      brokers,
      partitions,
      eventsPerFrame: perFrame,
      frameBytes: Math.round(frameBytes),
      durationSec: durationMs / 1000,
      warmupSec: warmupMs / 1000,
      lingerMs: config.lingerMs,
      batchBytes: config.batchBytes,
      maxPendingBytes: config.maxPendingBytes,
      maxInFlight: config.maxInFlight,
      fetchMaxWaitMs: config.fetchMaxWaitMs,
    },
    target: TARGET,
    result,
    pass,
  };
  const file = BenchReport.writeJson('bus', report);
  if (BenchReport.wantsJson()) BenchReport.print(JSON.stringify(report, null, 2));
  BenchReport.print(`report: ${file}`);
  if (lostEvents !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bus bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
