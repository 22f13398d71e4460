/**
 * Child process of gateway.bench.ts: the system under test. The gateway module alone
 * (GatewayModule + the in-process bus) on 127.0.0.1, fed by SyntheticFeed on md.unified at a
 * fixed rate, so the numbers are the gateway's own and not the emulator's or the gates'.
 * Talks to the parent over IPC: → ready {port}; ← start; ← measure; ← stop → result.
 */
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
} from '@feedgate/gateway';
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
}

const MB = 1024 * 1024;
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
  const forcedGc = (): void => {
    // The collection a heap snapshot does (all available garbage, several passes). With a
    // plain gc() the heap read here drifted up ~0.25 MB/s with no client at all, while two heap
    // snapshots 30 s apart had the same live size: reclaimable old-space, not a leak.
    fullGc?.({ type: 'major-snapshot' });
    fullGc?.({ type: 'major' });
    heapAfterGc.push({ t: since(), mb: process.memoryUsage().heapUsed / MB, forced: true });
  };
  const majors = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR || !sampler) continue;
      gcPauseMaxMs = Math.max(gcPauseMaxMs, entry.duration);
      heapAfterGc.push({ t: since(), mb: process.memoryUsage().heapUsed / MB, forced: false });
    }
  });

  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'start') feed.start();
    else if (msg.type === 'measure') {
      t0 = Date.now();
      cpuStart = process.cpuUsage();
      sched0 = schedstat();
      publishedAtMeasure = feed.published;
      forcedGc();
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
      forcedGc();
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
      };
      process.send?.(result, () => {
        void app.close().finally(() => process.exit(0));
      });
    }
  });
  process.send?.({ type: 'ready', port });
}

void main().catch((error: unknown) => {
  process.stderr.write(`gateway bench server failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
