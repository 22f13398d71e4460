import type { MarketBatch } from '../market/market-event';
import type { SymbolMarket } from '../market/symbol-market';
import { changesBySide, filler, levelsJson, parseObject, px, sz } from './dialect-json';
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

const TOPIC = /^([a-z0-9_]+)@(trade|aggTrade|depth(?:@(?:100|250|500)ms)?|bookTicker)$/;
const MAX_REST_LIMIT = 5000;

/**
 * What Binance spot and USDⓈ-M futures share: raw (`/ws`, `/ws/<stream>`) and combined
 * (`/stream`, `/stream?streams=a/b`) endpoints, SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS
 * with `{"result":null,"id":N}` acks, protocol ping frames, and the depth REST snapshot whose
 * `lastUpdateId` is the market's current sequence (so `U <= lastUpdateId+1 <= u` stitches).
 */
export abstract class BinanceFamilyDialect implements ExchangeDialect {
  abstract readonly id: string;
  abstract readonly docs: string;
  readonly sharedEncoding = true;
  readonly heartbeat: ServerHeartbeat;
  protected abstract readonly futures: boolean;
  protected abstract readonly depthPath: string;

  constructor(pingIntervalMs: number) {
    this.heartbeat = { kind: 'ping-frame', intervalMs: pingIntervalMs };
  }

  nativeSymbol(symbol: string): string {
    return symbol
      .replace(/-PERP$/, '')
      .split('-')
      .join('');
  }

  accept(path: string, query: URLSearchParams): AcceptedPath | null {
    if (path === '/ws' || path === '/ws/') return { mode: 'raw', topics: [] };
    if (path.startsWith('/ws/')) return { mode: 'raw', topics: path.slice(4).split('/') };
    if (path === '/stream' || path === '/stream/') {
      const streams = query.get('streams');
      return { mode: 'combined', topics: streams ? streams.split('/') : [] };
    }
    return null;
  }

  parseTopic(topic: string): TopicSubscription | null {
    const m = TOPIC.exec(topic);
    if (!m) return null;
    const kind = m[2];
    const channel = kind === 'bookTicker' ? 'bbo' : kind.startsWith('depth') ? 'book' : 'trades';
    return { topic, channel, nativeSymbol: m[1].toUpperCase(), variant: kind };
  }

  onMessage(conn: DialectConnection, text: string): void {
    const msg = parseObject(text);
    const id = msg?.id;
    if (!msg || (id !== undefined && typeof id !== 'number' && typeof id !== 'string')) {
      conn.send(JSON.stringify({ code: 3, msg: 'Invalid JSON: expected an object', id: null }));
      return;
    }
    const params = Array.isArray(msg.params) ? msg.params : [];
    switch (msg.method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        for (const p of params) {
          if (typeof p !== 'string' || !this.parseTopic(p)) {
            conn.send(
              JSON.stringify({ code: 2, msg: `Invalid request: unknown stream ${String(p)}`, id }),
            );
            return;
          }
        }
        for (const p of params as string[]) {
          if (msg.method === 'SUBSCRIBE') conn.subscribe(this.parseTopic(p) as TopicSubscription);
          else conn.unsubscribe(p);
        }
        conn.send(JSON.stringify({ result: null, id }));
        return;
      }
      case 'LIST_SUBSCRIPTIONS':
        conn.send(JSON.stringify({ result: conn.subscriptions().map((s) => s.topic), id }));
        return;
      default:
        conn.send(JSON.stringify({ code: 2, msg: 'Invalid request: unknown method', id }));
    }
  }

  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    const p = market.profile;
    const s = batch.nativeSymbol;
    const E = batch.ts;
    const T = this.futures ? `"T":${E},` : '';
    switch (sub.variant) {
      case 'trade':
        // m = buyer is the maker, i.e. the taker sold.
        return batch.trades.map(
          (t) =>
            `{"e":"trade","E":${E},${T}"s":"${s}","t":${t.id},"p":"${px(p, t.ticks)}","q":"${sz(p, t.lots)}",` +
            (this.futures ? '' : `"b":${t.seq * 2},"a":${t.seq * 2 + 1},`) +
            `"T":${t.ts},"m":${t.side === 'sell'}${this.futures ? ',"X":"MARKET"' : ',"M":true'}}`,
        );
      case 'aggTrade':
        return batch.trades.map(
          (t) =>
            `{"e":"aggTrade","E":${E},"s":"${s}","a":${t.id},"p":"${px(p, t.ticks)}","q":"${sz(p, t.lots)}",` +
            `"f":${t.id},"l":${t.id},"T":${t.ts},"m":${t.side === 'sell'}${this.futures ? '' : ',"M":true'}}`,
        );
      case 'bookTicker': {
        const b = batch.bbo;
        if (!b) return [];
        const head = this.futures
          ? `{"e":"bookTicker","u":${market.seq},"E":${E},"T":${E},`
          : `{"u":${market.seq},`;
        return [
          `${head}"s":"${s}","b":"${px(p, b.bidTicks)}","B":"${sz(p, b.bidLots)}","a":"${px(p, b.askTicks)}","A":"${sz(p, b.askLots)}"}`,
        ];
      }
      default: {
        const d = batch.book;
        if (!d) return [];
        const { bids, asks } = changesBySide(d.changes);
        const pu = this.futures ? `,"pu":${d.prevSeq}` : '';
        return [
          `{"e":"depthUpdate","E":${E},${T}"s":"${s}","U":${d.firstSeq},"u":${d.lastSeq}${pu},` +
            `"b":${levelsJson(p, bids)},"a":${levelsJson(p, asks)}}`,
        ];
      }
    }
  }

  wrap(conn: DialectConnection, sub: TopicSubscription, payload: string): string {
    return conn.mode === 'combined' ? `{"stream":"${sub.topic}","data":${payload}}` : payload;
  }

  rest(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null {
    if (path !== this.depthPath) return null;
    const native = (query.get('symbol') ?? '').toUpperCase();
    const market = markets.get(native);
    if (!market)
      return { status: 400, body: JSON.stringify({ code: -1121, msg: 'Invalid symbol.' }) };
    const limit = Math.min(MAX_REST_LIMIT, Math.max(1, Number(query.get('limit')) || 100));
    const p = market.profile;
    markets.snapshotServed(native);
    const now = markets.now();
    const times = this.futures ? `"E":${now},"T":${now},` : '';
    return {
      status: 200,
      body:
        `{"lastUpdateId":${market.seq},${times}"bids":${levelsJson(p, market.book.levels('bid', limit))},` +
        `"asks":${levelsJson(p, market.book.levels('ask', limit))}}`,
    };
  }

  errorFrame(kind: ErrorKind, detail: string): string {
    return kind === 'rate-limit'
      ? JSON.stringify({ code: -1003, msg: `Too many requests; ${detail}`, id: null })
      : JSON.stringify({ code: 2, msg: `Invalid request: ${detail}`, id: null });
  }

  restRateLimited(): RestReply {
    return {
      status: 429,
      body: JSON.stringify({
        code: -1003,
        msg: 'Too many requests; current limit is 6000 request weight per 1 MINUTE.',
      }),
    };
  }

  malformedFrame(nativeSymbol: string): string {
    return `{"stream":"${nativeSymbol.toLowerCase()}@trade","data":{"e":"trade","E":1,"s":"${nativeSymbol}","t":`;
  }

  hugeFrame(bytes: number): string {
    return `{"stream":"!emulator@huge","data":{"e":"24hrTicker","pad":"${filler(bytes - 60)}"}}`;
  }
}
