import {
  type BboEvent,
  type BookEvent,
  type JsonUnifiedEvent,
  toJsonEvent,
  type TradeEvent,
  type UnifiedEvent,
} from '@feedgate/core';
import type { JsonConsolidatedBbo } from '@feedgate/aggregator';
import { BookState } from './book-state';
import { bookText, tradeText } from './data-message.writer';
import { InstrumentState } from './instrument.state';
import {
  type ChannelSelector,
  type MarketChannel,
  matchingKeys,
  selectorKey,
} from './market-channel';
import { dataMessage, type FeedSubscriber, type OutboundMessage } from './outbound-message';
import { RouteSlot, RouteTable, type Targets } from './route.table';
import { textFrame } from './text-frame';

const CHANNEL_OF: Record<UnifiedEvent['type'], MarketChannel> = {
  trade: 'trades',
  book: 'book',
  bbo: 'bbo',
  candle: 'candles',
  alert: 'alerts',
  status: 'status',
};

/** The latest consolidated BBO of a symbol; its message is rendered on first use. */
interface NbboEntry {
  nbbo: JsonConsolidatedBbo;
  text: string | undefined;
  readonly conflationKey: string;
  readonly route: RouteSlot;
}

/**
 * MarketFeed's fan-out and state, apart from the bus: routes decoded events to their
 * subscribers by routing key (channel|symbol|exchange|interval). Each message is serialized
 * once and only when someone listens (trade, bbo and book messages by data-message.writer.ts,
 * the same bytes as dataMessage(toJsonEvent)), framed for the WebSocket once and shared by all
 * its subscribers. It keeps the state a new subscriber starts from: the latest BBO and the
 * maintained book per (exchange, symbol) and the latest consolidated BBO per symbol; the
 * messages of those are rendered only when a subscriber needs them.
 */
export class FeedRouter {
  private readonly routes = new RouteTable();
  /** symbol → exchange → state: two lookups of strings the codec hands out again and again. */
  private readonly instruments = new Map<string, Map<string, InstrumentState>>();
  /** Instruments by `exchange|symbol` in the order they got a book / a BBO (initial state). */
  private readonly books = new Map<string, InstrumentState>();
  private readonly bbos = new Map<string, InstrumentState>();
  private readonly nbbos = new Map<string, NbboEntry>();
  readonly counters = { unrouted: 0, messagesOut: 0 };

  constructor(private readonly maxBookLevels: number) {}

  get subscriptionKeys(): number {
    return this.routes.size;
  }

  get bookCount(): number {
    return this.books.size;
  }

  /** Adds a subscriber to a selector; returns the messages it starts from (state channels). */
  subscribe(subscriber: FeedSubscriber, selector: ChannelSelector): OutboundMessage[] {
    this.routes.add(selectorKey(selector), subscriber);
    return this.initialState(selector);
  }

  unsubscribe(subscriber: FeedSubscriber, selector: ChannelSelector): void {
    this.routes.remove(selectorKey(selector), subscriber);
  }

  /** One decoded event; `amended`/`revision` come with candles of md.agg.candles. */
  onEvent(event: UnifiedEvent, amended?: boolean, revision?: number): void {
    if (event.type === 'bbo') return this.onBbo(event);
    if (amended === undefined) {
      if (event.type === 'trade') return this.onTrade(event);
      if (event.type === 'book') return this.onBook(event);
    }
    this.onOther(event, amended, revision);
  }

  /** One consolidated BBO of md.agg.bbo. */
  onNbbo(nbbo: JsonConsolidatedBbo): void {
    let entry = this.nbbos.get(nbbo.symbol);
    if (!entry) {
      const route = new RouteSlot([`nbbo|${nbbo.symbol}|*|*`]);
      entry = { nbbo, text: undefined, conflationKey: `nbbo|${nbbo.symbol}`, route };
      this.nbbos.set(nbbo.symbol, entry);
    }
    entry.nbbo = nbbo;
    entry.text = undefined;
    const targets = this.routes.targets(entry.route);
    if (!targets) this.counters.unrouted++;
    else this.fanOut(targets, nbboText(entry), entry.conflationKey, undefined);
  }

  private onTrade(event: TradeEvent): void {
    const ins = this.instrument(event.exchange, event.symbol);
    const targets = this.routes.targets(ins.tradesRoute);
    if (!targets) this.counters.unrouted++;
    else this.fanOut(targets, tradeText(ins.head('trades', event), event), undefined, undefined);
  }

  private onBbo(event: BboEvent): void {
    const ins = this.instrument(event.exchange, event.symbol);
    if (!ins.hasBbo) this.bbos.set(ins.key, ins);
    ins.setBbo(event);
    const targets = this.routes.targets(ins.bboRoute);
    if (!targets) this.counters.unrouted++;
    else this.fanOut(targets, ins.bboText(), ins.bboKey, undefined);
  }

  private onBook(event: BookEvent): void {
    const ins = this.instrument(event.exchange, event.symbol);
    const resync = this.updateBook(ins, event);
    const targets = this.routes.targets(ins.bookRoute);
    if (!targets) this.counters.unrouted++;
    else {
      const text = bookText(ins.head('book', event), event);
      this.fanOut(targets, text, resync ? ins.bookKey : undefined, resync);
    }
  }

  /** Candles, alerts, status (and a book from a candle-shaped record): the generic path. */
  private onOther(event: UnifiedEvent, amended?: boolean, revision?: number): void {
    const channel = CHANNEL_OF[event.type];
    let resync: (() => string) | undefined;
    let conflationKey: string | undefined;
    if (event.type === 'book') {
      const ins = this.instrument(event.exchange, event.symbol);
      resync = this.updateBook(ins, event);
      if (resync) conflationKey = ins.bookKey;
    }
    const interval = event.type === 'candle' ? event.interval : undefined;
    const targets = this.routes.resolve(
      matchingKeys(channel, event.symbol, event.exchange, interval),
    );
    if (!targets) {
      this.counters.unrouted++;
      return;
    }
    const json: JsonUnifiedEvent = toJsonEvent(event);
    const text =
      amended === undefined
        ? dataMessage(channel, json)
        : dataMessage(channel, json, { amended, revision });
    this.fanOut(targets, text, conflationKey, resync);
  }

  private instrument(exchange: string, symbol: string): InstrumentState {
    let bySymbol = this.instruments.get(symbol);
    if (!bySymbol) this.instruments.set(symbol, (bySymbol = new Map()));
    let ins = bySymbol.get(exchange);
    if (!ins) bySymbol.set(exchange, (ins = new InstrumentState(exchange, symbol)));
    return ins;
  }

  /** Applies a book event; returns the snapshot renderer of that book once it is synced. */
  private updateBook(ins: InstrumentState, event: BookEvent): (() => string) | undefined {
    let entry = ins.book;
    if (!entry) {
      const state = new BookState(event, this.maxBookLevels);
      entry = ins.book = { state, resync: () => dataMessage('book', state.toJsonSnapshot()) };
      this.books.set(ins.key, ins);
    } else {
      entry.state.apply(event);
    }
    return entry.state.isSynced ? entry.resync : undefined;
  }

  /** One message object and one WebSocket frame for all of the event's subscribers. */
  private fanOut(
    targets: NonNullable<Targets>,
    text: string,
    conflationKey: string | undefined,
    resync: (() => string) | undefined,
  ): void {
    const message: OutboundMessage = { text, frame: textFrame(text), conflationKey, resync };
    this.counters.messagesOut += targets.length;
    for (let i = 0; i < targets.length; i++) targets[i].deliver(message);
  }

  private initialState(s: ChannelSelector): OutboundMessage[] {
    const matches = (ins: InstrumentState): boolean =>
      ins.symbol === s.symbol && (s.exchange === undefined || s.exchange === ins.exchange);
    const out: OutboundMessage[] = [];
    if (s.channel === 'bbo') {
      for (const ins of this.bbos.values()) {
        if (matches(ins)) out.push({ text: ins.bboText(), conflationKey: ins.bboKey });
      }
    } else if (s.channel === 'book') {
      for (const ins of this.books.values()) {
        const book = ins.book;
        if (book && matches(ins) && book.state.isSynced) {
          out.push({ text: book.resync(), conflationKey: ins.bookKey, resync: book.resync });
        }
      }
    } else if (s.channel === 'nbbo' && s.symbol !== undefined) {
      const entry = this.nbbos.get(s.symbol);
      if (entry) out.push({ text: nbboText(entry), conflationKey: entry.conflationKey });
    }
    return out;
  }
}

function nbboText(entry: NbboEntry): string {
  return (entry.text ??= dataMessage('nbbo', entry.nbbo));
}
