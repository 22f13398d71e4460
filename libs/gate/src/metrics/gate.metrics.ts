import type { ConnectorMetrics } from '@feedgate/connector';
import type { UnifiedEvent } from '@feedgate/core';
import type { UploaderMetrics } from '@feedgate/uploader';
import { Counter, Gauge, Registry } from 'prom-client';
import { LagHistogram } from './lag.histogram';

/** Where the scrape reads its numbers: the plain counter objects of connectors and uploader. */
export interface MetricSources {
  readonly connectors: () => readonly { exchange: string; metrics: ConnectorMetrics }[];
  readonly uploader: () => UploaderMetrics;
  readonly pendingEvents: () => number;
}

/**
 * Prometheus view of one gate (own registry, so several gates in one process do not clash).
 * Counters are read from the plain metric objects at scrape time (hot paths only increment
 * fields); the exchange→gate lag histogram is counted per event in a LagHistogram.
 */
export class GateMetrics {
  readonly registry = new Registry();
  private readonly lag: LagHistogram;

  constructor(sources: MetricSources, labels: Record<string, string>) {
    this.registry.setDefaultLabels(labels);
    const reg = [this.registry];
    const perExchange = (
      name: string,
      help: string,
      pick: (m: ConnectorMetrics) => number,
    ): void => {
      new Counter({
        name,
        help,
        labelNames: ['exchange'],
        registers: reg,
        collect() {
          this.reset();
          for (const c of sources.connectors()) this.inc({ exchange: c.exchange }, pick(c.metrics));
        },
      });
    };
    perExchange(
      'gate_frames_in_total',
      'WebSocket frames received from exchanges',
      (m) => m.framesReceived,
    );
    perExchange(
      'gate_events_parsed_total',
      'Unified events produced by the connectors',
      (m) => m.eventsEmitted,
    );
    perExchange(
      'gate_reconnects_total',
      'Connections lost (each is followed by a reconnect)',
      (m) => m.connectionsLost,
    );
    perExchange('gate_gaps_total', 'Sequence gaps detected on order books', (m) => m.gaps);
    perExchange(
      'gate_malformed_frames_total',
      'Frames that failed to parse',
      (m) => m.malformedFrames,
    );
    const fromUploader = (
      name: string,
      help: string,
      pick: (m: UploaderMetrics) => number,
    ): void => {
      new Counter({
        name,
        help,
        registers: reg,
        collect() {
          this.reset();
          this.inc(pick(sources.uploader()));
        },
      });
    };
    fromUploader('gate_events_out_total', 'Events published to md.raw', (m) => m.eventsOut);
    fromUploader('gate_frames_out_total', 'Frames published to md.raw', (m) => m.framesOut);
    fromUploader('gate_bytes_out_total', 'Frame bytes published to md.raw', (m) => m.bytesOut);
    fromUploader(
      'gate_dead_letters_total',
      'Records published to md.deadletter',
      (m) => m.deadLettersOut,
    );
    fromUploader(
      'gate_events_dropped_total',
      'Events refused at the uploader bound',
      (m) => m.droppedOverflow,
    );
    fromUploader('gate_publish_errors_total', 'Failed bus publish calls', (m) => m.publishErrors);
    new Gauge({
      name: 'gate_uploader_pending_events',
      help: 'Events held by the uploader (open frames and frames awaiting the bus)',
      registers: reg,
      collect() {
        this.set(sources.pendingEvents());
      },
    });
    new Gauge({
      name: 'gate_publish_latency_avg_ms',
      help: 'Mean bus publish latency since start',
      registers: reg,
      collect() {
        const m = sources.uploader();
        this.set(m.publishLatencyCount === 0 ? 0 : m.publishLatencySumMs / m.publishLatencyCount);
      },
    });
    this.lag = new LagHistogram(
      'gate_exchange_lag_seconds',
      'Exchange event time to gate receive time (localTs - ts)',
      labels,
    );
  }

  observeLag(e: UnifiedEvent): void {
    if (e.type === 'status') return;
    const s = (e.localTs - e.ts) / 1000;
    if (Number.isFinite(s)) this.lag.observe(e.exchange, s < 0 ? 0 : s);
  }

  async text(): Promise<string> {
    return `${await this.registry.metrics()}${this.lag.text()}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
