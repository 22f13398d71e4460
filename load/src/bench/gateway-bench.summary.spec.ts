import { describe, expect, it } from 'vitest';
import type { ClientsResult } from './gateway-clients.worker';
import { GatewayBenchSummary } from './gateway-bench.summary';
import { LatencyHistogram } from './gateway-histogram';
import type { ServerResult } from './gateway-server.worker';

function results(latencies: number[], heapMbs: number[], delivered: number) {
  const h = new LatencyHistogram();
  for (const ms of latencies) h.record(ms);
  const client: ClientsResult = {
    type: 'result',
    delivered,
    seconds: 10,
    perSecond: [delivered / 10],
    perSecondMaxMs: [h.maxMs],
    counts: h.counts,
    maxMs: h.maxMs,
    openAtEnd: 10,
    closes: {},
    cpuPct: 10,
  };
  const server = {
    type: 'result',
    published: 1000,
    seconds: 10,
    memory: [{ t: 0, rssMb: 100, heapMb: 50 }],
    heapAfterGc: heapMbs.map((mb, i) => ({ t: i * 30, mb, forced: true })),
    cpuPct: 50,
    gcPauseMaxMs: 3,
    cpuWaitPct: 5,
    gateway: { sent: delivered, conflated: 0, queued: 0, slowDisconnects: 0, backlog: 0 },
  } as unknown as ServerResult;
  return { client, server };
}

const base = {
  workers: 1,
  clients: 10,
  symbols: 50,
  perClient: 50,
  warmupSec: 1,
  loadStart: [1],
  loadEnd: [1],
};

describe('GatewayBenchSummary', () => {
  it('fits the least-squares slope', () => {
    expect(
      GatewayBenchSummary.slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(GatewayBenchSummary.slope([[0, 7]])).toBe(0);
  });

  it('passes a fast run with flat memory at the offered rate', () => {
    // 100 events/s × 10 clients each subscribed to everything = 1000 messages/s offered.
    const r = GatewayBenchSummary.build({
      ...base,
      ...results(Array(100).fill(5), [60, 60.2, 60.1], 10_000),
    });
    expect(r.offeredPerSec).toBe(1000);
    expect(r.deliveredPerSec).toBe(1000);
    expect(r.targets).toMatchObject({
      p99Pass: true,
      flatMemoryPass: true,
      deliveredAtOfferedRate: true,
    });
    expect(r.latencyMs.p99).toBeLessThan(5.2);
    expect(GatewayBenchSummary.table(r)).toMatch(/latency p99 ms .* < 100: pass/);
  });

  it('fails a slow tail, a growing heap and an undelivered load', () => {
    const latencies = [...Array(97).fill(5), 150, 150, 150];
    // Heap +10 MB per 30 s = 20 MB/min.
    const r = GatewayBenchSummary.build({ ...base, ...results(latencies, [60, 70, 80], 5_000) });
    expect(r.latencyMs.p99).toBeGreaterThanOrEqual(150);
    expect(r.memory.slopeMbPerMin).toBeCloseTo(20, 1);
    expect(r.targets).toMatchObject({
      p99Pass: false,
      flatMemoryPass: false,
      deliveredAtOfferedRate: false,
    });
  });

  it('puts one row per worker count in the scaling table', () => {
    const one = GatewayBenchSummary.build({
      ...base,
      ...results(Array(100).fill(5), [60, 60], 10_000),
    });
    const two = GatewayBenchSummary.build({
      ...base,
      workers: 2,
      ...results(Array(100).fill(40), [120, 121], 10_000),
    });
    expect(two.workers).toBe(2);
    expect(two.upstream).toMatch(/cluster of 2 gateway workers/);
    const lines = GatewayBenchSummary.scalingTable([one, two]).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^workers +offered msg\/s +delivered msg\/s +p99 ms/);
    expect(lines).toHaveLength(4); // header, rule, two rows
    expect(lines[2]).toMatch(/^ +1 +1,000 +1,000 +5\.\d /);
    expect(lines[3]).toMatch(/^ +2 +1,000 +1,000 +4[01]\.\d /); // histogram bucket edge
  });
});
