// Bybit v5 public WebSocket: https://bybit-exchange.github.io/docs/v5/ws/connect
// Orderbook: https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
// Trades: https://bybit-exchange.github.io/docs/v5/websocket/public/trade
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
  TopicSubscription,
} from './exchange-dialect';
import { exchangeSpec } from './exchange-spec.lookup';

const SPEC = exchangeSpec('bybit');
const TOPIC = /^(orderbook)\.(1|50|200|500)\.([A-Z0-9]+)$|^(publicTrade|tickers)\.([A-Z0-9]+)$/;
const PATHS: Readonly<Record<string, string>> = {
  '/v5/public/spot': 'spot',
  '/v5/public/linear': 'linear',
};

/**
 * Bybit v5 public: one endpoint per category, `{"op":"subscribe","args":[topics]}` acked
 * once per message, books as a snapshot then deltas with a sequential `u` and the cross
 * sequence `seq`, trades in batches, `{"op":"ping"}` answered by the category's pong form.
 */
export class BybitDialect implements ExchangeDialect {
  readonly id = 'bybit';
  readonly docs = SPEC.docs;
  readonly sharedEncoding = true;
  readonly heartbeat = null;

  nativeSymbol(symbol: string): string {
    return symbol
      .replace(/-PERP$/, '')
      .split('-')
      .join('');
  }

  accept(path: string): AcceptedPath | null {
    const category = PATHS[path];
    return category ? { mode: category, topics: [] } : null;
  }

  parseTopic(topic: string): TopicSubscription | null {
    const m = TOPIC.exec(topic);
    if (!m) return null;
    if (m[1]) {
      const depth = m[2];
      // orderbook.1 is Bybit's BBO feed (always a snapshot).
      return {
        topic,
        channel: depth === '1' ? 'bbo' : 'book',
        nativeSymbol: m[3],
        variant: `orderbook.${depth}`,
      };
    }
    return {
      topic,
      channel: m[4] === 'publicTrade' ? 'trades' : 'bbo',
      nativeSymbol: m[5],
      variant: m[4],
    };
  }

  onMessage(conn: DialectConnection, text: string, markets: DialectMarkets): void {
    const msg = parseObject(text);
    const reqId = typeof msg?.req_id === 'string' ? msg.req_id : '';
    if (msg?.op === 'ping') {
      conn.send(
        conn.mode === 'spot'
          ? JSON.stringify({
              success: true,
              ret_msg: 'pong',
              conn_id: conn.id,
              req_id: reqId,
              op: 'ping',
            })
          : JSON.stringify({
              req_id: reqId,
              op: 'pong',
              args: [String(markets.now())],
              conn_id: conn.id,
            }),
      );
      return;
    }
    if (!msg || (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') || !Array.isArray(msg.args)) {
      conn.send(
        this.reply(
          false,
          `Invalid request: ${text.slice(0, 100)}`,
          conn,
          reqId,
          String(msg?.op ?? ''),
        ),
      );
      return;
    }
    const subs: TopicSubscription[] = [];
    for (const a of msg.args as unknown[]) {
      const sub = typeof a === 'string' ? this.parseTopic(a) : null;
      if (!sub || !markets.get(sub.nativeSymbol)) {
        conn.send(this.reply(false, `Invalid symbol :[${String(a)}]`, conn, reqId, msg.op));
        return;
      }
      subs.push(sub);
    }
    conn.send(this.reply(true, '', conn, reqId, msg.op));
    for (const sub of subs) {
      if (msg.op === 'unsubscribe') {
        conn.unsubscribe(sub.topic);
      } else if (conn.subscribe(sub) && sub.variant.startsWith('orderbook.')) {
        const market = markets.get(sub.nativeSymbol) as SymbolMarket;
        markets.snapshotServed(sub.nativeSymbol);
        conn.send(this.book(sub, market, 'snapshot', markets.now()));
      }
    }
  }

  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    const p = market.profile;
    const s = batch.nativeSymbol;
    switch (sub.variant) {
      case 'publicTrade': {
        if (batch.trades.length === 0) return [];
        const items = batch.trades.map(
          (t) =>
            `{"T":${t.ts},"s":"${s}","S":"${t.side === 'buy' ? 'Buy' : 'Sell'}","v":"${sz(p, t.lots)}",` +
            `"p":"${px(p, t.ticks)}","L":"ZeroPlusTick","i":"${t.id}","BT":false}`,
        );
        return [
          `{"topic":"${sub.topic}","ts":${batch.ts},"type":"snapshot","data":[${items.join(',')}]}`,
        ];
      }
      case 'tickers': {
        const b = batch.bbo;
        if (!b) return [];
        const last = px(p, market.lastTrade?.ticks ?? b.bidTicks);
        return [
          `{"topic":"${sub.topic}","ts":${batch.ts},"type":"snapshot","cs":${market.seq},"data":{"symbol":"${s}",` +
            `"lastPrice":"${last}","highPrice24h":"${last}","lowPrice24h":"${last}","prevPrice24h":"${last}",` +
            `"volume24h":"0","turnover24h":"0","price24hPcnt":"0","bid1Price":"${px(p, b.bidTicks)}",` +
            `"bid1Size":"${sz(p, b.bidLots)}","ask1Price":"${px(p, b.askTicks)}","ask1Size":"${sz(p, b.askLots)}"}}`,
        ];
      }
      case 'orderbook.1':
        return batch.bbo ? [this.book(sub, market, 'snapshot', batch.ts)] : [];
      default: {
        const d = batch.book;
        if (!d) return [];
        const { bids, asks } = changesBySide(d.changes);
        return [
          `{"topic":"${sub.topic}","type":"delta","ts":${batch.ts},"data":{"s":"${s}","b":${levelsJson(p, bids)},` +
            `"a":${levelsJson(p, asks)},"u":${d.updateId},"seq":${d.lastSeq}},"cts":${batch.ts}}`,
        ];
      }
    }
  }

  rest(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null {
    if (path !== '/v5/market/orderbook') return null;
    const native = query.get('symbol') ?? '';
    const market = markets.get(native);
    const now = markets.now();
    if (!market) {
      return {
        status: 200,
        body: JSON.stringify({
          retCode: 10001,
          retMsg: 'params error: symbol invalid',
          result: {},
          retExtInfo: {},
          time: now,
        }),
      };
    }
    const limit = Math.min(200, Math.max(1, Number(query.get('limit')) || 25));
    const p = market.profile;
    markets.snapshotServed(native);
    return {
      status: 200,
      body:
        `{"retCode":0,"retMsg":"OK","result":{"s":"${native}","a":${levelsJson(p, market.book.levels('ask', limit))},` +
        `"b":${levelsJson(p, market.book.levels('bid', limit))},"ts":${now},"u":${market.updateId},` +
        `"seq":${market.seq},"cts":${now}},"retExtInfo":{},"time":${now}}`,
    };
  }

  errorFrame(kind: ErrorKind, detail: string): string {
    const msg = kind === 'rate-limit' ? `Too many requests: ${detail}` : `error: ${detail}`;
    return JSON.stringify({
      success: false,
      ret_msg: msg,
      conn_id: 'emulator',
      req_id: '',
      op: 'subscribe',
    });
  }

  restRateLimited(): RestReply {
    return {
      status: 403,
      body: JSON.stringify({
        retCode: 10006,
        retMsg: 'Too many visits!',
        result: {},
        retExtInfo: {},
        time: Date.now(),
      }),
    };
  }

  malformedFrame(nativeSymbol: string): string {
    return `{"topic":"publicTrade.${nativeSymbol}","ts":1,"type":"snapshot","data":[{"T":`;
  }

  hugeFrame(bytes: number): string {
    return `{"topic":"kline.1.EMULATOR","ts":1,"type":"snapshot","data":[],"pad":"${filler(bytes - 70)}"}`;
  }

  /** A full book push (snapshot, or the whole top level for orderbook.1). */
  private book(sub: TopicSubscription, market: SymbolMarket, type: string, ts: number): string {
    const depth = Number(sub.variant.split('.')[1]);
    const p = market.profile;
    return (
      `{"topic":"${sub.topic}","type":"${type}","ts":${ts},"data":{"s":"${sub.nativeSymbol}",` +
      `"b":${levelsJson(p, market.book.levels('bid', depth))},"a":${levelsJson(p, market.book.levels('ask', depth))},` +
      `"u":${market.updateId},"seq":${market.seq}},"cts":${ts}}`
    );
  }

  private reply(
    success: boolean,
    retMsg: string,
    conn: DialectConnection,
    reqId: string,
    op: string,
  ): string {
    return JSON.stringify({ success, ret_msg: retMsg, conn_id: conn.id, req_id: reqId, op });
  }
}
