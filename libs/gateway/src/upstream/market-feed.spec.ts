import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsumedBatch, MarketBus } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import { Decimal, toJsonEvent, type UnifiedEvent } from '@feedgate/core';
import { GatewayConfig } from '../config/gateway.config';
import { BookState } from './book-state';
import { type ChannelSelector, matchingKeys, selectorKey } from './market-channel';
import { MarketFeed } from './market-feed.service';
import { dataMessage, type FeedSubscriber, type OutboundMessage } from './outbound-message';
import { framePayload } from './text-frame';

/** What a subscriber was handed: the text, its bytes and its conflation key. */
interface Got {
  readonly text: string;
  readonly bytes?: string;
  readonly key?: string;
}

class Recorder implements FeedSubscriber {
  readonly got: Got[] = [];
  deliver(m: OutboundMessage): void {
    const bytes = m.frame ? framePayload(m.frame).toString('utf8') : undefined;
    this.got.push({ text: m.text, bytes, key: m.conflationKey });
  }
}

const encoder = new FrameEncoder();
let offset = 0;
function batch(events: UnifiedEvent[], appendedAt = 0): ConsumedBatch {
  const header = { gateId: 't', replica: 'A' as const, epoch: 1, frameSeq: offset };
  const value = encoder.encode({ ...header, firstEventTime: events[0].ts }, events);
  const record = {
    topic: 'md.unified',
    partition: 0,
    offset,
    key: '',
    value,
    headers: {},
    timestamp: appendedAt,
  };
  offset++;
  // prettier-ignore
  return {
    topic: 'md.unified', partition: 0, records: [record],
    firstOffset: record.offset, lastOffset: record.offset, nextOffset: record.offset + 1,
  };
}

const CHANNEL = { trade: 'trades', bbo: 'bbo', book: 'book' } as const;
const EXCHANGES = ['binance', 'okx', 'kraken'];
const SYMBOLS = ['BTC-USDT', 'ETH-USDT'];

const dec = fc
  .tuple(fc.bigInt({ min: 0n, max: 99_999n }), fc.integer({ min: -4, max: 0 }))
  .map(([m, e]) => Decimal.fromParts(m, e));
const base = {
  exchange: fc.constantFrom(...EXCHANGES),
  symbol: fc.constantFrom(...SYMBOLS),
  nativeSymbol: fc.constantFrom('N1', 'N2'),
  ts: fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  localTs: fc.integer({ min: 0, max: 1e6 }),
};
const levels = fc.array(fc.tuple(dec, dec), { maxLength: 3 });
const event: fc.Arbitrary<UnifiedEvent> = fc.oneof(
  fc.record({
    type: fc.constant('trade' as const),
    ...base,
    id: fc.string(),
    price: dec,
    amount: dec,
    side: fc.constantFrom('buy' as const, 'sell' as const),
  }),
  fc.record({
    type: fc.constant('bbo' as const),
    ...base,
    bidPrice: dec,
    bidAmount: dec,
    askPrice: dec,
    askAmount: dec,
  }),
  fc.record({
    type: fc.constant('book' as const),
    ...base,
    snapshot: fc.boolean(),
    bids: levels,
    asks: levels,
    seq: fc.option(fc.string(), { nil: null }),
  }),
);
/** Few selectors, so that unsubscribes and overlapping (exact + wildcard) ones are frequent. */
const selector: fc.Arbitrary<ChannelSelector> = fc.constantFrom<ChannelSelector>(
  { channel: 'trades', symbol: 'BTC-USDT' },
  { channel: 'trades', symbol: 'BTC-USDT', exchange: 'okx' },
  { channel: 'bbo', symbol: 'BTC-USDT' },
  { channel: 'bbo', symbol: 'ETH-USDT', exchange: 'binance' },
  { channel: 'book', symbol: 'BTC-USDT', exchange: 'okx' },
  { channel: 'book', symbol: 'ETH-USDT' },
);
type Op =
  | { readonly op: 'events'; readonly events: UnifiedEvent[] }
  | { readonly op: 'sub' | 'unsub'; readonly who: number; readonly selector: ChannelSelector };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('events' as const),
      events: fc.array(event, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('sub' as const, 'unsub' as const),
      who: fc.integer({ min: 0, max: 2 }),
      selector,
    }),
  },
);

/**
 * The expected fan-out, computed the straightforward way: every subscriber whose selectors
 * match the event gets dataMessage(channel, toJsonEvent(e)) once; a new subscriber starts from
 * the latest BBO and the synced books, in the order those instruments first had one.
 */
class Reference {
  readonly got: Got[][] = [[], [], []];
  private readonly subs: Map<string, ChannelSelector>[] = [new Map(), new Map(), new Map()];
  private readonly bbos = new Map<string, string>();
  private readonly books = new Map<string, BookState>();

  sub(who: number, s: ChannelSelector): void {
    this.subs[who].set(selectorKey(s), s);
    const mine = (instrument: string) => {
      const [exchange, symbol] = instrument.split('|');
      return symbol === s.symbol && (s.exchange === undefined || s.exchange === exchange);
    };
    if (s.channel === 'bbo') {
      for (const [i, text] of this.bbos) if (mine(i)) this.got[who].push({ text, key: `bbo|${i}` });
    } else if (s.channel === 'book') {
      for (const [i, book] of this.books) {
        const text = dataMessage('book', book.toJsonSnapshot());
        if (mine(i) && book.isSynced) this.got[who].push({ text, key: `book|${i}` });
      }
    }
  }

  unsub(who: number, s: ChannelSelector): void {
    this.subs[who].delete(selectorKey(s));
  }

  event(e: UnifiedEvent): void {
    if (e.type !== 'trade' && e.type !== 'bbo' && e.type !== 'book') return;
    const instrument = `${e.exchange}|${e.symbol}`;
    const text = dataMessage(CHANNEL[e.type], toJsonEvent(e));
    let key: string | undefined;
    if (e.type === 'bbo') {
      this.bbos.set(instrument, text);
      key = `bbo|${instrument}`;
    } else if (e.type === 'book') {
      const book = this.books.get(instrument);
      if (book) book.apply(e);
      else this.books.set(instrument, new BookState(e, 1000));
      if (this.books.get(instrument)?.isSynced) key = `book|${instrument}`;
    }
    const keys = matchingKeys(CHANNEL[e.type], e.symbol, e.exchange);
    this.subs.forEach((subs, who) => {
      if (keys.some((k) => subs.has(k))) this.got[who].push({ text, bytes: text, key });
    });
  }
}

describe('MarketFeed fan-out', () => {
  it('delivers exactly the reference texts, bytes and keys through subscribes and unsubscribes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60 }), (ops) => {
        const feed = new MarketFeed({} as MarketBus, GatewayConfig.of());
        const subscribers = [new Recorder(), new Recorder(), new Recorder()];
        const ref = new Reference();
        for (const o of ops) {
          if (o.op === 'events') {
            feed.onBatch(batch(o.events));
            for (const e of o.events) ref.event(e);
          } else if (o.op === 'sub') {
            for (const m of feed.subscribe(subscribers[o.who], o.selector)) {
              subscribers[o.who].got.push({ text: m.text, key: m.conflationKey });
            }
            ref.sub(o.who, o.selector);
          } else {
            feed.unsubscribe(subscribers[o.who], o.selector);
            ref.unsub(o.who, o.selector);
          }
        }
        subscribers.forEach((s, who) => expect(s.got).toEqual(ref.got[who]));
      }),
      { numRuns: 500 },
    );
  });

  it('counts events nobody listens to as unrouted and renders a BBO only when asked', () => {
    const feed = new MarketFeed({} as MarketBus, GatewayConfig.of());
    const bbo = (n: number): UnifiedEvent => ({
      type: 'bbo',
      exchange: 'okx',
      symbol: 'BTC-USDT',
      nativeSymbol: 'BTC-USDT',
      ts: n,
      localTs: n,
      bidPrice: Decimal.parse(`${n}.10`),
      bidAmount: Decimal.ONE,
      askPrice: Decimal.parse(`${n}.20`),
      askAmount: Decimal.ONE,
    });
    feed.onBatch(batch([bbo(1), bbo(2)]));
    expect(feed.stats()).toMatchObject({ eventsIn: 2, unrouted: 2, messagesOut: 0 });
    const late = new Recorder();
    const initial = feed.subscribe(late, { channel: 'bbo', symbol: 'BTC-USDT' });
    expect(initial.map((m) => m.text)).toEqual([dataMessage('bbo', toJsonEvent(bbo(2)))]);
  });

  it('reports the age of the records it takes as upstream lag (falling behind shows)', () => {
    const feed = new MarketFeed({} as MarketBus, GatewayConfig.of());
    const trade = (n: number): UnifiedEvent => ({
      type: 'trade',
      exchange: 'okx',
      symbol: 'BTC-USDT',
      nativeSymbol: 'BTC-USDT',
      ts: n,
      localTs: n,
      id: String(n),
      price: Decimal.ONE,
      amount: Decimal.ONE,
      side: 'buy',
    });
    expect(feed.stats().upstreamLagMs).toBe(0);
    feed.onBatch(batch([trade(1)], Date.now() - 3000));
    feed.onBatch(batch([trade(2)], Date.now() - 20));
    const lag = feed.stats().upstreamLagMs;
    expect(lag).toBeGreaterThanOrEqual(3000);
    expect(lag).toBeLessThan(60_000);
  });
});
