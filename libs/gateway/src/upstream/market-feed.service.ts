import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type BusSubscription, type ConsumedBatch, MarketBus } from '@feedgate/bus';
import type { UnifiedEvent } from '@feedgate/core';
import { GatewayConfig } from '../config/gateway.config';
import { FeedRouter } from './feed.router';
import { GATEWAY_INPUT_TOPICS, topicSpecs } from './gateway-topics';
import type { ChannelSelector } from './market-channel';
import type { FeedSubscriber, OutboundMessage } from './outbound-message';
import { RecordDecoder, type UpstreamItem } from './record-decoder';
import { RollingMax } from './rolling-max';

export interface MarketFeedStats {
  readonly recordsIn: number;
  readonly eventsIn: number;
  readonly badRecords: number;
  /** Events nobody was subscribed to (only state was updated). */
  readonly unrouted: number;
  readonly messagesOut: number;
  readonly subscriptionKeys: number;
  readonly books: number;
  readonly lastBatchAt: number;
  /**
   * Largest age (receipt − broker append time) of a record taken in the last 5–10 s, ms: near
   * the bus's fetch wait when the gateway keeps up, growing when it falls behind its input.
   */
  readonly upstreamLagMs: number;
  /** Upstream subscriptions per topic: false once one has failed. */
  readonly upstream: Readonly<Record<string, boolean>>;
}

/**
 * The gateway's single upstream: ONE bus subscription per input topic, shared by every
 * client, decoded here and fanned out by FeedRouter (routing key channel|symbol|exchange|
 * interval → subscriber sets; each message serialized and framed once, only when someone
 * listens). The router also keeps the state a new subscriber starts from: the latest BBO and
 * the maintained book per (exchange, symbol) and the latest consolidated BBO per symbol. Every
 * gateway instance reads all partitions (its own consumer group) and commits nothing: it serves
 * live data only.
 */
@Injectable()
export class MarketFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MarketFeed.name);
  private readonly router: FeedRouter;
  private readonly decoder = new RecordDecoder();
  private readonly subscriptions: BusSubscription[] = [];
  private readonly upstream: Record<string, boolean> = {};
  private counters = { recordsIn: 0, eventsIn: 0, badRecords: 0 };
  private lastBatchAt = 0;
  private readonly lag = new RollingMax(5000, Date.now);
  private readonly groupPrefix = `gateway-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(MarketBus) private readonly bus: MarketBus,
    config: GatewayConfig,
  ) {
    this.router = new FeedRouter(config.maxBookLevels);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(topicSpecs(GATEWAY_INPUT_TOPICS));
    for (const topic of GATEWAY_INPUT_TOPICS) {
      const sub = await this.bus.subscribe(
        { topics: [topic], groupId: `${this.groupPrefix}-${topic}`, fromBeginning: false },
        (batch) => this.onBatch(batch),
      );
      this.upstream[topic] = true;
      sub.done.catch((error: unknown) => {
        this.upstream[topic] = false;
        this.logger.error(`upstream ${topic} failed: ${(error as Error).message}`);
      });
      this.subscriptions.push(sub);
    }
    this.logger.log(`upstream subscribed: ${GATEWAY_INPUT_TOPICS.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.close()));
  }

  /** Adds a subscriber to a selector; returns the messages it starts from (state channels). */
  subscribe(subscriber: FeedSubscriber, selector: ChannelSelector): OutboundMessage[] {
    return this.router.subscribe(subscriber, selector);
  }

  unsubscribe(subscriber: FeedSubscriber, selector: ChannelSelector): void {
    this.router.unsubscribe(subscriber, selector);
  }

  stats(): MarketFeedStats {
    return {
      ...this.counters,
      ...this.router.counters,
      subscriptionKeys: this.router.subscriptionKeys,
      books: this.router.bookCount,
      lastBatchAt: this.lastBatchAt,
      upstreamLagMs: this.lag.read(),
      upstream: { ...this.upstream },
    };
  }

  /** Synchronous on purpose: the bus waits for it, which is the upstream backpressure. */
  onBatch(batch: ConsumedBatch): void {
    this.lastBatchAt = Date.now();
    // Records of a batch are in append order: the first is the oldest.
    if (batch.records.length > 0) this.lag.record(this.lastBatchAt - batch.records[0].timestamp);
    for (const record of batch.records) {
      this.counters.recordsIn++;
      let events: readonly UnifiedEvent[] | undefined;
      let items: UpstreamItem[] = [];
      try {
        // Binary frames (all of md.unified) skip the item wrappers of decode().
        events = this.decoder.frameEvents(record.value, record.headers);
        if (events === undefined)
          items = this.decoder.decode(batch.topic, record.value, record.headers);
      } catch (error) {
        // Bad input never stops the stream; it is counted (metric) and logged at debug.
        this.counters.badRecords++;
        this.logger.debug(
          `bad record on ${batch.topic}@${record.offset}: ${(error as Error).message}`,
        );
        continue;
      }
      if (events !== undefined) {
        this.counters.eventsIn += events.length;
        for (let i = 0; i < events.length; i++) this.router.onEvent(events[i]);
        continue;
      }
      for (const item of items) {
        this.counters.eventsIn++;
        if (item.kind === 'nbbo') this.router.onNbbo(item.nbbo);
        else this.router.onEvent(item.event, item.amended, item.revision);
      }
    }
  }
}
