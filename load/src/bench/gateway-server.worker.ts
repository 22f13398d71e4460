/**
 * Child process of gateway.bench.ts: the system under test. The gateway module alone
 * (GatewayModule + the in-process bus) on 127.0.0.1, fed by SyntheticFeed on md.unified at a
 * fixed rate, so the numbers are the gateway's own and not the emulator's or the gates'.
 * Talks to the parent over IPC: → ready {port}; ← start; ← measure; ← stop → result.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusConfig, BusModule, InProcessBus, MarketBus } from '@feedgate/bus';
import {
  configureGatewayApp,
  GatewayConfig,
  GatewayModule,
  GatewayStats,
  type GatewayStatsSnapshot,
  MarketFeed,
} from '@feedgate/gateway';
import { RetainedHeapRecorder } from './gateway-heap.recorder';
import { BENCH_KEY, SyntheticFeed } from './gateway-workload';

export interface ServerArgs {
  readonly rate: number;
  readonly tradeShare: number;
  readonly clients: number;
}

export interface MemorySample {
  readonly t: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

/** Heap used right after a full (mark-compact) GC: the live data, what "flat" is judged on. */
export interface HeapPoint {
  readonly t: number;
  readonly mb: number;
  /** Forced by the bench (at measure start and after the clients stopped) vs V8's own. */
  readonly forced: boolean;
}

export interface ServerResult {
  readonly type: 'result';
  readonly published: number;
  readonly seconds: number;
  readonly memory: MemorySample[];
  readonly heapAfterGc: HeapPoint[];
  readonly cpuPct: number;
  /** Longest V8 major GC pause during the run (not the forced ones). */
  readonly gcPauseMaxMs: number;
  /** Share of the run the event-loop thread was runnable but waiting for a CPU (Linux). */
  readonly cpuWaitPct: number | null;
  readonly gateway: GatewayStatsSnapshot;
  /** Records the gateway never got because the bus evicted them first (it fell behind). */
  readonly busSkipped: number | null;
  /** The waits before the forced heap points and what was still buffered at them. */
  readonly quiet?: readonly QuietPoint[];
  /** `--workers N > 1` (gateway-worker.merge.ts): each worker's share. */
  readonly perWorker?: readonly WorkerShare[];
}

export interface QuietPoint {
  readonly waitMs: number;
  readonly bufferedBytes: number;
}

export interface WorkerShare {
  readonly clients: number;
  readonly sent: number;
  readonly cpuPct: number;
  readonly heapStartMb: number;
  readonly heapEndMb: number;
  readonly majorGcHeapMaxMb: number;
}

const MB = 1024 * 1024;
/** Longest wait for the gateway to deliver everything before a forced heap point. */
const QUIET_MAX_MS = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const fullGc = (globalThis as { gc?: (options?: { type: string }) => void }).gc;

/** [on-CPU ns, runnable-but-waiting ns] of this (main) thread, or null off Linux. */
function schedstat(): [number, number] | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return [run, wait];
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ServerArgs;
  Logger.overrideLogger(['error']);
  const config = GatewayConfig.of({
    bootstrapAdminKey: BENCH_KEY,
    configFile: `${process.env.TMPDIR ?? '/tmp'}/feedgate-gateway-bench-${process.pid}.json`,
    // Each bench client subscribes to 100 selectors in one go; the default inbound limits are
    // for humans and would refuse that. Every other limit stays at its default.
    maxSubscriptionsPerClient: 200,
    inboundRatePerSec: 1000,
    inboundBurst: 1000,
  });
  @Module({
    imports: [
      // Small in-process retention (per partition, md.unified has 12): the bus's own log must
      // fill up during warm-up (~5 s at 1000 events/s), or its growth would be blamed on the
      // gateway's memory. A gateway more than ~5 s behind loses records: reported (busSkipped).
      BusModule.forRoot(BusConfig.of({ retentionRecords: 400, retentionBytes: 1 * MB })),
      GatewayModule.forRoot({ config, configStore: 'file' }),
    ],
  })
  class BenchServerModule {}
  // GATEWAY_BENCH_HEAP=<dir>: what the heap holds by allocation site, sampled from start-up
  // and read at both forced heap points (see RetainedHeapRecorder).
  const heapDir = process.env.GATEWAY_BENCH_HEAP;
  const retained = heapDir ? new RetainedHeapRecorder() : undefined;
  retained?.start();
  const app = await NestFactory.create(BenchServerModule, { logger: ['error'] });
  configureGatewayApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const bus = app.get(MarketBus);
  const feed = new SyntheticFeed(bus, args.rate, args.tradeShare);
  const memory: MemorySample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let cpuStart = process.cpuUsage();
  let sched0 = schedstat();
  let t0 = 0;
  let gcPauseMaxMs = 0;
  let publishedAtMeasure = 0;

  const heapAfterGc: HeapPoint[] = [];
  const since = (): number => (Date.now() - t0) / 1000;
  const sample = (): void => {
    const m = process.memoryUsage();
    memory.push({ t: since(), rssMb: m.rss / MB, heapMb: m.heapUsed / MB });
  };
  // Forced GCs only outside the latency window (they pause the loop); inside it, V8's own
  // major GCs are observed and the heap read right after each.
  const forcedGc = (): number => {
    // A plain gc(): on Node 20, gc({ type: 'major-snapshot' }) and gc({ type: 'major' }) —
    // used here before — leave garbage in place (read right after them: 91.6 and 97.5 MB;
    // after a plain gc() just after: 60.7 and 60.2 MB; heap snapshots at both points: 65.6
    // and 64.2 MB live). How much they leave varies with load and timing (seen -20 to +150
    // MB/min of "slope" with nothing retained): it was most of earlier runs' slopes.
    fullGc?.();
    return process.memoryUsage().heapUsed / MB;
  };

  // Both forced points are taken in the same state: every client still connected (before, the
  // end point came after the clients had started to disconnect, their sessions freed), the
  // feed paused and everything delivered — no record in flight, no backlog, no byte waiting
  // in a socket buffer (pending writes are heap objects).
  const feedStats = app.get(MarketFeed);
  const stats = app.get(GatewayStats);
  const quiet: QuietPoint[] = [];
  /** Pauses the feed, waits until all is delivered, forces a full GC; heap MB after it. */
  const quietGc = async (record: boolean): Promise<number> => {
    feed.stop();
    const started = Date.now();
    let snapshot = stats.snapshot();
    while (Date.now() - started < QUIET_MAX_MS) {
      await sleep(50);
      snapshot = stats.snapshot();
      const idle = Date.now() - feedStats.stats().lastBatchAt > 100;
      if (idle && snapshot.backlog === 0 && snapshot.bufferedBytes === 0) break;
    }
    const mb = forcedGc();
    if (record) {
      quiet.push({ waitMs: Date.now() - started, bufferedBytes: snapshot.bufferedBytes });
      heapAfterGc.push({ t: since(), mb, forced: true });
      await retained?.read();
    }
    return mb;
  };
  const majors = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR || !sampler) continue;
      gcPauseMaxMs = Math.max(gcPauseMaxMs, entry.duration);
      heapAfterGc.push({ t: since(), mb: process.memoryUsage().heapUsed / MB, forced: false });
    }
  });

  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'start') feed.start();
    else if (msg.type === 'measure') {
      t0 = Date.now();
      await quietGc(true); // t ≈ 0 of the window
      feed.start();
      t0 = Date.now();
      cpuStart = process.cpuUsage();
      sched0 = schedstat();
      publishedAtMeasure = feed.published;
      sample();
      sampler = setInterval(sample, 1000);
      majors.observe({ entryTypes: ['gc'] });
      process.send?.({ type: 'measuring' });
    } else if (msg.type === 'stop') {
      if (sampler) clearInterval(sampler);
      sampler = undefined;
      majors.disconnect();
      sample();
      const cpu = process.cpuUsage(cpuStart);
      const elapsedUs = (Date.now() - t0) * 1000;
      const published = feed.published - publishedAtMeasure;
      feed.stop();
      const sched1 = schedstat();
      const cpuWaitPct =
        sched0 && sched1 ? (100 * (sched1[1] - sched0[1])) / 1000 / Math.max(1, elapsedUs) : null;
      await quietGc(true);
      if (retained && heapDir) retained.write(heapDir, `gateway-${process.pid}`);
      const result: ServerResult = {
        type: 'result',
        published,
        seconds: elapsedUs / 1e6,
        memory,
        heapAfterGc,
        cpuPct: (100 * (cpu.user + cpu.system)) / Math.max(1, elapsedUs),
        gcPauseMaxMs,
        cpuWaitPct,
        gateway: app.get(GatewayStats).snapshot(),
        busSkipped: bus instanceof InProcessBus ? bus.stats().skippedRecords : null,
        quiet,
      };
      process.send?.(result, () => {
        // A cluster worker waits for its primary's SIGTERM: exiting by itself would look like
        // a crash to GatewayClusterPrimary (and be restarted).
        if (!cluster.isWorker) void app.close().finally(() => process.exit(0));
      });
    }
  });
  process.send?.({ type: 'ready', port });
}

void main().catch((error: unknown) => {
  process.stderr.write(`gateway bench server failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
