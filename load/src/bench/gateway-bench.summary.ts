import { BenchReport } from './bench-report';
import { BenchTable } from './bench-table';
import type { ClientsResult } from './gateway-clients.worker';
import { LatencyHistogram } from './gateway-histogram';
import type { ServerResult } from './gateway-server.worker';

export const P99_TARGET_MS = 100;
/** "Flat": heap-after-GC may drift by at most this much per minute (noise of a steady state). */
export const SLOPE_TARGET_MB_PER_MIN = 1;

export interface SummaryInput {
  /** Gateway processes (GATEWAY_WORKERS): 1 = one plain process, N > 1 = cluster. */
  readonly workers: number;
  readonly clients: number;
  readonly symbols: number;
  readonly perClient: number;
  readonly warmupSec: number;
  readonly loadStart: readonly number[];
  readonly loadEnd: readonly number[];
  readonly server: ServerResult;
  readonly client: ClientsResult;
}

const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;

/** Turns the two workers' raw results into the report (JSON) and the printed table. */
export class GatewayBenchSummary {
  /** Least-squares slope of y over x (0 with fewer than two points). */
  static slope(points: readonly (readonly [number, number])[]): number {
    const n = points.length;
    if (n < 2) return 0;
    const mx = points.reduce((s, p) => s + p[0], 0) / n;
    const my = points.reduce((s, p) => s + p[1], 0) / n;
    let num = 0;
    let den = 0;
    for (const [x, y] of points) {
      num += (x - mx) * (y - my);
      den += (x - mx) ** 2;
    }
    return den === 0 ? 0 : num / den;
  }

  static build(input: SummaryInput) {
    const { server: s, client: c } = input;
    const h = new LatencyHistogram(c.counts);
    h.merge([], c.maxMs);
    const deliveredPerSec = c.delivered / c.seconds;
    const publishedPerSec = s.published / s.seconds;
    // Every event goes to each client subscribed to its symbol.
    const offeredPerSec = (publishedPerSec * input.clients * input.perClient) / input.symbols;
    // Flatness is judged on the forced full collections (same method at start and end, just
    // outside the latency window); V8's own major GCs in between leave reclaimable garbage that
    // drifts up and down, so they only count towards the max.
    const forced = s.heapAfterGc.filter((p) => p.forced);
    const heap = forced.map((p) => p.mb);
    const memory = {
      startMb: round(heap[0] ?? 0),
      endMb: round(heap[heap.length - 1] ?? 0),
      maxMb: round(Math.max(0, ...s.heapAfterGc.map((p) => p.mb))),
      slopeMbPerMin: round(GatewayBenchSummary.slope(forced.map((p) => [p.t / 60, p.mb])), 3),
      majorGcHeapMb: s.heapAfterGc.filter((p) => !p.forced).map((p) => round(p.mb, 1)),
      heapPoints: heap.length,
      rssStartMb: round(s.memory[0]?.rssMb ?? 0),
      rssEndMb: round(s.memory[s.memory.length - 1]?.rssMb ?? 0),
      rssMaxMb: round(Math.max(0, ...s.memory.map((m) => m.rssMb))),
      // How long each forced point waited for the gateway to deliver everything (≤ 10 s), and
      // what was still in socket buffers if it gave up: non-zero = that point is inflated.
      quietPoints: s.quiet ?? null,
    };
    const latencyMs = {
      p50: round(h.percentile(50)),
      p99: round(h.percentile(99)),
      p999: round(h.percentile(99.9)),
      max: round(h.maxMs),
    };
    const targets = {
      p99UnderMs: P99_TARGET_MS,
      p99Pass: h.total > 0 && latencyMs.p99 < P99_TARGET_MS,
      flatMemorySlopeMaxMbPerMin: SLOPE_TARGET_MB_PER_MIN,
      flatMemoryPass: heap.length >= 2 && Math.abs(memory.slopeMbPerMin) <= SLOPE_TARGET_MB_PER_MIN,
      // Latency only means something if the offered load was delivered (no drop, no backlog).
      deliveredAtOfferedRate: deliveredPerSec >= 0.95 * offeredPerSec,
    };
    return {
      workers: input.workers,
      clients: input.clients,
      symbols: input.symbols,
      subscriptionsPerClient: input.perClient * 2,
      upstream:
        input.workers === 1
          ? 'synthetic md.unified publisher in the gateway process (in-process bus)'
          : `cluster of ${input.workers} gateway workers, each with its own synthetic md.unified ` +
            'publisher at the full rate (every worker sees every event, like a unique Kafka group)',
      upstreamEventsPerSec: round(publishedPerSec, 1),
      offeredPerSec: Math.round(offeredPerSec),
      deliveredPerSec: Math.round(deliveredPerSec),
      latencyMs,
      memory,
      targets,
      durationSec: round(c.seconds, 1),
      warmupSec: input.warmupSec,
      gatewayCpuPct: round(s.cpuPct, 1),
      // CPU time of the gateway per delivered message: less sensitive to a shared, overloaded
      // machine than the rates; 1e6 / it ≈ messages/s one free core could deliver.
      gatewayCpuUsPerMessage: round((s.cpuPct * 1e4) / Math.max(1, deliveredPerSec), 2),
      // Main thread runnable but not on a CPU: other work on the machine, not the gateway.
      gatewayCpuWaitPct: s.cpuWaitPct === null ? null : round(s.cpuWaitPct, 1),
      clientsCpuPct: round(c.cpuPct, 1),
      majorGcPauseMaxMs: round(s.gcPauseMaxMs),
      minSecondDelivered: Math.min(...c.perSecond),
      perSecondDelivered: c.perSecond,
      perSecondMaxLatencyMs: c.perSecondMaxMs,
      openAtEnd: c.openAtEnd,
      closes: c.closes,
      gateway: {
        sent: s.gateway.sent,
        conflated: s.gateway.conflated,
        queued: s.gateway.queued,
        slowDisconnects: s.gateway.slowDisconnects,
        backlogAtEnd: s.gateway.backlog,
        busSkippedRecords: s.busSkipped,
      },
      perWorker: s.perWorker ?? null,
      loadAvg: {
        start: input.loadStart.map((v) => round(v)),
        end: input.loadEnd.map((v) => round(v)),
      },
      machine: BenchReport.machine(),
    };
  }

  static table(r: ReturnType<typeof GatewayBenchSummary.build>): string {
    const m = r.memory;
    const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');
    return new BenchTable([
      { header: 'metric' },
      { header: 'value', align: 'right' },
      { header: 'target' },
    ])
      .add(['gateway workers', String(r.workers), ''])
      .add(['clients × subscriptions', `${r.clients} × ${r.subscriptionsPerClient}`, ''])
      .add(['upstream events/s', BenchTable.num(r.upstreamEventsPerSec), ''])
      .add(['offered messages/s', BenchTable.num(r.offeredPerSec), ''])
      .add([
        'delivered messages/s',
        BenchTable.num(r.deliveredPerSec),
        r.targets.deliveredAtOfferedRate ? 'ok' : 'BELOW OFFERED',
      ])
      .add(['latency p50 ms', BenchTable.num(r.latencyMs.p50, 2), ''])
      .add([
        'latency p99 ms',
        BenchTable.num(r.latencyMs.p99, 2),
        `< ${P99_TARGET_MS}: ${verdict(r.targets.p99Pass)}`,
      ])
      .add(['latency p999 ms', BenchTable.num(r.latencyMs.p999, 2), ''])
      .add(['latency max ms', BenchTable.num(r.latencyMs.max, 2), ''])
      .add([
        'heap after full GC start/end/max MB',
        `${m.startMb} / ${m.endMb} / ${m.maxMb}`,
        'forced, all delivered',
      ])
      .add([
        'heap slope MB/min',
        BenchTable.num(m.slopeMbPerMin, 3),
        `|x| ≤ ${SLOPE_TARGET_MB_PER_MIN}: ${verdict(r.targets.flatMemoryPass)}`,
      ])
      .add(['RSS start/end/max MB', `${m.rssStartMb} / ${m.rssEndMb} / ${m.rssMaxMb}`, ''])
      .add(['gateway / clients CPU %', `${r.gatewayCpuPct} / ${r.clientsCpuPct}`, ''])
      .add([
        'gateway loop waiting for a CPU %',
        String(r.gatewayCpuWaitPct ?? 'n/a'),
        'other work on the box',
      ])
      .add(['gateway CPU µs per message', BenchTable.num(r.gatewayCpuUsPerMessage, 2), ''])
      .add(['max V8 major GC pause ms', BenchTable.num(r.majorGcPauseMaxMs, 1), ''])
      .add([
        'slow disconnects / conflated',
        `${r.gateway.slowDisconnects} / ${r.gateway.conflated}`,
        '',
      ])
      .add(['upstream records skipped (behind)', String(r.gateway.busSkippedRecords ?? 'n/a'), ''])
      .add(['load avg (1m) start/end', `${r.loadAvg.start[0]} / ${r.loadAvg.end[0]}`, ''])
      .render();
  }

  /** One row per `--workers` configuration of the same run: how delivery scales. */
  static scalingTable(reports: readonly ReturnType<typeof GatewayBenchSummary.build>[]): string {
    const table = new BenchTable([
      { header: 'workers', align: 'right' },
      { header: 'offered msg/s', align: 'right' },
      { header: 'delivered msg/s', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'gateway CPU %', align: 'right' },
      { header: 'CPU µs/msg', align: 'right' },
      { header: 'waiting for CPU %', align: 'right' },
      { header: 'RSS end MB', align: 'right' },
      { header: 'heap end MB', align: 'right' },
      { header: 'heap MB/min', align: 'right' },
    ]);
    for (const r of reports) {
      table.add([
        String(r.workers),
        BenchTable.num(r.offeredPerSec),
        BenchTable.num(r.deliveredPerSec),
        BenchTable.num(r.latencyMs.p99, 1),
        BenchTable.num(r.gatewayCpuPct, 1),
        BenchTable.num(r.gatewayCpuUsPerMessage, 2),
        String(r.gatewayCpuWaitPct ?? 'n/a'),
        BenchTable.num(r.memory.rssEndMb, 1),
        BenchTable.num(r.memory.endMb, 1),
        BenchTable.num(r.memory.slopeMbPerMin, 2),
      ]);
    }
    return table.render();
  }
}
