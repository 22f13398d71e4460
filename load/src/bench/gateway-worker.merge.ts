import type { HeapPoint, MemorySample, ServerResult } from './gateway-server.worker';

/**
 * One ServerResult for N gateway workers (gateway-cluster.worker.ts): what the machine paid in
 * total. Counts and CPU add up (plus the primary's CPU, µs), memory adds up sample by sample
 * (each worker samples every second from its own measure start), the forced heap points add
 * up in order (the k-th of each worker was taken at the same step of the run). V8's own major
 * GC points are per process and not comparable once summed: only each worker's max is kept.
 * `published` is one worker's feed (each worker reads every upstream event, as with Kafka).
 */
export function mergeServerResults(
  results: readonly ServerResult[],
  primaryCpuUs = 0,
): ServerResult {
  if (results.length === 0) throw new RangeError('no worker result to merge');
  const seconds = Math.max(...results.map((r) => r.seconds));
  const sumAt = <T>(lists: readonly (readonly T[])[], read: (item: T) => number, i: number) =>
    lists.reduce((s, list) => s + read(list[i]), 0);
  const memoryLists = results.map((r) => r.memory);
  const memoryLength = Math.min(...memoryLists.map((l) => l.length));
  const memory: MemorySample[] = Array.from({ length: memoryLength }, (_, i) => ({
    t: memoryLists[0][i].t,
    rssMb: sumAt(memoryLists, (m) => m.rssMb, i),
    heapMb: sumAt(memoryLists, (m) => m.heapMb, i),
  }));
  const forcedLists = results.map((r) => r.heapAfterGc.filter((p) => p.forced));
  const forcedLength = Math.min(...forcedLists.map((l) => l.length));
  const heapAfterGc: HeapPoint[] = Array.from({ length: forcedLength }, (_, i) => ({
    t: sumAt(forcedLists, (p) => p.t, i) / results.length,
    mb: sumAt(forcedLists, (p) => p.mb, i),
    forced: true,
  }));
  const waits = results.map((r) => r.cpuWaitPct).filter((w): w is number => w !== null);
  const skipped = results.map((r) => r.busSkipped).filter((s): s is number => s !== null);
  const g = results.map((r) => r.gateway);
  const sum = (read: (s: ServerResult['gateway']) => number): number =>
    g.reduce((s, x) => s + read(x), 0);
  return {
    type: 'result',
    published: Math.min(...results.map((r) => r.published)),
    seconds,
    memory,
    heapAfterGc,
    cpuPct: results.reduce((s, r) => s + r.cpuPct, 0) + (100 * primaryCpuUs) / (seconds * 1e6),
    gcPauseMaxMs: Math.max(...results.map((r) => r.gcPauseMaxMs)),
    cpuWaitPct: waits.length ? waits.reduce((s, w) => s + w, 0) / waits.length : null,
    gateway: {
      ...g[0],
      clients: sum((x) => x.clients),
      subscriptions: sum((x) => x.subscriptions),
      sent: sum((x) => x.sent),
      conflated: sum((x) => x.conflated),
      queued: sum((x) => x.queued),
      slowDisconnects: sum((x) => x.slowDisconnects),
      backlog: sum((x) => x.backlog),
      bufferedBytes: sum((x) => x.bufferedBytes),
    },
    busSkipped: skipped.length ? skipped.reduce((s, v) => s + v, 0) : null,
    quiet: results.flatMap((r) => r.quiet ?? []),
    perWorker: results.map((r) => ({
      clients: r.gateway.clients,
      sent: r.gateway.sent,
      cpuPct: r.cpuPct,
      heapStartMb: r.heapAfterGc.find((p) => p.forced)?.mb ?? 0,
      heapEndMb: r.heapAfterGc.filter((p) => p.forced).at(-1)?.mb ?? 0,
      majorGcHeapMaxMb: Math.max(0, ...r.heapAfterGc.map((p) => p.mb)),
    })),
  };
}
