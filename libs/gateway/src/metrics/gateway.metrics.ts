import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { GatewayStats } from '../admin/gateway.stats';
import { WORKER_INDEX_ENV } from '../cluster/gateway-cluster.primary';
import { ConnectorRegistry } from '../connectors/connector-registry';

/**
 * Prometheus metrics on a registry of its own (not prom-client's global one, so two apps or
 * tests in one process never clash). Values are read from the live counters at scrape time
 * (collect callbacks): the hot path only bumps plain numbers.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  constructor(stats: GatewayStats, connectors: ConnectorRegistry) {
    // GATEWAY_WORKERS > 1: each worker answers /metrics for itself (whichever the shared port
    // picked); the label tells the scrapes apart.
    const worker = process.env[WORKER_INDEX_ENV];
    if (worker !== undefined) this.registry.setDefaultLabels({ worker });
    collectDefaultMetrics({ register: this.registry, prefix: 'feedgate_' });
    const r = [this.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: r,
        collect() {
          this.set(read());
        },
      });
    // Counters mirror monotonically growing totals: reset() + inc(total) keeps them exact.
    const counter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: r,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    gauge(
      'feedgate_gateway_clients',
      'Connected WebSocket clients',
      () => stats.snapshot().clients,
    );
    gauge(
      'feedgate_gateway_subscriptions',
      'Active subscriptions',
      () => stats.snapshot().subscriptions,
    );
    gauge(
      'feedgate_gateway_backlog_messages',
      'Messages held for slow clients',
      () => stats.snapshot().backlog,
    );
    gauge(
      'feedgate_gateway_buffered_bytes',
      'Bytes in client socket buffers not yet taken by the kernel',
      () => stats.snapshot().bufferedBytes,
    );
    counter(
      'feedgate_gateway_messages_sent_total',
      'Messages written to clients',
      () => stats.snapshot().sent,
    );
    counter(
      'feedgate_gateway_conflated_total',
      'Updates replaced by a newer one for slow clients',
      () => stats.snapshot().conflated,
    );
    counter(
      'feedgate_gateway_slow_disconnects_total',
      'Clients dropped as slow consumers',
      () => stats.snapshot().slowDisconnects,
    );
    counter(
      'feedgate_gateway_rate_limit_disconnects_total',
      'Clients dropped for inbound rate',
      () => stats.snapshot().rateLimitDisconnects,
    );
    counter(
      'feedgate_gateway_rejected_upgrades_total',
      'WebSocket upgrades refused (401)',
      () => stats.snapshot().rejectedUpgrades,
    );
    counter(
      'feedgate_gateway_upstream_events_total',
      'Events read from the bus',
      () => stats.snapshot().upstream.eventsIn,
    );
    gauge(
      'feedgate_gateway_upstream_lag_ms',
      'Largest age of a bus record at receipt over the last 5-10 s (grows when the gateway falls behind)',
      () => stats.snapshot().upstream.upstreamLagMs,
    );
    counter(
      'feedgate_gateway_upstream_bad_records_total',
      'Undecodable bus records',
      () => stats.snapshot().upstream.badRecords,
    );
    const labelled = (
      name: string,
      help: string,
      read: (c: ReturnType<ConnectorRegistry['connectors']>[number]) => number | null,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['connector', 'exchange'],
        registers: r,
        collect() {
          this.reset();
          for (const c of connectors.connectors()) {
            const v = read(c);
            if (v !== null) this.set({ connector: c.id, exchange: c.exchange }, v);
          }
        },
      });
    labelled('feedgate_connector_up', '1 when the connector is live', (c) =>
      c.state === 'live' ? 1 : 0,
    );
    labelled('feedgate_connector_msgs_per_sec', 'Messages per second', (c) => c.msgsPerSec);
    labelled('feedgate_connector_lag_ms', 'Receipt minus exchange time, ms', (c) => c.lagMs);
    labelled('feedgate_connector_reconnects', 'Reconnects since start', (c) => c.reconnects);
    labelled('feedgate_connector_gaps', 'Sequence gaps since start', (c) => c.gaps);
  }
}
