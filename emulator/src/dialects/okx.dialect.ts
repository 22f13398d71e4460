// OKX v5 public WebSocket: https://www.okx.com/docs-v5/en/#overview-websocket
// Order book channel and checksum: https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
import type { MarketBatch } from '../market/market-event';
import type { Level } from '../market/order-book';
import type { SymbolMarket } from '../market/symbol-market';
import type { SymbolProfile } from '../market/symbol-profile';
import { crc32 } from './crc32';
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

const SPEC = exchangeSpec('okx');
const BOOK_CHANNELS = new Set(['books', 'books-l2-tbt', 'books50-l2-tbt']);
const CHECKSUM_DEPTH = 25;

/**
 * OKX v5: `{"op":"subscribe","args":[{channel,instId}]}` answered per arg with
 * `{"event":"subscribe","arg":{…},"connId":…}`; books start with a snapshot then updates
 * chained by `prevSeqId` → `seqId`, each with the CRC-32 (signed) of the top 25 levels; the
 * client pings with the text `ping` and gets `pong`. The server sends no heartbeat.
 */
export class OkxDialect implements ExchangeDialect {
  readonly id = 'okx';
  readonly docs = SPEC.docs;
  readonly sharedEncoding = true;
  readonly heartbeat = null;

  nativeSymbol(symbol: string): string {
    return symbol.endsWith('-PERP') ? `${symbol.slice(0, -5)}-SWAP` : symbol;
  }

  accept(path: string): AcceptedPath | null {
    return path === '/ws/v5/public' ? { mode: 'okx', topics: [] } : null;
  }

  parseTopic(topic: string): TopicSubscription | null {
    const i = topic.indexOf(':');
    const channel = topic.slice(0, i);
    const instId = topic.slice(i + 1);
    if (i <= 0 || !instId) return null;
    if (BOOK_CHANNELS.has(channel))
      return { topic, channel: 'book', nativeSymbol: instId, variant: channel };
    if (channel === 'trades')
      return { topic, channel: 'trades', nativeSymbol: instId, variant: channel };
    if (channel === 'tickers' || channel === 'bbo-tbt') {
      return { topic, channel: 'bbo', nativeSymbol: instId, variant: channel };
    }
    return null;
  }

  onMessage(conn: DialectConnection, text: string, markets: DialectMarkets): void {
    if (text === 'ping') {
      conn.send('pong');
      return;
    }
    const msg = parseObject(text);
    const id = typeof msg?.id === 'string' ? { id: msg.id } : {};
    if (!msg || (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') || !Array.isArray(msg.args)) {
      conn.send(this.error('60012', `Invalid request: ${text.slice(0, 100)}`, conn, id));
      return;
    }
    for (const raw of msg.args as unknown[]) {
      const arg = raw as { channel?: unknown; instId?: unknown } | null;
      const channel = typeof arg?.channel === 'string' ? arg.channel : '';
      const instId = typeof arg?.instId === 'string' ? arg.instId : '';
      const sub = this.parseTopic(`${channel}:${instId}`);
      const market = markets.get(instId);
      if (!sub || !market) {
        conn.send(
          this.error(
            '60018',
            `Wrong URL or channel:${channel},instId:${instId} doesn't exist`,
            conn,
            id,
          ),
        );
        continue;
      }
      const ack = JSON.stringify({
        ...id,
        event: msg.op,
        arg: { channel, instId },
        connId: conn.id,
      });
      if (msg.op === 'unsubscribe') {
        conn.unsubscribe(sub.topic);
        conn.send(ack);
        continue;
      }
      const added = conn.subscribe(sub);
      conn.send(ack);
      if (added && sub.channel === 'book') {
        markets.snapshotServed(instId);
        conn.send(this.snapshot(sub, market, markets.now()));
      }
    }
  }

  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[] {
    const p = market.profile;
    const arg = `{"arg":{"channel":"${sub.variant}","instId":"${batch.nativeSymbol}"}`;
    switch (sub.variant) {
      case 'trades':
        return batch.trades.map(
          (t) =>
            `${arg},"data":[{"instId":"${batch.nativeSymbol}","tradeId":"${t.id}","px":"${px(p, t.ticks)}",` +
            `"sz":"${sz(p, t.lots)}","side":"${t.side}","ts":"${t.ts}","count":"1"}]}`,
        );
      case 'tickers': {
        const b = batch.bbo;
        if (!b) return [];
        const last = market.lastTrade;
        const lastPx = px(p, last?.ticks ?? b.bidTicks);
        return [
          `${arg},"data":[{"instType":"${batch.nativeSymbol.endsWith('-SWAP') ? 'SWAP' : 'SPOT'}","instId":"${batch.nativeSymbol}",` +
            `"last":"${lastPx}","lastSz":"${sz(p, last?.lots ?? 0)}","askPx":"${px(p, b.askTicks)}","askSz":"${sz(p, b.askLots)}",` +
            `"bidPx":"${px(p, b.bidTicks)}","bidSz":"${sz(p, b.bidLots)}","open24h":"${lastPx}","high24h":"${lastPx}",` +
            `"low24h":"${lastPx}","volCcy24h":"0","vol24h":"0","ts":"${batch.ts}"}]}`,
        ];
      }
      case 'bbo-tbt': {
        const b = batch.bbo;
        if (!b) return [];
        return [
          `${arg},"data":[{"asks":[["${px(p, b.askTicks)}","${sz(p, b.askLots)}","0","1"]],` +
            `"bids":[["${px(p, b.bidTicks)}","${sz(p, b.bidLots)}","0","1"]],"ts":"${batch.ts}","seqId":${market.seq}}]}`,
        ];
      }
      default: {
        const d = batch.book;
        if (!d) return [];
        const { bids, asks } = changesBySide(d.changes);
        return [
          `${arg},"action":"update","data":[{"asks":${okxLevels(p, asks)},"bids":${okxLevels(p, bids)},` +
            `"ts":"${batch.ts}","checksum":${okxBookChecksum(market)},"prevSeqId":${d.prevSeq},"seqId":${d.lastSeq}}]}`,
        ];
      }
    }
  }

  rest(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null {
    if (path !== '/api/v5/market/books') return null;
    const instId = query.get('instId') ?? '';
    const market = markets.get(instId);
    if (!market) {
      return {
        status: 200,
        body: JSON.stringify({ code: '51001', msg: "Instrument ID doesn't exist.", data: [] }),
      };
    }
    const depth = Math.min(400, Math.max(1, Number(query.get('sz')) || 1));
    const p = market.profile;
    markets.snapshotServed(instId);
    return {
      status: 200,
      body:
        `{"code":"0","msg":"","data":[{"asks":${okxLevels(p, market.book.levels('ask', depth))},` +
        `"bids":${okxLevels(p, market.book.levels('bid', depth))},"ts":"${markets.now()}"}]}`,
    };
  }

  errorFrame(kind: ErrorKind, detail: string): string {
    return kind === 'rate-limit'
      ? JSON.stringify({ event: 'error', code: '60014', msg: `Requests too frequent. ${detail}` })
      : JSON.stringify({ event: 'error', code: '60012', msg: `Invalid request: ${detail}` });
  }

  restRateLimited(): RestReply {
    return {
      status: 429,
      body: JSON.stringify({ code: '50011', msg: 'Too Many Requests', data: [] }),
    };
  }

  malformedFrame(nativeSymbol: string): string {
    return `{"arg":{"channel":"trades","instId":"${nativeSymbol}"},"data":[{"instId":"${nativeSymbol}","tradeId":`;
  }

  hugeFrame(bytes: number): string {
    return `{"event":"notice","msg":"${filler(bytes - 40)}","connId":"emulator"}`;
  }

  private snapshot(sub: TopicSubscription, market: SymbolMarket, now: number): string {
    const p = market.profile;
    return (
      `{"arg":{"channel":"${sub.variant}","instId":"${sub.nativeSymbol}"},"action":"snapshot","data":[{` +
      `"asks":${okxLevels(p, market.book.levels('ask'))},"bids":${okxLevels(p, market.book.levels('bid'))},` +
      `"ts":"${now}","checksum":${okxBookChecksum(market)},"prevSeqId":-1,"seqId":${market.seq}}]}`
    );
  }

  private error(code: string, msg: string, conn: DialectConnection, id: object): string {
    return JSON.stringify({ ...id, event: 'error', code, msg, connId: conn.id });
  }
}

/** OKX levels: [price, size, "0" (deprecated), order count]; a deleted level has count 0. */
function okxLevels(p: SymbolProfile, levels: readonly Level[]): string {
  let out = '[';
  for (let i = 0; i < levels.length; i++) {
    if (i > 0) out += ',';
    const [t, l] = levels[i];
    out += `["${px(p, t)}","${sz(p, l)}","0","${l > 0 ? 1 : 0}"]`;
  }
  return out + ']';
}

/** CRC-32 of `bid1Px:bid1Sz:ask1Px:ask1Sz:…` over the top 25, as a signed 32-bit integer. */
export function okxBookChecksum(market: SymbolMarket): number {
  const p = market.profile;
  const bids = market.book.levels('bid', CHECKSUM_DEPTH);
  const asks = market.book.levels('ask', CHECKSUM_DEPTH);
  const parts: string[] = [];
  for (let i = 0; i < CHECKSUM_DEPTH; i++) {
    if (i < bids.length) parts.push(`${px(p, bids[i][0])}:${sz(p, bids[i][1])}`);
    if (i < asks.length) parts.push(`${px(p, asks[i][0])}:${sz(p, asks[i][1])}`);
  }
  return crc32(parts.join(':')) | 0;
}
