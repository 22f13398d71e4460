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
import { GateConfig, type ExchangeAssignment, type SymbolAssignment } from './config/gate.config';
import { FeedStatusLogger } from './logging/feed-status.logger';
import { GateMetrics } from './metrics/gate.metrics';
import { GATE_TOPICS } from './topics/gate-topics';

interface Running {
  readonly exchange: string;
  readonly connector: ExchangeConnector;
  readonly uplink: ConnectorUplink;
}

/** Per-exchange control state: what it should run and, while enabled, what runs. */
interface ExchangeSlot {
  assignment: ExchangeAssignment;
  running: Running | null;
  /** Last receipt-minus-exchange-time lag seen, ms. */
  lagMs: number | null;
  lastEventAt: number | null;
  /** Counters sampled at the previous view, for a msgs/s rate between two scrapes. */
  sample: { at: number; events: number; rate: number };
  /** Totals of connectors stopped earlier, so counters survive stop/start. */
  carried: { reconnects: number; gaps: number };
}

/** What the admin API shows of one exchange connector of this gate. */
export interface GateConnectorView {
  readonly exchange: string;
  readonly state: FeedState;
  readonly enabled: boolean;
  readonly symbols: readonly string[];
  readonly msgsPerSec: number;
  readonly lagMs: number | null;
  readonly reconnects: number;
  readonly gaps: number;
  readonly lastMessageAt: number | null;
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
  private readonly slots = new Map<string, ExchangeSlot>();
  private readonly epochs = new EpochClock();
  private readonly statusLog: FeedStatusLogger;

  constructor(
    @Inject(GateConfig) readonly config: GateConfig,
    @Inject(MarketBus) private readonly bus: MarketBus,
  ) {
    this.statusLog = new FeedStatusLogger(this.logger, `${config.gateId}/${config.replica}`);
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
    for (const assignment of this.config.assignments) {
      const slot: ExchangeSlot = {
        assignment,
        running: null,
        lagMs: null,
        lastEventAt: null,
        sample: { at: Date.now(), events: 0, rate: 0 },
        carried: { reconnects: 0, gaps: 0 },
      };
      this.slots.set(assignment.exchange, slot);
      this.launch(slot);
    }
    const { gateId, replica, shard } = this.config;
    this.logger.log(
      `gate ${gateId} replica ${replica} shard ${shard.index}/${shard.count}: ` +
        this.config.assignments
          .map((a) => `${a.exchange}[${a.symbols.map((s) => s.symbol).join(',')}]`)
          .join(' '),
    );
  }

  /** The connectors running now (enabled exchanges). */
  private get running(): Running[] {
    const out: Running[] = [];
    for (const slot of this.slots.values()) if (slot.running) out.push(slot.running);
    return out;
  }

  /** Exchanges this gate serves (enabled or not). */
  get exchangeIds(): readonly string[] {
    return [...this.slots.keys()];
  }

  /** Stops one exchange's connector (admin); its events stop, the rest of the gate goes on. */
  stopExchange(exchange: string): boolean {
    const slot = this.slots.get(exchange);
    if (!slot) return false;
    if (slot.running) {
      const m = slot.running.connector.metrics;
      slot.carried.reconnects += m.connectionsLost;
      slot.carried.gaps += m.gaps;
      slot.running.connector.stop();
      slot.running.uplink.stop();
      slot.running = null;
      this.logger.log(`connector ${this.config.gateId}:${exchange} stopped`);
    }
    return true;
  }

  /** Starts one exchange's connector again (a fresh connection epoch). */
  startExchange(exchange: string): boolean {
    const slot = this.slots.get(exchange);
    if (!slot) return false;
    if (!slot.running) {
      this.launch(slot);
      this.logger.log(`connector ${this.config.gateId}:${exchange} started`);
    }
    return true;
  }

  /** Replaces an exchange's symbols (adds the exchange when new) and restarts its connector. */
  setSymbols(
    exchange: string,
    symbols: readonly SymbolAssignment[],
    urls?: ExchangeAssignment['urls'],
  ): void {
    const slot = this.slots.get(exchange);
    const assignment: ExchangeAssignment = {
      exchange,
      symbols,
      urls: urls ?? slot?.assignment.urls ?? {},
    };
    if (!slot) {
      this.slots.set(exchange, {
        assignment,
        running: null,
        lagMs: null,
        lastEventAt: null,
        sample: { at: Date.now(), events: 0, rate: 0 },
        carried: { reconnects: 0, gaps: 0 },
      });
      this.startExchange(exchange);
      return;
    }
    const wasRunning = slot.running !== null;
    this.stopExchange(exchange);
    slot.assignment = assignment;
    if (wasRunning) this.startExchange(exchange);
  }

  /** Live view of every exchange connector of this gate, for the admin API. */
  views(now = Date.now()): GateConnectorView[] {
    return [...this.slots.values()].map((slot) => {
      const r = slot.running;
      const m = r?.connector.metrics;
      const events = m?.eventsEmitted ?? 0;
      const dt = now - slot.sample.at;
      // A rate between two scrapes; scrapes closer than 1 s reuse the previous figure.
      if (dt >= 1000) {
        slot.sample = {
          at: now,
          events,
          rate: events >= slot.sample.events ? ((events - slot.sample.events) * 1000) / dt : 0,
        };
      }
      return {
        exchange: slot.assignment.exchange,
        state: r ? worstState(r.connector.actors.map((a) => a.state)) : 'stopped',
        enabled: r !== null,
        symbols: slot.assignment.symbols.map((s) => s.symbol),
        msgsPerSec: Math.round(slot.sample.rate),
        lagMs: slot.lagMs,
        reconnects: slot.carried.reconnects + (m?.connectionsLost ?? 0),
        gaps: slot.carried.gaps + (m?.gaps ?? 0),
        lastMessageAt: slot.lastEventAt,
      };
    });
  }

  private launch(slot: ExchangeSlot): void {
    const a = slot.assignment;
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
      onStatus: (s) => this.statusLog.observe(s),
      onEvent: (e) => {
        this.metrics.observeLag(e);
        if (e.type !== 'status') {
          slot.lagMs = e.localTs - e.ts;
          slot.lastEventAt = e.localTs;
        }
      },
    }).start();
    slot.running = { exchange: a.exchange, connector, uplink };
    connector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const exchange of this.slots.keys()) this.stopExchange(exchange);
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

/** Order of badness: the connector shows its worst shard's state. */
const STATE_RANK: Readonly<Record<FeedState, number>> = {
  live: 0,
  subscribing: 1,
  connecting: 2,
  resync: 3,
  gap: 3,
  reconnecting: 4,
  stale: 5,
  backoff: 6,
  stopped: 7,
};

function worstState(states: readonly FeedState[]): FeedState {
  let worst: FeedState = 'connecting';
  let rank = -1;
  for (const s of states) {
    if (STATE_RANK[s] > rank) {
      rank = STATE_RANK[s];
      worst = s;
    }
  }
  return worst;
}
