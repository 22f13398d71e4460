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
import {
  type BboEvent,
  type BookEvent,
  type JsonUnifiedEvent,
  toJsonEvent,
  type UnifiedEvent,
} from '@feedgate/core';
import type { JsonConsolidatedBbo } from '@feedgate/aggregator';
import { GatewayConfig } from '../config/gateway.config';
import { BookState } from './book-state';
import { GATEWAY_INPUT_TOPICS, topicSpecs } from './gateway-topics';
import {
  type ChannelSelector,
  type MarketChannel,
  matchingKeys,
  selectorKey,
} from './market-channel';
import { dataMessage, type FeedSubscriber, type OutboundMessage } from './outbound-message';
import { RecordDecoder } from './record-decoder';

const CHANNEL_OF: Record<UnifiedEvent['type'], MarketChannel> = {
  trade: 'trades',
  book: 'book',
  bbo: 'bbo',
  candle: 'candles',
  alert: 'alerts',
  status: 'status',
};

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
  /** Upstream subscriptions per topic: false once one has failed. */
  readonly upstream: Readonly<Record<string, boolean>>;
}

/**
 * The gateway's single upstream: ONE bus subscription per input topic, shared by every
 * client, fanned out by routing key (channel|symbol|exchange|interval) to subscriber sets.
 * Each message is serialized once and only when someone listens. It also keeps the state a
 * new subscriber starts from: the latest BBO per (exchange, symbol), the maintained book per
 * (exchange, symbol) and the latest consolidated BBO per symbol. Every gateway instance reads
 * all partitions (its own consumer group) and commits nothing: it serves live data only.
 */
@Injectable()
export class MarketFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MarketFeed.name);
  private readonly routes = new Map<string, Set<FeedSubscriber>>();
  private readonly books = new Map<string, { state: BookState; resync: () => string }>();
  private readonly bbos = new Map<string, { event: BboEvent; text: string }>();
  private readonly nbbos = new Map<string, string>();
  private readonly decoder = new RecordDecoder();
  private readonly subscriptions: BusSubscription[] = [];
  private readonly upstream: Record<string, boolean> = {};
  private counters = { recordsIn: 0, eventsIn: 0, badRecords: 0, unrouted: 0, messagesOut: 0 };
  private lastBatchAt = 0;
  private readonly groupPrefix = `gateway-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(MarketBus) private readonly bus: MarketBus,
    private readonly config: GatewayConfig,
  ) {}

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
    const key = selectorKey(selector);
    let set = this.routes.get(key);
    if (!set) this.routes.set(key, (set = new Set()));
    set.add(subscriber);
    return this.initialState(selector);
  }

  unsubscribe(subscriber: FeedSubscriber, selector: ChannelSelector): void {
    const key = selectorKey(selector);
    const set = this.routes.get(key);
    if (!set) return;
    set.delete(subscriber);
    if (set.size === 0) this.routes.delete(key);
  }

  stats(): MarketFeedStats {
    return {
      ...this.counters,
      subscriptionKeys: this.routes.size,
      books: this.books.size,
      lastBatchAt: this.lastBatchAt,
      upstream: { ...this.upstream },
    };
  }

  /** Synchronous on purpose: the bus waits for it, which is the upstream backpressure. */
  onBatch(batch: ConsumedBatch): void {
    this.lastBatchAt = Date.now();
    for (const record of batch.records) {
      this.counters.recordsIn++;
      let items;
      try {
        items = this.decoder.decode(batch.topic, record.value, record.headers);
      } catch (error) {
        // Bad input never stops the stream; it is counted (metric) and logged at debug.
        this.counters.badRecords++;
        this.logger.debug(
          `bad record on ${batch.topic}@${record.offset}: ${(error as Error).message}`,
        );
        continue;
      }
      for (const item of items) {
        this.counters.eventsIn++;
        if (item.kind === 'nbbo') this.onNbbo(item.nbbo);
        else this.onEvent(item.event, item.amended, item.revision);
      }
    }
  }

  private onEvent(event: UnifiedEvent, amended?: boolean, revision?: number): void {
    const channel = CHANNEL_OF[event.type];
    const instrument = `${event.exchange}|${event.symbol}`;
    let resync: (() => string) | undefined;
    if (event.type === 'book') resync = this.updateBook(instrument, event);
    const keys = matchingKeys(
      channel,
      event.symbol,
      event.exchange,
      event.type === 'candle' ? event.interval : undefined,
    );
    const targets = this.targets(keys);
    if (event.type === 'bbo') {
      // Rendered eagerly: a later subscriber is sent this exact text as its first message.
      const text = dataMessage(channel, toJsonEvent(event));
      this.bbos.set(instrument, { event, text });
      if (targets) this.fanOut(targets, { text, conflationKey: `bbo|${instrument}` });
      else this.counters.unrouted++;
      return;
    }
    if (!targets) {
      this.counters.unrouted++;
      return;
    }
    const json: JsonUnifiedEvent = toJsonEvent(event);
    const text =
      amended === undefined
        ? dataMessage(channel, json)
        : dataMessage(channel, json, { amended, revision });
    const conflationKey = resync ? `book|${instrument}` : undefined;
    this.fanOut(targets, { text, conflationKey, resync });
  }

  private onNbbo(nbbo: JsonConsolidatedBbo): void {
    const text = dataMessage('nbbo', nbbo);
    this.nbbos.set(nbbo.symbol, text);
    const targets = this.targets([`nbbo|${nbbo.symbol}|*|*`]);
    if (targets) this.fanOut(targets, { text, conflationKey: `nbbo|${nbbo.symbol}` });
    else this.counters.unrouted++;
  }

  /** Applies a book event; returns the snapshot renderer of that book once it is synced. */
  private updateBook(instrument: string, event: BookEvent): (() => string) | undefined {
    let entry = this.books.get(instrument);
    if (!entry) {
      const state = new BookState(event, this.config.maxBookLevels);
      entry = { state, resync: () => dataMessage('book', state.toJsonSnapshot()) };
      this.books.set(instrument, entry);
    } else {
      entry.state.apply(event);
    }
    return entry.state.isSynced ? entry.resync : undefined;
  }

  /** Subscribers of any of `keys`, deduplicated only when several keys have listeners. */
  private targets(keys: readonly string[]): Iterable<FeedSubscriber> | undefined {
    let found: Set<FeedSubscriber> | undefined;
    let merged: Set<FeedSubscriber> | undefined;
    for (const key of keys) {
      const set = this.routes.get(key);
      if (!set) continue;
      if (!found) found = set;
      else {
        merged ??= new Set(found);
        for (const s of set) merged.add(s);
      }
    }
    return merged ?? found;
  }

  private fanOut(targets: Iterable<FeedSubscriber>, message: OutboundMessage): void {
    const shared: OutboundMessage = { ...message, bytes: Buffer.from(message.text) };
    for (const subscriber of targets) {
      this.counters.messagesOut++;
      subscriber.deliver(shared);
    }
  }

  private initialState(s: ChannelSelector): OutboundMessage[] {
    const matches = (instrument: string): boolean => {
      const [exchange, symbol] = instrument.split('|');
      return symbol === s.symbol && (s.exchange === undefined || s.exchange === exchange);
    };
    const out: OutboundMessage[] = [];
    if (s.channel === 'bbo') {
      for (const [instrument, bbo] of this.bbos) {
        if (matches(instrument)) out.push({ text: bbo.text, conflationKey: `bbo|${instrument}` });
      }
    } else if (s.channel === 'book') {
      for (const [instrument, book] of this.books) {
        if (matches(instrument) && book.state.isSynced) {
          out.push({
            text: book.resync(),
            conflationKey: `book|${instrument}`,
            resync: book.resync,
          });
        }
      }
    } else if (s.channel === 'nbbo' && s.symbol !== undefined) {
      const text = this.nbbos.get(s.symbol);
      if (text) out.push({ text, conflationKey: `nbbo|${s.symbol}` });
    }
    return out;
  }
}
