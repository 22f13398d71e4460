import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BusRecord, MarketBus } from '@feedgate/bus';
import type { ConsumerWorkerInput, ConsumerWorkerResult } from './bus-bench.consumer.worker';
import { BusBenchLatency } from './bus-bench.latency';

export interface BusBenchPlan {
  readonly brokers: string;
  readonly topic: string;
  readonly rate: number;
  readonly perFrame: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly pool: readonly BusRecord[];
  /** Bytes of publish() calls not yet acknowledged; beyond it the pacer skips (counted). */
  readonly maxOutstandingBytes: number;
}

export interface BusBenchCounts {
  /** Frames the pacer wanted to send but could not because publish() was backpressuring. */
  readonly skippedFrames: number;
  readonly sentFrames: number;
  readonly failedFrames: number;
  /** Events acknowledged (by ack time) inside the measurement window. */
  readonly windowAckedEvents: number;
  /** CPU of the whole process (both threads: Node 20 has no per-thread figure). */
  readonly processCpuMs: number;
  /** Producer (main) thread event-loop utilisation over the run, 0..1: near 1 = CPU-bound. */
  readonly producerLoopUtilization: number;
  readonly consumer: ConsumerWorkerResult;
  readonly latency: BusBenchLatency;
  readonly ackLatency: BusBenchLatency;
}

const MAX_FRAMES_PER_CALL = 50;
/** Backlog the pacer keeps when the bus pushes back; beyond it frames are skipped (counted). */
const MAX_BACKLOG_MS = 100;

const now = (): number => performance.timeOrigin + performance.now();
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One benchmark run: a paced producer here, the consumer in a worker thread. Frames carry in
 * header `t` the time the pacer owed them (so a backlog before publish() counts as latency).
 * Latency = consume time − t for frames due after the warm-up; throughput = what was
 * consumed (and acknowledged) during the window.
 */
export async function runBusBench(bus: MarketBus, plan: BusBenchPlan): Promise<BusBenchCounts> {
  const { brokers, topic, rate, perFrame, durationMs, warmupMs, pool, maxOutstandingBytes } = plan;
  const input: ConsumerWorkerInput = { brokers, topic };
  const worker = new Worker(join(__dirname, 'bus-bench.consumer.worker.ts'), { workerData: input });
  const failedWorker = once(worker, 'error').then(([error]) => Promise.reject(error as Error));
  await Promise.race([once(worker, 'message'), failedWorker]);

  const ackLatency = new BusBenchLatency();
  const framesPerMs = rate / perFrame / 1000;
  let owedBase = 0;
  let sentFrames = 0;
  let skippedFrames = 0;
  let failedFrames = 0;
  let windowAckedEvents = 0;
  let outstanding = 0;
  let outstandingBytes = 0;
  let next = 0;
  const cpuStart = process.cpuUsage();
  const eluStart = performance.eventLoopUtilization();
  const start = now();
  const from = start + warmupMs;
  const to = start + durationMs;
  worker.postMessage({ type: 'window', from, to });
  while (now() < to) {
    let owed = Math.floor((now() - start) * framesPerMs) - owedBase - sentFrames;
    const backlogCap = Math.ceil(framesPerMs * MAX_BACKLOG_MS);
    if (owed > backlogCap) {
      skippedFrames += owed - backlogCap;
      owedBase += owed - backlogCap;
      owed = backlogCap;
    }
    // Bounded by bytes, not calls: a queue of blocked publish() calls in front of the bus
    // would otherwise hold seconds of data (50 frames of 64 KB per call) and the latency
    // measured would be this pacer's queue. The bus's own buffer is the only queue allowed.
    while (owed > 0 && outstandingBytes < maxOutstandingBytes) {
      const n = Math.min(owed, MAX_FRAMES_PER_CALL);
      // Stamped with the time the call's first frame was due, not the call time: waiting in
      // this pacer's backlog (up to MAX_BACKLOG_MS) counts as latency, like waiting in the bus.
      const calledAt = start + (owedBase + sentFrames) / framesPerMs;
      const t = Buffer.alloc(8);
      t.writeDoubleBE(calledAt, 0);
      const records: BusRecord[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++, next = (next + 1) % pool.length) {
        records.push({ key: pool[next].key, value: pool[next].value, headers: { t } });
        bytes += pool[next].value.length;
      }
      owed -= n;
      sentFrames += n;
      outstanding++;
      outstandingBytes += bytes;
      bus.publish(topic, records).then(
        () => {
          const ackedAt = now();
          if (calledAt >= from && calledAt < to) ackLatency.add(ackedAt - calledAt);
          if (ackedAt >= from && ackedAt < to) windowAckedEvents += n * perFrame;
          outstanding--;
          outstandingBytes -= bytes;
        },
        () => {
          failedFrames += n;
          outstanding--;
          outstandingBytes -= bytes;
        },
      );
    }
    await tick(1);
  }
  while (outstanding > 0) await tick(5);
  worker.postMessage({ type: 'stop', expectFrames: sentFrames - failedFrames });
  const [consumer] = (await Promise.race([once(worker, 'message'), failedWorker])) as [
    ConsumerWorkerResult,
  ];
  const cpu = process.cpuUsage(cpuStart);
  const elu = performance.eventLoopUtilization(eluStart);
  await worker.terminate();
  const latency = new BusBenchLatency();
  for (const sample of consumer.samples) latency.add(sample);
  return {
    skippedFrames,
    sentFrames,
    failedFrames,
    windowAckedEvents,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    producerLoopUtilization: elu.utilization,
    consumer,
    latency,
    ackLatency,
  };
}
