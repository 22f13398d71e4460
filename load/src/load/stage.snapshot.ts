import { readProc } from './proc-stat.reader';
import { scrape, sumMetric } from './prometheus-text';
import type { Service } from './load.topology';

/**
 * Counters of things that should not happen in a clean run, summed over every process of the
 * role that exposes them. A step reports their growth, so a loss or a latency spike can be
 * matched to its cause (a reconnect, a gap, an aborted transaction, a frame hole).
 */
export const INCIDENT_METRICS = [
  'gate_reconnects_total',
  'gate_gaps_total',
  'gate_malformed_frames_total',
  'gate_events_dropped_total',
  'gate_publish_errors_total',
  'dedup_bad_frames_total',
  'dedup_gap_events_total',
  'dedup_raw_frame_holes_total',
  'dedup_raw_frame_repeats_total',
  'dedup_window_rebuilds_total',
  'dedup_txn_aborted_total',
] as const;
export type IncidentMetric = (typeof INCIDENT_METRICS)[number];

/** Counters and CPU of every process at one instant; two of them make a window. */
export interface StageSnapshot {
  readonly at: number;
  readonly parsedA: number;
  readonly parsedB: number;
  readonly publishedA: number;
  readonly publishedB: number;
  /** Event copies dedup consumed from md.raw (both replicas). */
  readonly dedupIn: number;
  readonly dedupOut: number;
  /** dedup_input_lag_records: md.raw records dedup has not processed yet. */
  readonly dedupLag: number;
  readonly gatewaySent: number;
  readonly incidents: Readonly<Record<IncidentMetric, number>>;
  readonly cpuSec: ReadonlyMap<string, number>;
  readonly peakRssMb: ReadonlyMap<string, number>;
}

/** Scrapes every /metrics in parallel and reads /proc for every pid (the harness's too). */
export async function takeSnapshot(services: readonly Service[]): Promise<StageSnapshot> {
  const texts = await Promise.all(
    services.map((s) => (s.metricsUrl ? scrape(s.metricsUrl) : Promise.resolve(''))),
  );
  let parsedA = 0;
  let parsedB = 0;
  let publishedA = 0;
  let publishedB = 0;
  let dedupIn = 0;
  let dedupOut = 0;
  let dedupLag = 0;
  let gatewaySent = 0;
  const incidents = Object.fromEntries(INCIDENT_METRICS.map((m) => [m, 0])) as Record<
    IncidentMetric,
    number
  >;
  services.forEach((s, i) => {
    const t = texts[i];
    for (const m of INCIDENT_METRICS) incidents[m] += sumMetric(t, m);
    if (s.role === 'gate') {
      const parsed = sumMetric(t, 'gate_events_parsed_total');
      const out = sumMetric(t, 'gate_events_out_total');
      if (s.replica === 'B') {
        parsedB += parsed;
        publishedB += out;
      } else {
        parsedA += parsed;
        publishedA += out;
      }
    } else if (s.role === 'dedup') {
      dedupIn += sumMetric(t, 'dedup_events_in_total');
      dedupOut += sumMetric(t, 'dedup_events_out_total');
      dedupLag += sumMetric(t, 'dedup_input_lag_records');
    } else if (s.role === 'gateway') {
      gatewaySent += sumMetric(t, 'feedgate_gateway_messages_sent_total');
    }
  });
  const cpuSec = new Map<string, number>();
  const peakRssMb = new Map<string, number>();
  const withSelf: { name: string; pid: number | undefined }[] = [
    ...services.map((s) => ({ name: s.name, pid: s.pid() })),
    { name: 'load-probe', pid: process.pid },
  ];
  for (const { name, pid } of withSelf) {
    const p = pid === undefined ? undefined : readProc(pid);
    if (!p) continue;
    cpuSec.set(name, p.cpuSec);
    peakRssMb.set(name, p.peakRssMb);
  }
  return {
    at: Date.now(),
    parsedA,
    parsedB,
    publishedA,
    publishedB,
    dedupIn,
    dedupOut,
    dedupLag,
    gatewaySent,
    incidents,
    cpuSec,
    peakRssMb,
  };
}
