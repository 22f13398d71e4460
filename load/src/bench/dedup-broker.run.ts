import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusConfig, KafkaBus, type BusRecord } from '@feedgate/bus';
import { ChaosBroker, freePort } from '../chaos/chaos.broker';
import { ChaosChild } from '../chaos/chaos-child.process';
import { readUnified } from '../chaos/unified.reader';
import { scrape, sumMetric } from '../load/prometheus-text';
import { readProc, type ProcSample } from '../load/proc-stat.reader';

export interface DedupBrokerOptions {
  readonly records: readonly BusRecord[];
  readonly distinct: number;
  readonly arrivals: number;
  readonly partitions: number;
  readonly log: (line: string) => void;
}

export interface DedupBrokerResult {
  readonly brokers: string;
  readonly ownBroker: boolean;
  readonly partitions: number;
  readonly records: number;
  /** Event copies consumed (A + B) and first copies written. */
  readonly eventsIn: number;
  readonly eventsOut: number;
  readonly produceSec: number;
  /** From the first copy consumed to the last first copy written (backlog drained). */
  readonly drainSec: number;
  readonly eventsInPerSec: number;
  readonly eventsOutPerSec: number;
  /** CPU seconds of the apps/dedup process over the drain, and copies per CPU second. */
  readonly dedupCpuSec: number;
  readonly eventsInPerCpuSec: number;
  readonly dedupPeakRssMb: number;
  /** md.unified read back (read_committed): events, distinct ids, and the check. */
  readonly unifiedEvents: number;
  readonly unifiedDistinct: number;
  readonly exact: boolean;
}

const POLL_MS = 100;
const DRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * apps/dedup through a real broker: the md.raw backlog (both replicas' frames) is written first,
 * then the dedup process — `apps/dedup/src/main.ts`, as deployed — starts on it, and the run
 * times how fast it drains: copies in and first copies out per second (its /metrics, polled
 * every 100 ms) and its CPU seconds (/proc). The output is read back and checked: every event
 * exactly once. Broker: KAFKA_BROKERS when set, else an own one (ChaosBroker), stopped after.
 */
export class DedupBrokerRun {
  static async run(o: DedupBrokerOptions): Promise<DedupBrokerResult> {
    const tmp = mkdtempSync(join(tmpdir(), 'feedgate-bench-dedup-'));
    let broker: ChaosBroker | undefined;
    try {
      let brokers = process.env.KAFKA_BROKERS?.trim() ?? '';
      if (!brokers) {
        broker = await ChaosBroker.create(join(tmp, 'kafka'), o.log);
        o.log(`KAFKA_BROKERS is not set: starting a broker on ${broker.brokers} ...`);
        await broker.up();
        brokers = broker.brokers;
      }
      return await DedupBrokerRun.measure(brokers, broker !== undefined, tmp, o);
    } finally {
      await broker?.down().catch((e: unknown) => o.log(`broker stop failed: ${String(e)}`));
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  private static async measure(
    brokers: string,
    ownBroker: boolean,
    tmp: string,
    o: DedupBrokerOptions,
  ): Promise<DedupBrokerResult> {
    const run = `${process.pid}-${Date.now()}`;
    const raw = `bench.dedup.raw.${run}`;
    const out = `bench.dedup.unified.${run}`;
    const bus = new KafkaBus(BusConfig.of({ brokers: brokers.split(','), logLevel: 'nothing' }));
    let dedup: ChaosChild | undefined;
    try {
      await bus.ensureTopics([
        { topic: raw, partitions: o.partitions },
        { topic: out, partitions: o.partitions },
      ]);
      const t0 = performance.now();
      for (let i = 0; i < o.records.length; i += 500) {
        await bus.publish(raw, o.records.slice(i, i + 500));
      }
      const produceSec = (performance.now() - t0) / 1000;
      o.log(`produced ${o.records.length} md.raw frames in ${produceSec.toFixed(1)} s`);

      const port = await freePort(0);
      dedup = new ChaosChild(
        'dedup',
        'apps/dedup/src/main.ts',
        {
          KAFKA_BROKERS: brokers,
          DEDUP_INPUT_TOPIC: raw,
          DEDUP_OUTPUT_TOPIC: out,
          DEDUP_GROUP_ID: `bench-dedup-${run}`,
          DEDUP_INSTANCE_ID: `bench-${run}`,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        tmp,
      );
      await dedup.start();
      const drain = await DedupBrokerRun.drain(dedup, `http://127.0.0.1:${port}/metrics`, o);
      await dedup.stop();

      const unified = await readUnified(brokers, out, o.log);
      const ids = new Set(unified.events.map((e) => `${e.exchange}:${e.symbol}:${idOf(e)}`));
      const exact = unified.events.length === o.distinct && ids.size === o.distinct;
      return {
        brokers,
        ownBroker,
        partitions: o.partitions,
        records: o.records.length,
        eventsIn: drain.eventsIn,
        eventsOut: drain.eventsOut,
        produceSec: round(produceSec, 2),
        drainSec: round(drain.sec, 2),
        eventsInPerSec: Math.round(drain.eventsIn / drain.sec),
        eventsOutPerSec: Math.round(drain.eventsOut / drain.sec),
        dedupCpuSec: round(drain.cpuSec, 2),
        eventsInPerCpuSec: Math.round(drain.eventsIn / drain.cpuSec),
        dedupPeakRssMb: Math.round(drain.peakRssMb),
        unifiedEvents: unified.events.length,
        unifiedDistinct: ids.size,
        exact,
      };
    } finally {
      await dedup?.close();
      await bus.deleteTopics([raw, out]).catch(() => undefined);
      await bus.close();
    }
  }

  /** Polls the dedup's counters until every copy is in and every first copy is out. */
  private static async drain(
    dedup: ChaosChild,
    metricsUrl: string,
    o: DedupBrokerOptions,
  ): Promise<{
    sec: number;
    cpuSec: number;
    eventsIn: number;
    eventsOut: number;
    peakRssMb: number;
  }> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    type Sample = { at: number; proc: ProcSample; eventsIn: number; eventsOut: number };
    let start: Sample | undefined;
    let lastLog = 0;
    while (Date.now() < deadline) {
      if (!dedup.running) throw new Error('apps/dedup exited during the run (see its log)');
      const text = await scrape(metricsUrl, 2000);
      const at = performance.now();
      const proc = readProc(dedup.pid ?? -1);
      const eventsIn = sumMetric(text, 'dedup_events_in_total');
      const eventsOut = sumMetric(text, 'dedup_events_out_total');
      if (text && proc) {
        // The interval starts at the last sample before any copy was consumed (or at the first
        // sample, when consumption began before /metrics answered: then only deltas count).
        if (start === undefined || eventsIn === 0) start = { at, proc, eventsIn, eventsOut };
        if (eventsIn >= o.arrivals && eventsOut >= o.distinct) {
          return {
            sec: (at - start.at) / 1000,
            cpuSec: proc.cpuSec - start.proc.cpuSec,
            eventsIn: eventsIn - start.eventsIn,
            eventsOut: eventsOut - start.eventsOut,
            peakRssMb: proc.peakRssMb,
          };
        }
        if (at - lastLog > 5000) {
          lastLog = at;
          o.log(`dedup: in ${eventsIn}/${o.arrivals}, out ${eventsOut}/${o.distinct}`);
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    throw new Error(`apps/dedup did not drain ${o.arrivals} copies within ${DRAIN_TIMEOUT_MS} ms`);
  }
}

function idOf(e: { type: string; id?: string }): string {
  return e.type === 'trade' ? (e.id ?? '') : e.type;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
