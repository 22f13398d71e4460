import { describe, expect, it } from 'vitest';
import type { ServerResult } from './gateway-server.worker';
import { mergeServerResults } from './gateway-worker.merge';

const worker = (clients: number, cpuPct: number, heap: [number, number]): ServerResult =>
  ({
    type: 'result',
    published: 60_000 - clients,
    seconds: 60,
    memory: [
      { t: 0, rssMb: 100, heapMb: 50 },
      { t: 1, rssMb: 110, heapMb: 55 },
    ],
    heapAfterGc: [
      { t: 0, mb: heap[0], forced: true },
      { t: 30, mb: 99, forced: false },
      { t: 60, mb: heap[1], forced: true },
    ],
    cpuPct,
    gcPauseMaxMs: clients / 10,
    cpuWaitPct: cpuPct / 10,
    gateway: {
      clients,
      subscriptions: clients * 2,
      backlog: 0,
      sent: clients * 1000,
      conflated: 1,
      queued: 0,
      slowDisconnects: 0,
      rateLimitDisconnects: 0,
      rejectedUpgrades: 0,
      invalidMessages: 0,
      deadDisconnects: 0,
      upstream: {} as ServerResult['gateway']['upstream'],
    },
    busSkipped: 3,
  }) as ServerResult;

describe('mergeServerResults', () => {
  it('adds up CPU (with the primary), memory, forced heap points and counters', () => {
    const m = mergeServerResults([worker(500, 40, [60, 62]), worker(499, 30, [61, 61])], 6e6);
    expect(m.cpuPct).toBeCloseTo(40 + 30 + 10, 6); // 6 CPU-s of the primary over 60 s = 10 %
    expect(m.memory).toEqual([
      { t: 0, rssMb: 200, heapMb: 100 },
      { t: 1, rssMb: 220, heapMb: 110 },
    ]);
    expect(m.heapAfterGc).toEqual([
      { t: 0, mb: 121, forced: true },
      { t: 60, mb: 123, forced: true },
    ]);
    expect(m.gateway.clients).toBe(999);
    expect(m.gateway.sent).toBe(999_000);
    expect(m.published).toBe(59_500); // one worker's feed, not the sum
    expect(m.busSkipped).toBe(6);
    expect(m.gcPauseMaxMs).toBe(50);
    expect(m.cpuWaitPct).toBeCloseTo(3.5, 6);
    expect(
      m.perWorker?.map((w) => [w.clients, w.heapStartMb, w.heapEndMb, w.majorGcHeapMaxMb]),
    ).toEqual([
      [500, 60, 62, 99],
      [499, 61, 61, 99],
    ]);
  });

  it('refuses an empty list', () => {
    expect(() => mergeServerResults([])).toThrow(RangeError);
  });
});
