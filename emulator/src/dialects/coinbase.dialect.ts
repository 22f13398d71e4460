// Coinbase Exchange WebSocket feed: https://docs.cdp.coinbase.com/exchange/docs/websocket-channels
// REST book: https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproductbook
import type { MarketBatch, MarketTrade } from '../market/market-event';
import type { SymbolMarket } from '../market/symbol-market';
import { filler, levelsJson, parseObject, px, sz } from './dialect-json';
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
import { isoTime, lastValueMemo } from './iso-time';

const SPEC = exchangeSpec('coinbase');
/** Coinbase times have microseconds: `2021-04-17T16:43:37.089723Z`. */
const iso = lastValueMemo((ms) => `${isoTime(ms).slice(0, -1)}000Z`);
const CHANNELS: Readonly<Record<string, TopicSubscription['channel']>> = {
  matches: 'trades',
  level2: 'book',
  level2_batch: 'book',
  ticker: 'bbo',
  // Heartbeats ride on the bbo slot: they need a product but carry no market data.
  heartbeat: 'bbo',
};

/**
 * Coinbase Exchange feed: `{"type":"subscribe","product_ids":[…],"channels":[…]}` answered
 * with the connection's full `subscriptions` list; `matches` (side = MAKER side) with the
 * product `sequence`, `level2` snapshot then `l2update` (no sequence), `ticker`, and the
 * optional per-product `heartbeat` channel once a second.
 */
export class CoinbaseDialect implements ExchangeDialect {
  readonly id = 'coinbase';
  readonly docs = SPEC.docs;
  readonly sharedEncoding = true;
  readonly heartbeat: ServerHeartbeat;

  constructor(heartbeatIntervalMs = SPEC.heartbeat.intervalMs) {
    this.heartbeat = {
      kind: 'text',
      intervalMs: heartbeatIntervalMs,
      frames: (conn, markets, now) =>
        conn
          .subscriptions()
          .filter((s) => s.variant === 'heartbeat')
          .map((s) => {
            const m = markets.get(s.nativeSymbol) as SymbolMarket;
            return JSON.stringify({
              type: 'heartbeat',
              sequence: m.seq,
              last_trade_id: m.tradeId,
              product_id: s.nativeSymbol,
              time: iso(now),
            });
          }),
    };
  }

  nativeSymbol(symbol: string): string {
    return symbol;
  }

  accept(path: string): AcceptedPath | null {
    return path === '/' || path === '' ? { mode: 'coinbase', topics: [] } : null;
  }

  parseTopic(topic: string): TopicSubscription | null {
    const i = topic.indexOf(':');
    const name = topic.slice(0, i);
    const channel = CHANNELS[name];
    return i > 0 && channel
      ? { topic, channel, nativeSymbol: topic.slice(i + 1), variant: name }
      : null;
  }

  onMessage(conn: DialectConnection, text: string, markets: DialectMarkets): void {
    const msg = parseObject(text);
    if (!msg || (msg.type !== 'subscribe' && msg.type !== 'unsubscribe')) {
      conn.send(
        JSON.stringify({
          type: 'error',
          message: 'Failed to subscribe',
          reason: 'type is required',
        }),
      );
      return;
    }
    const globalProducts = strings(msg.product_ids);
    const wanted: TopicSubscription[] = [];
    for (const ch of Array.isArray(msg.channels) ? (msg.channels as unknown[]) : []) {
      const name = typeof ch === 'string' ? ch : String((ch as { name?: unknown } | null)?.name);
      const products =
        typeof ch === 'string'
          ? globalProducts
          : strings((ch as { product_ids?: unknown }).product_ids);
      for (const product of products.length > 0 ? products : globalProducts) {
        const sub = this.parseTopic(`${name}:${product}`);
        if (!sub || !markets.get(product)) {
          const reason = sub
            ? `${product} is not a valid product`
            : `${name} is not a valid channel`;
          conn.send(JSON.stringify({ type: 'error', message: 'Failed to subscribe', reason }));
          return;
        }
        wanted.push(sub);
      }
    }
    const fresh: TopicSubscription[] = [];
    for (const sub of wanted) {
      if (msg.type === 'unsubscribe') conn.unsubscribe(sub.topic);
      else if (conn.subscribe(sub)) fresh.push(sub);
    }
    conn.send(this.subscriptions(conn));
    for (const sub of fresh) {
      const market = markets.get(sub.nativeSymbol) as SymbolMarket;
      const p = market.profile;
      if (sub.variant === 'matches' && market.lastTrade) {
        if (conn.send(match('last_match', sub.nativeSymbol, market, market.lastTrade)))
          markets.tradeSent(sub.nativeSymbol, market.lastTrade.id);
      } else if (sub.channel === 'book') {
        markets.snapshotServed(sub.nativeSymbol);
        conn.send(
          `{"type":"snapshot","product_id":"${sub.nativeSymbol}","bids":${levelsJson(p, market.book.levels('bid'))},` +
            `"asks":${levelsJson(p, market.book.levels('ask'))}}`,
        );
      }
    }
  }

  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    const p = market.profile;
    const product = batch.nativeSymbol;
    switch (sub.variant) {
      case 'matches':
        return batch.trades.map((t) => match('match', product, market, t));
      case 'ticker': {
        const b = batch.bbo;
        const last = market.lastTrade;
        if (!b || !last) return [];
        const price = px(p, last.ticks);
        return [
          `{"type":"ticker","sequence":${market.seq},"product_id":"${product}","price":"${price}",` +
            `"open_24h":"${price}","volume_24h":"0","low_24h":"${price}","high_24h":"${price}","volume_30d":"0",` +
            `"best_bid":"${px(p, b.bidTicks)}","best_bid_size":"${sz(p, b.bidLots)}","best_ask":"${px(p, b.askTicks)}",` +
            `"best_ask_size":"${sz(p, b.askLots)}","side":"${last.side}","time":"${iso(batch.ts)}",` +
            `"trade_id":${last.id},"last_size":"${sz(p, last.lots)}"}`,
        ];
      }
      case 'heartbeat':
        return [];
      default: {
        const d = batch.book;
        if (!d || d.changes.length === 0) return [];
        const changes = d.changes.map(
          (c) => `["${c.side === 'bid' ? 'buy' : 'sell'}","${px(p, c.ticks)}","${sz(p, c.lots)}"]`,
        );
        return [
          `{"type":"l2update","product_id":"${product}","changes":[${changes.join(',')}],"time":"${iso(batch.ts)}"}`,
        ];
      }
    }
  }

  rest(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null {
    const m = /^\/products\/([^/]+)\/book$/.exec(path);
    if (!m) return null;
    const product = decodeURIComponent(m[1]);
    const market = markets.get(product);
    if (!market) return { status: 404, body: JSON.stringify({ message: 'NotFound' }) };
    const level = query.get('level') ?? '1';
    const limit = level === '1' ? 1 : Number.POSITIVE_INFINITY;
    const p = market.profile;
    markets.snapshotServed(product);
    return {
      status: 200,
      body:
        `{"bids":${levelsJson(p, market.book.levels('bid', limit), ',1')},"asks":${levelsJson(p, market.book.levels('ask', limit), ',1')},` +
        `"sequence":${market.seq},"auction_mode":false,"auction":null,"time":"${iso(markets.now())}"}`,
    };
  }

  errorFrame(kind: ErrorKind, detail: string): string {
    return JSON.stringify(
      kind === 'rate-limit'
        ? { type: 'error', message: 'rate limit exceeded', reason: detail }
        : { type: 'error', message: 'Failed to subscribe', reason: detail },
    );
  }

  restRateLimited(): RestReply {
    return { status: 429, body: JSON.stringify({ message: 'Public rate limit exceeded' }) };
  }

  malformedFrame(nativeSymbol: string): string {
    return `{"type":"match","trade_id":1,"product_id":"${nativeSymbol}","price":`;
  }

  hugeFrame(bytes: number): string {
    return `{"type":"status","products":[],"currencies":[],"pad":"${filler(bytes - 60)}"}`;
  }

  private subscriptions(conn: DialectConnection): string {
    const byName = new Map<string, string[]>();
    for (const s of conn.subscriptions()) {
      const list = byName.get(s.variant) ?? [];
      list.push(s.nativeSymbol);
      byName.set(s.variant, list);
    }
    const channels = [...byName].map(([name, product_ids]) => ({ name, product_ids }));
    return JSON.stringify({ type: 'subscriptions', channels });
  }
}

/** A match: `side` is the maker's side, so a taker buy is a maker `sell`. */
function match(type: string, product: string, market: SymbolMarket, t: MarketTrade): string {
  const p = market.profile;
  return (
    `{"type":"${type}","trade_id":${t.id},"maker_order_id":"${orderId(t.id * 2)}","taker_order_id":"${orderId(t.id * 2 + 1)}",` +
    `"side":"${t.side === 'buy' ? 'sell' : 'buy'}","size":"${sz(p, t.lots)}","price":"${px(p, t.ticks)}",` +
    `"product_id":"${product}","sequence":${t.seq},"time":"${iso(t.ts)}"}`
  );
}

function orderId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
