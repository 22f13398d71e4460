/**
 * Consumer side of bus.bench.ts, in its own worker thread (own event loop, like a separate
 * dedup process would have): subscribes, stamps every frame's latency (now − header `t`,
 * both epoch ms from performance.timeOrigin + now(), comparable across threads) and reports.
 * Protocol: → {ready}; ← {window, from, to}; ← {stop, expectFrames}; → {result, ...}.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { BusConfig, KafkaBus } from '@feedgate/bus';
import { FrameDecoder } from '@feedgate/codec';

export interface ConsumerWorkerInput {
  readonly brokers: string;
  readonly topic: string;
}

export interface ConsumerWorkerResult {
  readonly type: 'result';
  readonly consumedFrames: number;
  readonly consumedEvents: number;
  readonly windowConsumedEvents: number;
  readonly drainMs: number;
  /** This thread's event-loop utilisation from subscribe to stop, 0..1. */
  readonly loopUtilization: number;
  readonly samples: Float64Array;
}

type Command =
  { type: 'window'; from: number; to: number } | { type: 'stop'; expectFrames: number };

const DRAIN_TIMEOUT_MS = 15_000;
const now = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const port = parentPort!;
  const { brokers, topic } = workerData as ConsumerWorkerInput;
  const bus = new KafkaBus(BusConfig.fromEnv({ ...process.env, KAFKA_BROKERS: brokers }));
  const decoder = new FrameDecoder();
  const samples: number[] = [];
  let from = Infinity;
  let to = Infinity;
  let consumedFrames = 0;
  let consumedEvents = 0;
  let windowConsumedEvents = 0;
  const sub = await bus.subscribe(
    { topics: [topic], groupId: `${topic}.g`, maxBatchRecords: 5000 },
    (batch) => {
      const t = now();
      const inWindow = t >= from && t < to;
      for (const record of batch.records) {
        const sent = record.headers.t.readDoubleBE(0);
        const events = decoder.decodeHeader(record.value).eventCount;
        consumedFrames++;
        consumedEvents += events;
        if (inWindow) windowConsumedEvents += events;
        if (sent >= from && sent < to) samples.push(t - sent);
      }
    },
  );
  const eluStart = performance.eventLoopUtilization();
  port.on('message', (command: Command) => {
    if (command.type === 'window') {
      from = command.from;
      to = command.to;
      return;
    }
    void (async () => {
      const stopAt = now();
      while (consumedFrames < command.expectFrames && now() < stopAt + DRAIN_TIMEOUT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const drainMs = now() - stopAt;
      const loopUtilization = performance.eventLoopUtilization(eluStart).utilization;
      await sub.close();
      await bus.close();
      const result: ConsumerWorkerResult = {
        type: 'result',
        consumedFrames,
        consumedEvents,
        windowConsumedEvents,
        drainMs,
        loopUtilization,
        samples: Float64Array.from(samples),
      };
      port.postMessage(result, [result.samples.buffer as ArrayBuffer]);
    })();
  });
  port.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`bus bench consumer failed: ${String(error)}\n`);
  process.exitCode = 1;
});
