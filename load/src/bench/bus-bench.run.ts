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
  readonly consumer: ConsumerWorkerResult;
  readonly latency: BusBenchLatency;
  readonly ackLatency: BusBenchLatency;
}

const MAX_FRAMES_PER_CALL = 50;
const MAX_OUTSTANDING_CALLS = 64;
/** Backlog the pacer keeps when the bus pushes back; beyond it frames are skipped (counted). */
const MAX_BACKLOG_MS = 100;

const now = (): number => performance.timeOrigin + performance.now();
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One benchmark run: a paced producer here (frames stamped with their publish() time in
 * header `t`), the consumer in a worker thread. Latency = consume time − t for frames sent
 * after the warm-up; throughput = what was consumed (and acknowledged) during the window.
 */
export async function runBusBench(bus: MarketBus, plan: BusBenchPlan): Promise<BusBenchCounts> {
  const { brokers, topic, rate, perFrame, durationMs, warmupMs, pool } = plan;
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
  let next = 0;
  const cpuStart = process.cpuUsage();
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
    while (owed > 0 && outstanding < MAX_OUTSTANDING_CALLS) {
      const n = Math.min(owed, MAX_FRAMES_PER_CALL);
      const calledAt = now();
      const t = Buffer.alloc(8);
      t.writeDoubleBE(calledAt, 0);
      const records: BusRecord[] = [];
      for (let i = 0; i < n; i++, next = (next + 1) % pool.length) {
        records.push({ key: pool[next].key, value: pool[next].value, headers: { t } });
      }
      owed -= n;
      sentFrames += n;
      outstanding++;
      bus.publish(topic, records).then(
        () => {
          const ackedAt = now();
          if (calledAt >= from && calledAt < to) ackLatency.add(ackedAt - calledAt);
          if (ackedAt >= from && ackedAt < to) windowAckedEvents += n * perFrame;
          outstanding--;
        },
        () => {
          failedFrames += n;
          outstanding--;
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
  await worker.terminate();
  const latency = new BusBenchLatency();
  for (const sample of consumer.samples) latency.add(sample);
  return {
    skippedFrames,
    sentFrames,
    failedFrames,
    windowAckedEvents,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    consumer,
    latency,
    ackLatency,
  };
}
