// Kraken spot WebSocket v2: https://docs.kraken.com/api/docs/websocket-v2/book
// Book checksum: https://docs.kraken.com/api/docs/guides/spot-ws-book-v2
import type { MarketBatch } from '../market/market-event';
import type { Level } from '../market/order-book';
import type { SymbolMarket } from '../market/symbol-market';
import { filler, parseObject, px, sz } from './dialect-json';
import type {
  AcceptedPath,
  DialectConnection,
  DialectMarkets,
  ErrorKind,
  ExchangeDialect,
  RestReply,
  ServerHeartbeat,
  TopicSubscription,
} from './exchange-dialect';
import { exchangeSpec } from './exchange-spec.lookup';
import { KrakenTickCache } from './kraken-tick.cache';
import { isoTime } from './iso-time';
import {
  depthOf,
  krakenBookChecksum,
  krakenBookUpdate,
  krakenLevels,
  sorted,
  viewOf,
  type BookView,
} from './kraken-book';

const SPEC = exchangeSpec('kraken');
const DEPTHS = new Set([10, 25, 100, 500, 1000]);
const CHANNELS: Readonly<Record<string, TopicSubscription['channel']>> = {
  trade: 'trades',
  book: 'book',
  ticker: 'bbo',
};

/**
 * Kraken v2: one channel per `{"method":"subscribe","params":{…}}`, acked per symbol; prices
 * and sizes are JSON NUMBER tokens (written with the pair's full precision so the checksum
 * text survives); books are depth-limited views (snapshot, then updates incl. levels that
 * enter the view) with the CRC-32 of the top 10; `{"channel":"heartbeat"}` every second.
 */
export class KrakenDialect implements ExchangeDialect {
  readonly id = 'kraken';
  readonly docs = SPEC.docs;
  // Book updates are diffs of each subscription's own depth-limited view.
  readonly sharedEncoding = false;
  readonly heartbeat: ServerHeartbeat;
  private readonly tick = new KrakenTickCache();

  constructor(heartbeatIntervalMs = SPEC.heartbeat.intervalMs) {
    this.heartbeat = {
      kind: 'text',
      intervalMs: heartbeatIntervalMs,
      frames: (conn) => (conn.subscriptions().length > 0 ? ['{"channel":"heartbeat"}'] : []),
    };
  }

  nativeSymbol(symbol: string): string {
    const [base, quote] = symbol.split('-');
    return `${base}/${quote}`;
  }

  accept(path: string): AcceptedPath | null {
    return path === '/v2' ? { mode: 'v2', topics: [] } : null;
  }

  parseTopic(topic: string): TopicSubscription | null {
    const [name, symbol, depth] = topic.split('|');
    const channel = CHANNELS[name];
    if (!channel || !symbol) return null;
    return {
      topic,
      channel,
      nativeSymbol: symbol,
      variant: name === 'book' ? `book.${depth ?? 10}` : name,
    };
  }

  onOpen(conn: DialectConnection): void {
    conn.send(
      JSON.stringify({
        channel: 'status',
        type: 'update',
        data: [
          {
            version: '2.0.0',
            system: 'online',
            api_version: 'v2',
            connection_id: connNumber(conn.id),
          },
        ],
      }),
    );
  }

  onMessage(conn: DialectConnection, text: string, markets: DialectMarkets): void {
    const msg = parseObject(text);
    const now = new Date(markets.now()).toISOString();
    const times = { time_in: now, time_out: now };
    const reqId = typeof msg?.req_id === 'number' ? { req_id: msg.req_id } : {};
    if (msg?.method === 'ping') {
      conn.send(JSON.stringify({ method: 'pong', ...reqId, ...times }));
      return;
    }
    const params = (msg?.params ?? null) as {
      channel?: unknown;
      symbol?: unknown;
      depth?: unknown;
    } | null;
    if (!msg || (msg.method !== 'subscribe' && msg.method !== 'unsubscribe') || !params) {
      conn.send(
        JSON.stringify({
          error: 'Malformed request',
          method: msg?.method ?? '',
          success: false,
          ...times,
          ...reqId,
        }),
      );
      return;
    }
    const name = typeof params.channel === 'string' ? params.channel : '';
    const depth = params.depth === undefined ? 10 : Number(params.depth);
    const symbols = Array.isArray(params.symbol)
      ? params.symbol.filter((s): s is string => typeof s === 'string')
      : [];
    for (const symbol of symbols) {
      const market = markets.get(symbol);
      const sub = this.parseTopic(
        name === 'book' ? `book|${symbol}|${depth}` : `${name}|${symbol}`,
      );
      const method = msg.method;
      if (!sub || !market || (name === 'book' && !DEPTHS.has(depth))) {
        const error = !market
          ? `Currency pair not supported ${symbol}`
          : `Invalid channel or depth: ${name}`;
        conn.send(JSON.stringify({ error, method, success: false, symbol, ...times, ...reqId }));
        continue;
      }
      const result =
        name === 'book'
          ? { channel: name, depth, snapshot: true, symbol }
          : { channel: name, snapshot: true, symbol };
      if (method === 'unsubscribe') {
        conn.unsubscribe(sub.topic);
        conn.send(JSON.stringify({ method, result, success: true, ...times, ...reqId }));
        continue;
      }
      const added = conn.subscribe(sub);
      conn.send(JSON.stringify({ method, result, success: true, ...times, ...reqId }));
      if (!added) continue;
      if (sub.channel === 'book') {
        markets.snapshotServed(symbol);
        conn.send(this.bookSnapshot(sub, market));
      } else if (sub.channel === 'trades' && market.lastTrade) {
        if (conn.send(this.trades(symbol, market, [market.lastTrade], 'snapshot')))
          markets.tradeSent(symbol, market.lastTrade.id);
      }
    }
  }

  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    switch (sub.channel) {
      case 'trades':
        if (batch.trades.length === 0) return [];
        return this.tick.shared(batch, 'trades', () => [
          this.trades(batch.nativeSymbol, market, batch.trades, 'update'),
        ]);
      case 'bbo':
        if (!batch.bbo) return [];
        return this.tick.shared(batch, 'bbo', () => [this.ticker(batch, market)]);
      default:
        return this.bookUpdate(sub, batch, market);
    }
  }

  rest(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null {
    if (path !== '/0/public/Depth') return null;
    const pair = query.get('pair') ?? '';
    const market = markets.get(pair);
    if (!market)
      return { status: 200, body: JSON.stringify({ error: ['EQuery:Unknown asset pair'] }) };
    const count = Math.min(500, Math.max(1, Number(query.get('count')) || 100));
    const p = market.profile;
    const t = Math.floor(markets.now() / 1000);
    const lv = (levels: Level[]) => levels.map(([tk, l]) => [px(p, tk), sz(p, l), t]);
    markets.snapshotServed(pair);
    const book = {
      asks: lv(market.book.levels('ask', count)),
      bids: lv(market.book.levels('bid', count)),
    };
    return { status: 200, body: JSON.stringify({ error: [], result: { [pair]: book } }) };
  }

  errorFrame(kind: ErrorKind, detail: string): string {
    const error = kind === 'rate-limit' ? 'Exceeded msg rate' : `Internal error: ${detail}`;
    const now = new Date().toISOString();
    return JSON.stringify({
      error,
      method: 'subscribe',
      success: false,
      time_in: now,
      time_out: now,
    });
  }

  restRateLimited(): RestReply {
    return { status: 200, body: JSON.stringify({ error: ['EAPI:Rate limit exceeded'] }) };
  }

  malformedFrame(nativeSymbol: string): string {
    return `{"channel":"trade","type":"update","data":[{"symbol":"${nativeSymbol}","side":"buy","price":`;
  }

  hugeFrame(bytes: number): string {
    return `{"channel":"instrument","type":"update","data":{"pad":"${filler(bytes - 60)}"}}`;
  }

  private trades(
    symbol: string,
    market: SymbolMarket,
    trades: MarketBatch['trades'],
    type: string,
  ): string {
    const p = market.profile;
    const items = trades.map(
      (t) =>
        `{"symbol":"${symbol}","side":"${t.side}","price":${px(p, t.ticks)},"qty":${sz(p, t.lots)},` +
        `"ord_type":"market","trade_id":${t.id},"timestamp":"${isoTime(t.ts)}"}`,
    );
    return `{"channel":"trade","type":"${type}","data":[${items.join(',')}]}`;
  }

  private bookSnapshot(sub: TopicSubscription, market: SymbolMarket): string {
    const view = viewOf(market, depthOf(sub));
    sub.state = view;
    const p = market.profile;
    const bids = sorted(view.bids, true);
    const asks = sorted(view.asks, false);
    return (
      `{"channel":"book","type":"snapshot","data":[{"symbol":"${sub.nativeSymbol}","bids":${krakenLevels(p, bids)},` +
      `"asks":${krakenLevels(p, asks)},"checksum":${krakenBookChecksum(p, bids, asks)}}]}`
    );
  }

  private ticker(batch: MarketBatch, market: SymbolMarket): string {
    const p = market.profile;
    const b = batch.bbo as NonNullable<MarketBatch['bbo']>;
    const last = px(p, market.lastTrade?.ticks ?? b.bidTicks);
    return (
      `{"channel":"ticker","type":"update","data":[{"symbol":"${batch.nativeSymbol}","bid":${px(p, b.bidTicks)},` +
      `"bid_qty":${sz(p, b.bidLots)},"ask":${px(p, b.askTicks)},"ask_qty":${sz(p, b.askLots)},"last":${last},` +
      `"volume":0,"vwap":${last},"low":${last},"high":${last},"change":0,"change_pct":0,` +
      `"timestamp":"${isoTime(batch.ts)}"}]}`
    );
  }

  /** Diff of the subscription's view; a gap hides the suppressed steps' levels from the client. */
  private bookUpdate(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    const before = sub.state as BookView | undefined;
    if (!before || !batch.book) return [];
    const depth = depthOf(sub);
    const after = this.tick.view(batch, depth, () => viewOf(market, depth));
    sub.state = after;
    return this.tick.update(batch, before, () =>
      krakenBookUpdate(sub.nativeSymbol, batch, market.profile, before, after),
    );
  }
}

function connNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1)) || 0;
}
