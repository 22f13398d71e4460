import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MarketBus } from '@feedgate/bus';
import { ExchangeConnector, FetchRest, WsSocket } from '@feedgate/connector';
import type { FeedState } from '@feedgate/core';
import { createConnectorProtocol } from '@feedgate/exchanges';
import { ConnectorUplink, EpochClock, Uploader } from '@feedgate/uploader';
import { GateConfig } from './config/gate.config';
import { GateMetrics } from './metrics/gate.metrics';
import { GATE_TOPICS } from './topics/gate-topics';

interface Running {
  readonly exchange: string;
  readonly connector: ExchangeConnector;
  readonly uplink: ConnectorUplink;
}

export interface ActorHealth {
  readonly id: string;
  readonly state: FeedState;
  readonly epoch: number | null;
}

/**
 * Runs this gate's share of exchanges × symbols: one ExchangeConnector per exchange (its
 * actors shard the subscriptions), wired through ConnectorUplinks into one Uploader.
 * Shutdown order: stop the connectors (no new input), flush the uploader, then the bus
 * closes itself (MarketBus.onApplicationShutdown runs after this hook).
 */
@Injectable()
export class GateService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GateService.name);
  readonly uploader: Uploader;
  readonly metrics: GateMetrics;
  private running: Running[] = [];
  private readonly epochs = new EpochClock();

  constructor(
    @Inject(GateConfig) private readonly config: GateConfig,
    @Inject(MarketBus) private readonly bus: MarketBus,
  ) {
    this.uploader = new Uploader(bus, {
      gateId: config.gateId,
      replica: config.replica,
      lingerMs: config.lingerMs,
      maxFrameBytes: config.maxFrameBytes,
    });
    this.metrics = new GateMetrics(
      {
        connectors: () =>
          this.running.map((r) => ({ exchange: r.exchange, metrics: r.connector.metrics })),
        uploader: () => this.uploader.metrics,
        pendingEvents: () => this.uploader.pendingEvents,
      },
      { gate: config.gateId, replica: config.replica },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(GATE_TOPICS);
    for (const a of this.config.assignments) {
      const protocol = createConnectorProtocol(a.exchange, { urls: a.urls });
      const connector = new ExchangeConnector({
        protocol,
        socket: new WsSocket(),
        rest: new FetchRest(5000),
        subscriptions: a.symbols.flatMap((s) =>
          this.config.channels.map((channel) => ({ channel, ...s })),
        ),
      });
      const uplink = new ConnectorUplink(connector, this.uploader, this.epochs, {
        onEvent: (e) => this.metrics.observeLag(e),
      }).start();
      this.running.push({ exchange: a.exchange, connector, uplink });
      connector.start();
    }
    const { gateId, replica, shard } = this.config;
    this.logger.log(
      `gate ${gateId} replica ${replica} shard ${shard.index}/${shard.count}: ` +
        this.config.assignments
          .map((a) => `${a.exchange}[${a.symbols.map((s) => s.symbol).join(',')}]`)
          .join(' '),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const r of this.running) r.connector.stop();
    for (const r of this.running) r.uplink.stop();
    try {
      await this.uploader.close();
    } catch (err) {
      this.logger.error(`uploader flush on shutdown: ${(err as Error).message}`);
    }
    const m = this.uploader.metrics;
    this.logger.log(`stopped: ${m.eventsOut} events in ${m.framesOut} frames published`);
  }

  health(): { exchange: string; actors: ActorHealth[] }[] {
    return this.running.map((r) => ({
      exchange: r.exchange,
      actors: r.connector.actors.map((a) => ({
        id: a.id,
        state: a.state,
        epoch: r.uplink.currentEpochs.get(a.id) ?? null,
      })),
    }));
  }
}
